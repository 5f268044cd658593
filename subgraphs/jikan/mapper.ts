// Pure mapping from Jikan v4 payloads to the jikan subgraph's GraphQL values.
import { toUniversalFormat, toUniversalSeason, toUniversalStatus } from '../../src/domain/index.js';
import type { MalAnimePage, MalEpisode, MalGenre, MalListedAnime, MalPagination, MalReview, MalUserRecommendation } from './list-types.js';
import type { MalAnime } from './mal-anime.js';
import type {
  JikanAnime,
  JikanCharacter,
  JikanCharacterRole,
  JikanEntity,
  JikanEpisode,
  JikanGenre,
  JikanImages,
  JikanPagination,
  JikanPerson,
  JikanRecommendation,
  JikanReview,
  JikanStaffMember,
  JikanStatistics,
  JikanUserRecommendation,
} from './payloads.js';
import type {
  MalCharacter,
  MalCharacterRole,
  MalPerson,
  MalPersonRef,
  MalRecommendation,
  MalStaffMember,
  MalStatistics,
  MalVoiceActor,
} from './people-types.js';
import type { MalEntity, MalImages, MalRelation } from './types.js';

/** The root value of Anime in this subgraph: its key, plus the MAL record when a list response carried it. */
export interface AnimeReference {
  malId: number | null;
  preloaded?: MalAnime;
}

export const animeRef = (malId: number, preloaded?: MalAnime): AnimeReference => (preloaded ? { malId, preloaded } : { malId });

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** "24 min per ep" → 1440, "1 hr 55 min" → 6900, "45 sec" → 45; null for "Unknown". */
export function parseDurationSeconds(text: string | null | undefined): number | null {
  if (!text) return null;
  const part = (unit: string) => Number(new RegExp(`(\\d+)\\s*${unit}`).exec(text)?.[1] ?? 0);
  const seconds = part('hr') * 3600 + part('min') * 60 + part('sec');
  return seconds > 0 ? seconds : null;
}

export function toMalImages(images: JikanImages | null | undefined): MalImages | null {
  if (!images) return null;
  const set = (s: { image_url?: string | null; small_image_url?: string | null; large_image_url?: string | null } | null | undefined) =>
    s ? { imageUrl: orNull(s.image_url), smallImageUrl: orNull(s.small_image_url), largeImageUrl: orNull(s.large_image_url) } : null;
  return { jpg: set(images.jpg), webp: set(images.webp) };
}

const toEntity = (e: JikanEntity): MalEntity => ({ malId: e.mal_id, name: e.name, type: orNull(e.type), url: orNull(e.url) });
const entities = (list: JikanEntity[] | null | undefined): MalEntity[] => (list ?? []).map(toEntity);

function toRelations(relations: NonNullable<JikanAnime['relations']>): MalRelation[] {
  return relations.map((r) => ({
    relation: r.relation,
    entries: r.entry.map((e) => ({ ...toEntity(e), anime: e.type === 'anime' ? animeRef(e.mal_id) : null })),
  }));
}

/** MAL writes 0 for "not ranked" in some list payloads. */
const positiveOrNull = (n: number | null | undefined) => (n && n > 0 ? n : null);

export function toMalAnime(a: JikanAnime): MalAnime {
  const complete = a.relations != null || a.external != null || a.streaming != null;
  return {
    malId: a.mal_id,
    url: orNull(a.url),
    images: toMalImages(a.images),
    trailer: a.trailer ? { youtubeId: orNull(a.trailer.youtube_id), url: orNull(a.trailer.url), embedUrl: orNull(a.trailer.embed_url) } : null,
    approved: orNull(a.approved),
    title: a.title,
    titleEnglish: orNull(a.title_english),
    titleJapanese: orNull(a.title_japanese),
    titleSynonyms: a.title_synonyms ?? [],
    titles: a.titles ?? [],
    type: orNull(a.type),
    format: toUniversalFormat(a.type),
    source: orNull(a.source),
    episodes: orNull(a.episodes),
    statusText: orNull(a.status),
    status: toUniversalStatus(a.status),
    airing: orNull(a.airing),
    aired: a.aired ? { from: orNull(a.aired.from), to: orNull(a.aired.to), string: orNull(a.aired.string) } : null,
    duration: orNull(a.duration),
    durationSeconds: parseDurationSeconds(a.duration),
    rating: a.rating && a.rating !== 'None' ? a.rating : null,
    score: orNull(a.score),
    scoredBy: orNull(a.scored_by),
    rank: positiveOrNull(a.rank),
    popularity: positiveOrNull(a.popularity),
    members: orNull(a.members),
    favorites: orNull(a.favorites),
    synopsis: orNull(a.synopsis),
    background: orNull(a.background),
    season: toUniversalSeason(a.season),
    year: orNull(a.year),
    broadcast: a.broadcast
      ? { day: orNull(a.broadcast.day), time: orNull(a.broadcast.time), timezone: orNull(a.broadcast.timezone), string: orNull(a.broadcast.string) }
      : null,
    producers: entities(a.producers),
    licensors: entities(a.licensors),
    studios: entities(a.studios),
    genres: entities(a.genres),
    explicitGenres: entities(a.explicit_genres),
    themes: entities(a.themes),
    demographics: entities(a.demographics),
    complete,
    ...(complete && {
      relations: toRelations(a.relations ?? []),
      themeSongs: { openings: a.theme?.openings ?? [], endings: a.theme?.endings ?? [] },
      external: a.external ?? [],
      streaming: a.streaming ?? [],
    }),
  };
}

export function toMalPagination(p: JikanPagination | null | undefined, requestedPage: number | null | undefined): MalPagination {
  return {
    currentPage: p?.current_page ?? requestedPage ?? 1,
    lastVisiblePage: orNull(p?.last_visible_page),
    hasNextPage: p?.has_next_page ?? false,
    total: orNull(p?.items?.total),
  };
}

export function toListedAnime(a: JikanAnime): MalListedAnime {
  const mal = toMalAnime(a);
  return { anime: animeRef(a.mal_id, mal), malId: a.mal_id, title: a.title, rank: mal.rank, score: mal.score, members: mal.members };
}

export function toAnimePage(page: { data: JikanAnime[]; pagination?: JikanPagination | null }, requestedPage?: number | null): MalAnimePage {
  return { nodes: page.data.map(toListedAnime), pagination: toMalPagination(page.pagination, requestedPage) };
}

export const toPersonRef = (p: { mal_id: number; name: string; url?: string | null; images?: JikanImages | null }): MalPersonRef => ({
  malId: p.mal_id,
  name: p.name,
  url: orNull(p.url),
  images: toMalImages(p.images),
});

const toVoiceActor = (v: { person: Parameters<typeof toPersonRef>[0]; language?: string | null }): MalVoiceActor => ({
  person: toPersonRef(v.person),
  language: orNull(v.language),
});

export function toCharacterRole(c: JikanCharacterRole): MalCharacterRole {
  return { character: toPersonRef(c.character), role: orNull(c.role), favorites: orNull(c.favorites), voiceActors: (c.voice_actors ?? []).map(toVoiceActor) };
}

export const toStaffMember = (s: JikanStaffMember): MalStaffMember => ({ person: toPersonRef(s.person), positions: s.positions ?? [] });

export const toRecommendation = (r: JikanRecommendation): MalRecommendation => ({
  anime: animeRef(r.entry.mal_id),
  title: r.entry.title,
  images: toMalImages(r.entry.images),
  url: orNull(r.url),
  votes: orNull(r.votes),
});

export const toStatistics = (s: JikanStatistics): MalStatistics => ({
  watching: orNull(s.watching),
  completed: orNull(s.completed),
  onHold: orNull(s.on_hold),
  dropped: orNull(s.dropped),
  planToWatch: orNull(s.plan_to_watch),
  total: orNull(s.total),
  scores: (s.scores ?? []).map((x) => ({ score: x.score, votes: orNull(x.votes), percentage: orNull(x.percentage) })),
});

export const toGenre = (g: JikanGenre): MalGenre => ({ malId: g.mal_id, name: g.name, url: orNull(g.url), count: orNull(g.count) });

export const toUserRecommendation = (r: JikanUserRecommendation): MalUserRecommendation => ({
  id: r.mal_id,
  entries: r.entry.map((e) => ({ anime: animeRef(e.mal_id), title: e.title, images: toMalImages(e.images) })),
  content: orNull(r.content),
  date: orNull(r.date),
  username: orNull(r.user?.username),
});

export const toCharacter = (c: JikanCharacter): MalCharacter => ({
  malId: c.mal_id,
  name: c.name,
  nameKanji: orNull(c.name_kanji),
  nicknames: c.nicknames ?? [],
  url: orNull(c.url),
  images: toMalImages(c.images),
  favorites: orNull(c.favorites),
  about: orNull(c.about),
  anime: (c.anime ?? []).map((x) => ({ anime: animeRef(x.anime.mal_id), title: x.anime.title, role: orNull(x.role) })),
  voices: (c.voices ?? []).map(toVoiceActor),
});

export const toPerson = (p: JikanPerson): MalPerson => ({
  malId: p.mal_id,
  name: p.name,
  givenName: orNull(p.given_name),
  familyName: orNull(p.family_name),
  alternateNames: p.alternate_names ?? [],
  birthday: orNull(p.birthday),
  url: orNull(p.url),
  websiteUrl: orNull(p.website_url),
  images: toMalImages(p.images),
  favorites: orNull(p.favorites),
  about: orNull(p.about),
  anime: (p.anime ?? []).map((x) => ({ anime: animeRef(x.anime.mal_id), title: x.anime.title, role: orNull(x.position) })),
  voices: (p.voices ?? []).map((v) => ({ character: toPersonRef(v.character), anime: animeRef(v.anime.mal_id), title: v.anime.title, role: orNull(v.role) })),
});

/** MAL's pages pad some titles with a no-break space ("Ken no Sekai\u00a0"); trim() removes it. */
const trimmed = (text: string | null | undefined): string | null => text?.trim() || null;

export const toEpisode = (e: JikanEpisode): MalEpisode => ({
  number: e.mal_id,
  title: e.title.trim(),
  titleJapanese: trimmed(e.title_japanese),
  titleRomaji: trimmed(e.title_romanji),
  aired: orNull(e.aired),
  score: orNull(e.score),
  filler: orNull(e.filler),
  recap: orNull(e.recap),
  url: orNull(e.url),
  forumUrl: orNull(e.forum_url),
});

/** Both review shapes (see payloads.ts): the current `score`/`reactions`, or the older `scores`/`votes`. */
export function toReview(r: JikanReview): MalReview {
  const aspects = r.scores;
  return {
    malId: r.mal_id,
    url: orNull(r.url),
    date: orNull(r.date),
    text: orNull(r.review),
    score: r.score ?? aspects?.overall ?? null,
    scores: aspects
      ? { story: orNull(aspects.story), animation: orNull(aspects.animation), sound: orNull(aspects.sound), character: orNull(aspects.character), enjoyment: orNull(aspects.enjoyment) }
      : null,
    votes: r.reactions?.overall ?? r.votes ?? null,
    tags: r.tags ?? [],
    spoiler: orNull(r.is_spoiler),
    preliminary: orNull(r.is_preliminary),
    episodesWatched: orNull(r.episodes_watched),
    username: orNull(r.user?.username),
  };
}
