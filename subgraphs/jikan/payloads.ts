// Zod shapes of the Jikan v4 responses this subgraph reads (https://docs.api.jikan.moe/). Parsed
// once at the edge; lenient where MAL leaves fields out (list endpoints omit what /full adds).
import { z } from 'zod';

const str = z.string().nullish();
const int = z.number().int().nullish();
const num = z.number().nullish();

const imageSet = z.object({ image_url: str, small_image_url: str, large_image_url: str }).partial();
export const imagesSchema = z.object({ jpg: imageSet.nullish(), webp: imageSet.nullish() }).partial();

/** A MAL entity link: genre, studio, producer, licensor, related entry. */
const entitySchema = z.object({ mal_id: z.number().int(), type: str, name: z.string(), url: str });

const dateRange = z.object({ from: str, to: str, string: str }).partial();

export const animeSchema = z.object({
  mal_id: z.number().int(),
  url: str,
  images: imagesSchema.nullish(),
  trailer: z.object({ youtube_id: str, url: str, embed_url: str }).partial().nullish(),
  approved: z.boolean().nullish(),
  titles: z.array(z.object({ type: z.string(), title: z.string() })).nullish(),
  title: z.string(),
  title_english: str,
  title_japanese: str,
  title_synonyms: z.array(z.string()).nullish(),
  type: str,
  source: str,
  episodes: int,
  status: str,
  airing: z.boolean().nullish(),
  aired: dateRange.nullish(),
  duration: str,
  rating: str,
  score: num,
  scored_by: int,
  rank: int,
  popularity: int,
  members: int,
  favorites: int,
  synopsis: str,
  background: str,
  season: str,
  year: int,
  broadcast: z.object({ day: str, time: str, timezone: str, string: str }).partial().nullish(),
  producers: z.array(entitySchema).nullish(),
  licensors: z.array(entitySchema).nullish(),
  studios: z.array(entitySchema).nullish(),
  genres: z.array(entitySchema).nullish(),
  explicit_genres: z.array(entitySchema).nullish(),
  themes: z.array(entitySchema).nullish(),
  demographics: z.array(entitySchema).nullish(),
  // Only /anime/{id}/full has these four.
  relations: z.array(z.object({ relation: z.string(), entry: z.array(entitySchema) })).nullish(),
  theme: z.object({ openings: z.array(z.string()).nullish(), endings: z.array(z.string()).nullish() }).nullish(),
  external: z.array(z.object({ name: z.string(), url: z.string() })).nullish(),
  streaming: z.array(z.object({ name: z.string(), url: z.string() })).nullish(),
});
export type JikanAnime = z.infer<typeof animeSchema>;

/** Early v4 pages have only last_visible_page and has_next_page; later ones add current_page and items. */
const paginationSchema = z.object({
  last_visible_page: int,
  has_next_page: z.boolean().nullish(),
  current_page: int,
  items: z.object({ count: int, total: int, per_page: int }).partial().nullish(),
});
export type JikanPagination = z.infer<typeof paginationSchema>;

export const animeResponse = z.object({ data: animeSchema });
export const animePageResponse = z.object({ data: z.array(animeSchema), pagination: paginationSchema.nullish() });

const personRef = z.object({ mal_id: z.number().int(), url: str, images: imagesSchema.nullish(), name: z.string() });
const characterRef = personRef;

export const charactersResponse = z.object({
  data: z.array(
    z.object({
      character: characterRef,
      role: str,
      favorites: int,
      voice_actors: z.array(z.object({ person: personRef, language: str })).nullish(),
    }),
  ),
});
export type JikanCharacterRole = z.infer<typeof charactersResponse>['data'][number];

export const staffResponse = z.object({ data: z.array(z.object({ person: personRef, positions: z.array(z.string()).nullish() })) });
export type JikanStaffMember = z.infer<typeof staffResponse>['data'][number];

const recommendedEntry = z.object({ mal_id: z.number().int(), url: str, images: imagesSchema.nullish(), title: z.string() });

export const recommendationsResponse = z.object({
  data: z.array(z.object({ entry: recommendedEntry, url: str, votes: int })),
});
export type JikanRecommendation = z.infer<typeof recommendationsResponse>['data'][number];

export const statisticsResponse = z.object({
  data: z.object({
    watching: int,
    completed: int,
    on_hold: int,
    dropped: int,
    plan_to_watch: int,
    total: int,
    scores: z.array(z.object({ score: z.number().int(), votes: int, percentage: num })).nullish(),
  }),
});
export type JikanStatistics = z.infer<typeof statisticsResponse>['data'];

export const genresResponse = z.object({
  data: z.array(z.object({ mal_id: z.number().int(), name: z.string(), url: str, count: int })),
});
export type JikanGenre = z.infer<typeof genresResponse>['data'][number];

export const recentRecommendationsResponse = z.object({
  data: z.array(
    z.object({
      // "22135-31646": the two anime ids of the pair.
      mal_id: z.string(),
      entry: z.array(recommendedEntry),
      content: str,
      date: str,
      user: z.object({ url: str, username: str }).nullish(),
    }),
  ),
  pagination: paginationSchema.nullish(),
});
export type JikanUserRecommendation = z.infer<typeof recentRecommendationsResponse>['data'][number];

/** The anime/manga/voices arrays are only in the /full variants of character and person. */
const roleInAnime = z.object({ role: str, anime: recommendedEntry });

export const characterResponse = z.object({
  data: z.object({
    mal_id: z.number().int(),
    url: str,
    images: imagesSchema.nullish(),
    name: z.string(),
    name_kanji: str,
    nicknames: z.array(z.string()).nullish(),
    favorites: int,
    about: str,
    anime: z.array(roleInAnime).nullish(),
    voices: z.array(z.object({ person: personRef, language: str })).nullish(),
  }),
});
export type JikanCharacter = z.infer<typeof characterResponse>['data'];

export const personResponse = z.object({
  data: z.object({
    mal_id: z.number().int(),
    url: str,
    website_url: str,
    images: imagesSchema.nullish(),
    name: z.string(),
    given_name: str,
    family_name: str,
    alternate_names: z.array(z.string()).nullish(),
    birthday: str,
    favorites: int,
    about: str,
    anime: z.array(z.object({ position: str, anime: recommendedEntry })).nullish(),
    voices: z.array(z.object({ role: str, anime: recommendedEntry, character: characterRef })).nullish(),
  }),
});
export type JikanPerson = z.infer<typeof personResponse>['data'];

/** /anime/{id}/episodes: list entries, 100 a page; `duration` and `synopsis` only come per episode. */
export const episodesResponse = z.object({
  data: z.array(
    z.object({
      mal_id: z.number().int(),
      url: str,
      title: z.string(),
      title_japanese: str,
      title_romanji: str,
      aired: str,
      // Early-v4 pages (2022) have no score yet.
      score: num,
      filler: z.boolean().nullish(),
      recap: z.boolean().nullish(),
      forum_url: str,
    }),
  ),
  pagination: paginationSchema.nullish(),
});
export type JikanEpisode = z.infer<typeof episodesResponse>['data'][number];

/**
 * /anime/{id}/reviews, 20 a page. Two shapes: until MAL's 2022 redesign a review had `votes` and
 * per-aspect `scores`; since then `score`, `reactions`, `tags` and the spoiler/preliminary flags.
 */
export const reviewsResponse = z.object({
  data: z.array(
    z.object({
      mal_id: z.number().int(),
      url: str,
      type: str,
      date: str,
      review: str,
      episodes_watched: int,
      score: int,
      tags: z.array(z.string()).nullish(),
      is_spoiler: z.boolean().nullish(),
      is_preliminary: z.boolean().nullish(),
      reactions: z.object({ overall: int }).nullish(),
      votes: int,
      scores: z.object({ overall: int, story: int, animation: int, sound: int, character: int, enjoyment: int }).partial().nullish(),
      user: z.object({ url: str, username: str, images: imagesSchema.nullish() }).nullish(),
    }),
  ),
  pagination: paginationSchema.nullish(),
});
export type JikanReview = z.infer<typeof reviewsResponse>['data'][number];

export type JikanImages = z.infer<typeof imagesSchema>;
export type JikanEntity = z.infer<typeof entitySchema>;
