// AniList's answers as zod schemas: the one place upstream JSON is parsed. AniList only returns
// the fields a query asks for and most of them may be null, so nearly everything is nullish here.
import { z } from 'zod';

const int = z.number().int();

const title = z.object({
  romaji: z.string().nullish(),
  english: z.string().nullish(),
  native: z.string().nullish(),
});

const fuzzyDate = z.object({ year: int.nullish(), month: int.nullish(), day: int.nullish() });

const tag = z.object({
  name: z.string(),
  rank: int.nullish(),
  category: z.string().nullish(),
  isGeneralSpoiler: z.boolean().nullish(),
  isMediaSpoiler: z.boolean().nullish(),
  isAdult: z.boolean().nullish(),
});

const relationEdge = z.object({
  relationType: z.string().nullish(),
  node: z
    .object({ id: int, type: z.string().nullish(), format: z.string().nullish(), status: z.string().nullish(), title: title.nullish() })
    .nullish(),
});

const studioEdge = z.object({
  isMain: z.boolean().nullish(),
  node: z.object({ id: int, name: z.string(), isAnimationStudio: z.boolean().nullish() }).nullish(),
});

const airingEpisode = z.object({ episode: int, airingAt: int, timeUntilAiring: int.nullish() });

const streamingEpisode = z.object({
  title: z.string().nullish(),
  thumbnail: z.string().nullish(),
  url: z.string().nullish(),
  site: z.string().nullish(),
});

const externalLink = z.object({
  url: z.string().nullish(),
  site: z.string(),
  type: z.string().nullish(),
  language: z.string().nullish(),
});

const coverImage = z.object({
  extraLarge: z.string().nullish(),
  large: z.string().nullish(),
  medium: z.string().nullish(),
  color: z.string().nullish(),
});

/** A list AniList types as `[T]`: the list and each element may be null. */
const list = <T extends z.ZodType>(item: T) => z.array(item.nullable()).nullish();

export const anilistMediaSchema = z.object({
  id: int,
  idMal: int.nullish(),
  title: title.nullish(),
  description: z.string().nullish(),
  format: z.string().nullish(),
  status: z.string().nullish(),
  season: z.string().nullish(),
  seasonYear: int.nullish(),
  startDate: fuzzyDate.nullish(),
  endDate: fuzzyDate.nullish(),
  episodes: int.nullish(),
  duration: int.nullish(),
  averageScore: int.nullish(),
  meanScore: int.nullish(),
  // How many users gave each score (10, 20, … 100): their sum is the number of votes behind averageScore.
  stats: z.object({ scoreDistribution: list(z.object({ score: int, amount: int })) }).nullish(),
  popularity: int.nullish(),
  favourites: int.nullish(),
  trending: int.nullish(),
  genres: list(z.string()),
  synonyms: list(z.string()),
  tags: list(tag),
  relations: z.object({ edges: list(relationEdge) }).nullish(),
  studios: z.object({ edges: list(studioEdge) }).nullish(),
  nextAiringEpisode: airingEpisode.nullish(),
  streamingEpisodes: list(streamingEpisode),
  externalLinks: list(externalLink),
  coverImage: coverImage.nullish(),
  bannerImage: z.string().nullish(),
  isAdult: z.boolean().nullish(),
  siteUrl: z.string().nullish(),
});

export type AnilistMediaPayload = z.infer<typeof anilistMediaSchema>;

/** GraphQL errors AniList sends next to (or instead of) data, e.g. `Not Found.` with status 404. */
const graphqlErrors = z.array(z.object({ message: z.string(), status: int.nullish() })).nullish();

export const mediaResponseSchema = z.object({
  data: z.object({ Media: anilistMediaSchema.nullable() }).nullable(),
  errors: graphqlErrors,
});
export type MediaResponse = z.infer<typeof mediaResponseSchema>;

const pageInfo = z.object({
  total: int.nullish(),
  perPage: int.nullish(),
  currentPage: int.nullish(),
  lastPage: int.nullish(),
  hasNextPage: z.boolean().nullish(),
});

export const pageResponseSchema = z.object({
  data: z.object({ Page: z.object({ pageInfo: pageInfo.nullish(), media: list(anilistMediaSchema) }).nullable() }).nullable(),
  errors: graphqlErrors,
});
export type PageResponse = z.infer<typeof pageResponseSchema>;
export type AnilistPagePayload = NonNullable<NonNullable<PageResponse['data']>['Page']>;
