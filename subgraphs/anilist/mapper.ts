// Pure mapping of an AniList Media payload to the AnilistMedia view: universal enums, relations
// as Anime references, computed fields (score 0–10, dates, time until the next episode).
import { RelationKind, toUniversalFormat, toUniversalSeason, toUniversalStatus } from '../../src/domain/index.js';
import type { AnilistMedia, AnilistRelation, AnilistTag } from './types.js';
import type { AnilistMediaPayload } from './upstream.js';

const RELATION_KINDS: Record<string, RelationKind> = {
  PREQUEL: RelationKind.PREQUEL,
  SEQUEL: RelationKind.SEQUEL,
  SIDE_STORY: RelationKind.SIDE_STORY,
  SPIN_OFF: RelationKind.SPIN_OFF,
  ALTERNATIVE: RelationKind.ALTERNATIVE,
  SUMMARY: RelationKind.SUMMARY,
  PARENT: RelationKind.PARENT,
};

/** AniList-only kinds (ADAPTATION, SOURCE, CHARACTER, COMPILATION, CONTAINS, OTHER) are OTHER. */
export function toRelationKind(relationType: string | null | undefined): RelationKind {
  if (!relationType) return RelationKind.UNKNOWN;
  return RELATION_KINDS[relationType] ?? RelationKind.OTHER;
}

const ANIME_FORMATS = new Set(['TV', 'TV_SHORT', 'MOVIE', 'SPECIAL', 'OVA', 'ONA', 'MUSIC']);

/** ANIME or MANGA: from `type` when asked for, else from the format (MANGA, NOVEL, ONE_SHOT are manga). */
function mediaTypeOf(type: string | null | undefined, format: string | null | undefined): string | null {
  if (type) return type;
  if (!format) return null;
  return ANIME_FORMATS.has(format) ? 'ANIME' : 'MANGA';
}

function fuzzyDate(date: { year?: number | null; month?: number | null; day?: number | null } | null | undefined): string | null {
  if (!date?.year) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!date.month) return String(date.year);
  return date.day ? `${date.year}-${pad(date.month)}-${pad(date.day)}` : `${date.year}-${pad(date.month)}`;
}

const present = <T>(items: ReadonlyArray<T | null> | null | undefined): T[] => (items ?? []).filter((x): x is T => x !== null);

function mapTags(tags: AnilistMediaPayload['tags']): AnilistTag[] {
  return present(tags)
    .map((t) => ({
      name: t.name,
      rank: t.rank ?? null,
      category: t.category ?? null,
      isSpoiler: Boolean(t.isMediaSpoiler || t.isGeneralSpoiler),
      isAdult: Boolean(t.isAdult),
    }))
    .sort((a, b) => (b.rank ?? -1) - (a.rank ?? -1));
}

function mapRelations(relations: AnilistMediaPayload['relations']): AnilistRelation[] {
  return present(relations?.edges).flatMap((edge) => {
    const node = edge.node;
    if (!node) return [];
    const mediaType = mediaTypeOf(node.type, node.format);
    return [
      {
        relationType: edge.relationType ?? 'OTHER',
        kind: toRelationKind(edge.relationType),
        anilistId: node.id,
        mediaType,
        format: node.format ?? null,
        title: node.title ? { romaji: node.title.romaji ?? null, english: node.title.english ?? null, native: node.title.native ?? null } : null,
        // Only anime are Anime entities; a manga id would name nothing (or the wrong thing) in the catalog.
        anime: mediaType === 'ANIME' ? { anilistId: node.id } : null,
      },
    ];
  });
}

/** The AnilistMedia view of one payload; `now` makes timeUntilAiring true when it is read. */
export function toAnilistMedia(media: AnilistMediaPayload, now: Date): AnilistMedia {
  const next = media.nextAiringEpisode;
  return {
    id: media.id,
    idMal: media.idMal ?? null,
    siteUrl: media.siteUrl ?? `https://anilist.co/anime/${media.id}`,
    title: { romaji: media.title?.romaji ?? null, english: media.title?.english ?? null, native: media.title?.native ?? null },
    synonyms: present(media.synonyms),
    description: media.description ?? null,
    format: toUniversalFormat(media.format),
    status: toUniversalStatus(media.status),
    season: toUniversalSeason(media.season),
    seasonYear: media.seasonYear ?? null,
    startDate: fuzzyDate(media.startDate),
    endDate: fuzzyDate(media.endDate),
    episodes: media.episodes ?? null,
    duration: media.duration ?? null,
    averageScore: media.averageScore ?? null,
    meanScore: media.meanScore ?? null,
    score: media.averageScore != null ? media.averageScore / 10 : null,
    scoreVotes: media.stats?.scoreDistribution ? media.stats.scoreDistribution.reduce((sum, bucket) => sum + (bucket?.amount ?? 0), 0) : null,
    popularity: media.popularity ?? null,
    favourites: media.favourites ?? null,
    trending: media.trending ?? null,
    genres: present(media.genres),
    tags: mapTags(media.tags),
    relations: mapRelations(media.relations),
    studios: present(media.studios?.edges)
      .flatMap((e) => (e.node ? [{ id: e.node.id, name: e.node.name, isMain: Boolean(e.isMain), isAnimationStudio: e.node.isAnimationStudio ?? null }] : []))
      .sort((a, b) => Number(b.isMain) - Number(a.isMain)),
    nextAiringEpisode: next
      ? {
          episode: next.episode,
          airingAt: next.airingAt,
          airingAtIso: new Date(next.airingAt * 1000).toISOString(),
          timeUntilAiring: next.airingAt - Math.floor(now.getTime() / 1000),
        }
      : null,
    streamingEpisodes: present(media.streamingEpisodes).map((e) => ({ title: e.title ?? null, thumbnail: e.thumbnail ?? null, url: e.url ?? null, site: e.site ?? null })),
    externalLinks: present(media.externalLinks).map((l) => ({ site: l.site, url: l.url ?? null, type: l.type ?? null, language: l.language ?? null })),
    coverImage: media.coverImage
      ? { extraLarge: media.coverImage.extraLarge ?? null, large: media.coverImage.large ?? null, medium: media.coverImage.medium ?? null, color: media.coverImage.color ?? null }
      : null,
    bannerImage: media.bannerImage ?? null,
    isAdult: Boolean(media.isAdult),
  };
}
