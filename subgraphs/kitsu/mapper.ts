// Kitsu JSON:API resources → the KitsuAnime shape this subgraph serves. Pure functions: the
// relationships are resolved against the document's `included` resources.
import { AnimeFormat, AnimeStatus, Platform, Season, seasonOfMonth, toUniversalFormat, toUniversalStatus } from '../../src/domain/index.js';
import { platformUrl } from '../../src/crosswalk/index.js';
import type { KitsuAnimeResource, KitsuIncluded } from './payloads.js';

export interface KitsuImageRecord {
  tiny: string | null;
  small: string | null;
  medium: string | null;
  large: string | null;
  original: string | null;
}

export interface KitsuAnimeRecord {
  id: number;
  slug: string | null;
  url: string;
  canonicalTitle: string | null;
  titles: { locale: string; title: string }[];
  titleEnglish: string | null;
  titleRomaji: string | null;
  titleJapanese: string | null;
  abbreviatedTitles: string[];
  synopsis: string | null;
  description: string | null;
  averageRating: number | null;
  score: number | null;
  ratingRank: number | null;
  popularityRank: number | null;
  userCount: number | null;
  favoritesCount: number | null;
  ratingFrequencies: { rating: number; count: number }[];
  ageRating: string | null;
  ageRatingGuide: string | null;
  subtype: string | null;
  format: AnimeFormat;
  kitsuStatus: string | null;
  status: AnimeStatus;
  episodeCount: number | null;
  episodeLength: number | null;
  totalLength: number | null;
  startDate: string | null;
  endDate: string | null;
  season: Season | null;
  year: number | null;
  tba: string | null;
  posterImage: KitsuImageRecord | null;
  coverImage: KitsuImageRecord | null;
  nsfw: boolean | null;
  youtubeVideoId: string | null;
  genres: { name: string; slug: string | null }[];
  categories: { title: string; slug: string | null; description: string | null }[];
  streamingLinks: { streamer: string | null; url: string; subs: string[]; dubs: string[]; regions: string[] }[];
  mappings: { externalSite: string; externalId: string; platform: Platform; url: string | null }[];
}

/** Kitsu's mapping sites that name a platform the crosswalk knows. */
const MAPPING_PLATFORMS: Record<string, Platform> = {
  'myanimelist/anime': Platform.MAL,
  'anilist/anime': Platform.ANILIST,
  anidb: Platform.ANIDB,
  animenewsnetwork: Platform.ANN,
};

export function platformOfMapping(externalSite: string): Platform {
  return MAPPING_PLATFORMS[externalSite.trim().toLowerCase()] ?? Platform.OTHER;
}

type IncludedIndex = Map<string, KitsuIncluded>;

export function indexIncluded(included: readonly KitsuIncluded[] | undefined): IncludedIndex {
  return new Map((included ?? []).map((r) => [`${r.type}:${r.id}`, r]));
}

/**
 * The included resources a relationship points at. A single-resource document may carry included
 * resources without linkage (e.g. a dump of a related endpoint): then every included resource of
 * that type belongs to the one primary resource.
 */
function related<T extends KitsuIncluded['type']>(
  resource: { relationships?: Record<string, { data?: unknown }> | undefined },
  name: string,
  type: T,
  index: IncludedIndex,
  single: boolean,
): Extract<KitsuIncluded, { type: T }>[] {
  const data = resource.relationships?.[name]?.data as { type: string; id: string } | { type: string; id: string }[] | null | undefined;
  if (data === undefined && single) return [...index.values()].filter((r): r is Extract<KitsuIncluded, { type: T }> => r.type === type);
  const ids = data == null ? [] : Array.isArray(data) ? data : [data];
  return ids
    .map((ref) => index.get(`${ref.type}:${ref.id}`))
    .filter((r): r is Extract<KitsuIncluded, { type: T }> => r !== undefined && r.type === type);
}

const nonEmpty = (value: string | null | undefined): string | null => (value && value.trim() ? value : null);

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toImage(image: Partial<KitsuImageRecord> | null | undefined): KitsuImageRecord | null {
  if (!image) return null;
  const record = {
    tiny: nonEmpty(image.tiny),
    small: nonEmpty(image.small),
    medium: nonEmpty(image.medium),
    large: nonEmpty(image.large),
    original: nonEmpty(image.original),
  };
  return Object.values(record).some((v) => v !== null) ? record : null;
}

/** "1998-04-03" → its year and broadcast season; null when Kitsu has no date. */
function dateParts(date: string | null): { year: number | null; season: Season | null } {
  const m = date ? /^(\d{4})-(\d{2})/.exec(date) : null;
  if (!m) return { year: null, season: null };
  const month = Number(m[2]);
  return { year: Number(m[1]), season: month >= 1 && month <= 12 ? seasonOfMonth(month) : null };
}

export function toKitsuAnime(resource: KitsuAnimeResource, index: IncludedIndex, single = false): KitsuAnimeRecord {
  const a = resource.attributes;
  const id = Number(resource.id);
  const titles = Object.entries(a.titles ?? {})
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
    .map(([locale, title]) => ({ locale, title }));
  const title = (locale: string) => titles.find((t) => t.locale === locale)?.title ?? null;
  const averageRating = toNumber(a.averageRating);
  const startDate = nonEmpty(a.startDate);
  const streamers = (link: Extract<KitsuIncluded, { type: 'streamingLinks' }>) =>
    related(link, 'streamer', 'streamers', index, false)[0]?.attributes.siteName ?? null;

  return {
    id,
    slug: nonEmpty(a.slug),
    url: platformUrl(Platform.KITSU, resource.id),
    canonicalTitle: nonEmpty(a.canonicalTitle),
    titles,
    titleEnglish: title('en') ?? title('en_us'),
    titleRomaji: title('en_jp'),
    titleJapanese: title('ja_jp'),
    abbreviatedTitles: (a.abbreviatedTitles ?? []).filter((t): t is string => !!t && t.trim() !== ''),
    synopsis: nonEmpty(a.synopsis),
    description: nonEmpty(a.description),
    averageRating,
    score: averageRating === null ? null : Math.round(averageRating * 10) / 100,
    ratingRank: a.ratingRank ?? null,
    popularityRank: a.popularityRank ?? null,
    userCount: a.userCount ?? null,
    favoritesCount: a.favoritesCount ?? null,
    ratingFrequencies: Object.entries(a.ratingFrequencies ?? {})
      .map(([rating, n]) => ({ rating: Number(rating), count: toNumber(n) }))
      .filter((f): f is { rating: number; count: number } => Number.isInteger(f.rating) && f.count !== null)
      .sort((x, y) => x.rating - y.rating),
    ageRating: nonEmpty(a.ageRating),
    ageRatingGuide: nonEmpty(a.ageRatingGuide),
    subtype: nonEmpty(a.subtype),
    format: toUniversalFormat(a.subtype),
    kitsuStatus: nonEmpty(a.status),
    status: toUniversalStatus(a.status),
    episodeCount: a.episodeCount ?? null,
    episodeLength: a.episodeLength ?? null,
    totalLength: a.totalLength ?? null,
    startDate,
    endDate: nonEmpty(a.endDate),
    ...dateParts(startDate),
    tba: nonEmpty(a.tba),
    posterImage: toImage(a.posterImage),
    coverImage: toImage(a.coverImage),
    nsfw: a.nsfw ?? null,
    youtubeVideoId: nonEmpty(a.youtubeVideoId),
    genres: related(resource, 'genres', 'genres', index, single)
      .filter((g) => nonEmpty(g.attributes.name))
      .map((g) => ({ name: g.attributes.name!, slug: nonEmpty(g.attributes.slug) })),
    categories: related(resource, 'categories', 'categories', index, single)
      .filter((c) => nonEmpty(c.attributes.title))
      .map((c) => ({ title: c.attributes.title!, slug: nonEmpty(c.attributes.slug), description: nonEmpty(c.attributes.description) })),
    streamingLinks: related(resource, 'streamingLinks', 'streamingLinks', index, single)
      .filter((l) => nonEmpty(l.attributes.url))
      .map((l) => ({
        streamer: streamers(l),
        url: l.attributes.url!,
        subs: l.attributes.subs ?? [],
        dubs: l.attributes.dubs ?? [],
        regions: l.attributes.regions ?? [],
      })),
    mappings: related(resource, 'mappings', 'mappings', index, single)
      .filter((m) => nonEmpty(m.attributes.externalSite) && nonEmpty(m.attributes.externalId))
      .map((m) => {
        const platform = platformOfMapping(m.attributes.externalSite!);
        const externalId = m.attributes.externalId!;
        return {
          externalSite: m.attributes.externalSite!,
          externalId,
          platform,
          url: platform === Platform.OTHER ? null : platformUrl(platform, externalId),
        };
      }),
  };
}
