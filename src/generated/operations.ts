/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Every condition must hold; lists inside a condition mean any of. */
export type AnimeFilter = {
  episodesMax?: number | null | undefined;
  episodesMin?: number | null | undefined;
  formats?: Array<AnimeFormat> | null | undefined;
  /** 0–10. */
  minScore?: number | null | undefined;
  season?: Season | null | undefined;
  statuses?: Array<AnimeStatus> | null | undefined;
  /** None of these tags. */
  tagsExclude?: Array<string> | null | undefined;
  /** All of these tags (case-insensitive). */
  tagsInclude?: Array<string> | null | undefined;
  yearFrom?: number | null | undefined;
  yearTo?: number | null | undefined;
};

/** Release format, the same for every source. */
export type AnimeFormat =
  | 'MOVIE'
  | 'MUSIC'
  | 'ONA'
  | 'OVA'
  | 'SPECIAL'
  | 'TV'
  | 'TV_SHORT'
  | 'UNKNOWN';

/** Order of search results; RELEVANCE is the default with a text query, TITLE without one. */
export type AnimeSort =
  | 'EPISODES'
  | 'NEWEST'
  | 'OLDEST'
  | 'RELEVANCE'
  | 'SCORE'
  | 'TITLE';

/** Airing status, the same for every source. */
export type AnimeStatus =
  | 'AIRING'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'HIATUS'
  | 'UNKNOWN'
  | 'UPCOMING';

/** How two entries relate; UNKNOWN when the source does not say. */
export type RelationKind =
  | 'ALTERNATIVE'
  | 'OTHER'
  | 'PARENT'
  | 'PREQUEL'
  | 'SEQUEL'
  | 'SIDE_STORY'
  | 'SPIN_OFF'
  | 'SUMMARY'
  | 'UNKNOWN';

/** Anime season of the Japanese broadcast year (JST). */
export type Season =
  | 'FALL'
  | 'SPRING'
  | 'SUMMER'
  | 'WINTER';

export type AnimeByIdQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  anilistId?: number | null | undefined;
  kitsuId?: number | null | undefined;
  anidbId?: number | null | undefined;
  annId?: number | null | undefined;
}>;


export type AnimeByIdQuery = { anime: { id: string, title: string, titleEnglish: string | null, titleJapanese: string | null, titleRomaji: string | null, synonyms: Array<string>, format: AnimeFormat, status: AnimeStatus, episodes: number | null, season: Season | null, year: number | null, startDate: string | null, durationSeconds: number | null, score: number | null, tags: Array<string>, studios: Array<string>, picture: string | null, malId: number | null, anilistId: number | null, kitsuId: number | null, anidbId: number | null, annId: number | null, sources: Array<string>, related: Array<{ kind: RelationKind, anime: { id: string, title: string, format: AnimeFormat, year: number | null } }> } | null };

export type FranchiseQueryVariables = Exact<{
  id: string;
}>;


export type FranchiseQuery = { franchise: Array<{ id: string, title: string, format: AnimeFormat, year: number | null, startDate: string | null, episodes: number | null }> };

export type SearchAnimeQueryVariables = Exact<{
  query?: string | null | undefined;
  filter?: AnimeFilter | null | undefined;
  sort?: AnimeSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAnimeQuery = { search: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, titleEnglish: string | null, format: AnimeFormat, status: AnimeStatus, year: number | null, season: Season | null, episodes: number | null, score: number | null, tags: Array<string>, malId: number | null, anilistId: number | null }> } };

export type SeasonalAnimeQueryVariables = Exact<{
  year: number;
  season: Season;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SeasonalAnimeQuery = { seasonal: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, format: AnimeFormat, startDate: string | null, episodes: number | null, malId: number | null }> } };
