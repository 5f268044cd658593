// AniDB anime XML (parsed, upstream.ts) → the AnidbAnime shape this subgraph serves. Pure functions,
// tested on real recordings.
import { AnimeFormat, AnimeStatus, Platform } from '../../src/domain/index.js';
import { platformUrl } from '../../src/crosswalk/index.js';
import type { UpstreamAnidbAnime, UpstreamEpisode } from './upstream.js';

export interface AnidbTitleRecord {
  title: string;
  /** AniDB's language code: x-jat (romaji), ja, en, zh-Hans, … */
  language: string | null;
  /** main, official, synonym, short (episode titles have none). */
  type: string | null;
}

export interface AnidbRatingRecord {
  value: number;
  votes: number | null;
}

export interface AnidbEpisodeRecord {
  id: number;
  /** As AniDB numbers it: "1", "S1" (special), "C1" (opening/ending), "T1" (trailer), "P1", "O1". */
  number: string;
  kind: AnidbEpisodeKind;
  /** The number without its kind prefix. */
  index: number | null;
  lengthMinutes: number | null;
  airDate: string | null;
  rating: AnidbRatingRecord | null;
  title: string | null;
  titles: AnidbTitleRecord[];
}

export enum AnidbEpisodeKind {
  REGULAR = 'REGULAR',
  SPECIAL = 'SPECIAL',
  CREDIT = 'CREDIT',
  TRAILER = 'TRAILER',
  PARODY = 'PARODY',
  OTHER = 'OTHER',
}

export interface AnidbTagRecord {
  id: number;
  name: string;
  /** 0–600 in steps of 100 (AniDB's "weight"; 0 = not weighted). */
  weight: number | null;
  spoiler: boolean;
  verified: boolean;
  description: string | null;
}

export interface AnidbCreatorRecord {
  id: number | null;
  name: string;
  role: string;
}

export interface AnidbResourceRecord {
  /** AniDB's resource type number. */
  type: number;
  /** The site it names, when the type is one we know. */
  site: string | null;
  /** The crosswalk platform, OTHER for sites without a platform id. */
  platform: Platform;
  identifiers: string[];
  url: string | null;
}

export interface AnidbRelationRecord {
  anidbId: number;
  relation: string | null;
  title: string | null;
}

export interface AnidbAnimeRecord {
  id: number;
  url: string;
  title: string;
  titles: AnidbTitleRecord[];
  titleEnglish: string | null;
  titleJapanese: string | null;
  titleRomaji: string | null;
  type: string | null;
  format: AnimeFormat;
  status: AnimeStatus;
  episodeCount: number | null;
  startDate: string | null;
  endDate: string | null;
  restricted: boolean;
  officialSite: string | null;
  description: string | null;
  synopsis: string | null;
  ratings: { permanent: AnidbRatingRecord | null; temporary: AnidbRatingRecord | null; review: AnidbRatingRecord | null };
  /** The permanent rating, else the temporary one (AniDB rates 1–10 already). */
  score: number | null;
  tags: AnidbTagRecord[];
  creators: AnidbCreatorRecord[];
  studios: string[];
  resources: AnidbResourceRecord[];
  relations: AnidbRelationRecord[];
  picture: string | null;
  episodes: AnidbEpisodeRecord[];
}

const FORMATS: Record<string, AnimeFormat> = {
  'tv series': AnimeFormat.TV,
  'tv special': AnimeFormat.SPECIAL,
  movie: AnimeFormat.MOVIE,
  ova: AnimeFormat.OVA,
  web: AnimeFormat.ONA,
  'music video': AnimeFormat.MUSIC,
};

/**
 * Resource types AniDB uses in `<resources>` (its HTTP API definition; the same numbers as Shoko's
 * AniDB_ResourceLinkType), checked against the recordings: type 2 holds Haikyuu!!'s MAL id 20583.
 */
const RESOURCES: Record<number, { site: string; platform?: Platform }> = {
  1: { site: 'Anime News Network', platform: Platform.ANN },
  2: { site: 'MyAnimeList', platform: Platform.MAL },
  3: { site: 'AnimeNfo' },
  4: { site: 'Official site (Japanese)' },
  5: { site: 'Official site (English)' },
  6: { site: 'Wikipedia (English)' },
  7: { site: 'Wikipedia (Japanese)' },
  8: { site: 'Syoboi Calendar', platform: Platform.SYOBOCAL },
  9: { site: 'allcinema' },
  10: { site: 'anison.info' },
  11: { site: '.lain' },
  14: { site: 'VNDB' },
  28: { site: 'Crunchyroll' },
  32: { site: 'Amazon' },
  38: { site: 'Bangumi', platform: Platform.BANGUMI },
  42: { site: 'HIDIVE' },
};

const EPISODE_KINDS: Record<string, AnidbEpisodeKind> = {
  '': AnidbEpisodeKind.REGULAR,
  S: AnidbEpisodeKind.SPECIAL,
  C: AnidbEpisodeKind.CREDIT,
  T: AnidbEpisodeKind.TRAILER,
  P: AnidbEpisodeKind.PARODY,
  O: AnidbEpisodeKind.OTHER,
};

export const ANIDB_PICTURE_BASE = 'https://cdn.anidb.net/images/main/';

export function toAnidbAnime(anime: UpstreamAnidbAnime, today = new Date()): AnidbAnimeRecord {
  const id = Number(anime.id);
  const titles = anime.titles.flatMap((t) => titleOf(t));
  const pick = (type: string, language: string) => titles.find((t) => t.type === type && t.language === language)?.title ?? null;
  const main = titles.find((t) => t.type === 'main')?.title ?? titles[0]?.title ?? `AniDB ${id}`;
  const startDate = dateOf(anime.startdate);
  const endDate = dateOf(anime.enddate);
  const creators = anime.creators.flatMap((c) => {
    const name = c['#text']?.trim();
    return name ? [{ id: intOf(c.id), name, role: c.type ?? 'Unknown' }] : [];
  });
  const ratings = typeof anime.ratings === 'object' ? anime.ratings : undefined;
  const permanent = ratingOf(ratings?.permanent);
  const temporary = ratingOf(ratings?.temporary);
  return {
    id,
    url: platformUrl(Platform.ANIDB, id),
    title: main,
    titles,
    titleEnglish: pick('official', 'en'),
    titleJapanese: pick('official', 'ja'),
    titleRomaji: titles.find((t) => t.type === 'main' && t.language === 'x-jat')?.title ?? null,
    type: anime.type || null,
    format: FORMATS[(anime.type ?? '').trim().toLowerCase()] ?? AnimeFormat.UNKNOWN,
    status: statusOf(startDate, endDate, today),
    episodeCount: intOf(anime.episodecount),
    startDate,
    endDate,
    restricted: anime.restricted === 'true',
    officialSite: anime.url || null,
    description: anime.description || null,
    synopsis: anime.description ? toSynopsis(anime.description) : null,
    ratings: { permanent, temporary, review: ratingOf(ratings?.review) },
    score: (permanent ?? temporary)?.value ?? null,
    tags: anime.tags.map((t) => ({
      id: Number(t.id),
      name: t.name,
      weight: intOf(t.weight),
      spoiler: t.localspoiler === 'true' || t.globalspoiler === 'true',
      verified: t.verified === 'true',
      description: t.description || null,
    })),
    creators,
    // AniDB credits the studio as the "Animation Work" creator.
    studios: creators.filter((c) => c.role === 'Animation Work').map((c) => c.name),
    resources: anime.resources.flatMap((r) => resourcesOf(Number(r.type), r.externalentity ?? [])),
    relations: anime.relatedanime.map((r) => ({ anidbId: Number(r.id), relation: r.type ?? null, title: r['#text'] ?? null })),
    picture: anime.picture ? `${ANIDB_PICTURE_BASE}${encodeURIComponent(anime.picture)}` : null,
    episodes: anime.episodes.map(toEpisode).sort(byEpisode),
  };
}

function titleOf(t: { '#text'?: string; 'xml:lang'?: string; type?: string }): AnidbTitleRecord[] {
  const title = t['#text']?.trim();
  return title ? [{ title, language: t['xml:lang'] ?? null, type: t.type ?? null }] : [];
}

function toEpisode(episode: UpstreamEpisode): AnidbEpisodeRecord {
  const number = (episode.epno['#text'] ?? '').trim();
  const [, prefix = '', digits = ''] = /^([A-Z]?)(\d*)$/.exec(number) ?? [];
  const titles = (episode.title ?? []).flatMap((t) => titleOf(t));
  return {
    id: Number(episode.id),
    number,
    kind: EPISODE_KINDS[prefix] ?? AnidbEpisodeKind.OTHER,
    index: digits ? Number(digits) : null,
    lengthMinutes: intOf(episode.length),
    airDate: dateOf(episode.airdate),
    rating: ratingOf(episode.rating),
    // English first (the language most clients show), then romaji, then whatever there is.
    title: titles.find((t) => t.language === 'en')?.title ?? titles.find((t) => t.language === 'x-jat')?.title ?? titles[0]?.title ?? null,
    titles,
  };
}

const KIND_ORDER = Object.values(AnidbEpisodeKind);

function byEpisode(a: AnidbEpisodeRecord, b: AnidbEpisodeRecord): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.index ?? 0) - (b.index ?? 0);
}

function resourcesOf(type: number, entities: Array<{ identifier?: string[]; url?: string[] }>): AnidbResourceRecord[] {
  const known = RESOURCES[type];
  return entities.map((entity) => {
    const identifiers = (entity.identifier ?? []).map((i) => i.trim()).filter(Boolean);
    const platform = known?.platform && identifiers[0] && /^\d+$/.test(identifiers[0]) ? known.platform : Platform.OTHER;
    const url = entity.url?.[0]?.trim() || (platform !== Platform.OTHER ? platformUrl(platform, identifiers[0]!) : null);
    return { type, site: known?.site ?? null, platform, identifiers, url };
  });
}

function ratingOf(rating: { '#text'?: string; count?: string; votes?: string } | undefined): AnidbRatingRecord | null {
  const value = Number(rating?.['#text']);
  if (!rating || !rating['#text'] || !Number.isFinite(value)) return null;
  return { value, votes: intOf(rating.count ?? rating.votes) };
}

function intOf(value: string | undefined | null): number | null {
  if (value === undefined || value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

/** AniDB dates are YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known. */
function dateOf(value: string | undefined): string | null {
  const text = value?.trim();
  return text && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(text) ? text : null;
}

function statusOf(start: string | null, end: string | null, today: Date): AnimeStatus {
  const now = today.toISOString().slice(0, 10);
  if (!start) return AnimeStatus.UNKNOWN;
  if (start > now) return AnimeStatus.UPCOMING;
  if (end) return end < now ? AnimeStatus.COMPLETED : AnimeStatus.AIRING;
  // No end date: airing while the start is recent; an old entry without one is just incomplete.
  const twoYearsAgo = new Date(today.getTime() - 2 * 365 * 24 * 3600_000).toISOString().slice(0, 10);
  return start >= twoYearsAgo ? AnimeStatus.AIRING : AnimeStatus.UNKNOWN;
}

/**
 * AniDB's description as plain text: its links (`http://anidb.net/ch60471 [Hinata Shouyou]`) become
 * their label, and the trailing "Source: …" credit is kept (it names where the text came from).
 */
export function toSynopsis(description: string): string {
  return description
    .replace(/https?:\/\/anidb\.net\/[a-z]+\d+ \[([^\]]+)\]/g, '$1')
    .replace(/\r\n?/g, '\n')
    .trim();
}
