/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** AniDB episode kinds: REGULAR (1, 2, …), SPECIAL (S1…), CREDIT (openings/endings, C1…), TRAILER (T1…), PARODY (P1…), OTHER (O1…). */
export type AnidbEpisodeKind =
  | 'CREDIT'
  | 'OTHER'
  | 'PARODY'
  | 'REGULAR'
  | 'SPECIAL'
  | 'TRAILER';

/** AniList's MediaSort. Default: SEARCH_MATCH with a search text, POPULARITY_DESC without. */
export type AnilistMediaSort =
  | 'EPISODES'
  | 'EPISODES_DESC'
  | 'FAVOURITES_DESC'
  | 'ID'
  | 'ID_DESC'
  | 'POPULARITY'
  | 'POPULARITY_DESC'
  | 'SCORE'
  | 'SCORE_DESC'
  | 'SEARCH_MATCH'
  | 'START_DATE'
  | 'START_DATE_DESC'
  | 'TITLE_ROMAJI'
  | 'TITLE_ROMAJI_DESC'
  | 'TRENDING_DESC'
  | 'UPDATED_AT_DESC';

/** Every condition must hold; lists inside a condition mean any of. */
export type AnimeFilter = {
  episodesMax?: number | null | undefined;
  episodesMin?: number | null | undefined;
  formats?: Array<AnimeFormat> | null | undefined;
  /** 0–10. */
  minScore?: number | null | undefined;
  season?: Season | null | undefined;
  statuses?: Array<AnimeStatus> | null | undefined;
  /** Any of these studios; case, punctuation and company forms are ignored ("Kyoto Animation" matches "Kyoto Animation Co., Ltd.", "Toei" matches "Toei Animation"). */
  studios?: Array<string> | null | undefined;
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

/** Kitsu age rating: G all ages, PG children, R 17+, R18 adults only. */
export type KitsuAgeRating =
  | 'G'
  | 'PG'
  | 'R'
  | 'R18';

/** How much of a premiere LiveChart knows: the year, the month, the day, or the time (only TIME is a broadcast time). */
export type LivechartDatePrecision =
  | 'DAY'
  | 'MONTH'
  | 'TIME'
  | 'YEAR';

export type MalGenreKind =
  | 'DEMOGRAPHICS'
  | 'EXPLICIT_GENRES'
  | 'GENRES'
  | 'THEMES';

/** Which MAL top list: by score (no filter), airing, upcoming, popularity, favourites. */
export type MalTopFilter =
  | 'AIRING'
  | 'BY_POPULARITY'
  | 'FAVORITE'
  | 'UPCOMING';

/** MAL type filter of the top list. */
export type MalTopType =
  | 'CM'
  | 'MOVIE'
  | 'MUSIC'
  | 'ONA'
  | 'OVA'
  | 'PV'
  | 'SPECIAL'
  | 'TV'
  | 'TV_SPECIAL';

/** Broadcast day (JST) of the MAL schedule; UNKNOWN and OTHER are MAL buckets. */
export type MalWeekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'OTHER'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'UNKNOWN'
  | 'WEDNESDAY';

/** Why a result matched: metadata shared with the anime, the story, the words of the query, or the picture. */
export type MatchReasonKind =
  | 'MATCHED_WORDS'
  | 'RECOMMENDED_BY_FANS'
  | 'SAME_ERA'
  | 'SAME_FORMAT'
  | 'SHARED_STUDIOS'
  | 'SHARED_TAGS'
  | 'SHARED_TITLE_WORDS'
  | 'SIMILAR_SYNOPSIS'
  | 'VISUAL';

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

/** Which release: RAW is the Japanese broadcast, SUB the subtitled stream, DUB the English dub; ALL (arguments only) every kind. */
export type ScheduleAirType =
  | 'ALL'
  | 'DUB'
  | 'RAW'
  | 'SUB';

export type ScheduleWeekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

/** Anime season of the Japanese broadcast year (JST). */
export type Season =
  | 'FALL'
  | 'SPRING'
  | 'SUMMER'
  | 'WINTER';

/** Every condition must hold; lists inside a condition mean any of. */
export type SimilarityFilter = {
  formats?: Array<AnimeFormat> | null | undefined;
  /** Include adult (hentai) entries; left out by default. */
  includeAdult?: boolean | null | undefined;
  /** `similar` only: keep entries of the anime's own franchise (sequels, films, spin-offs: the catalog's relations, as `franchise` lists them, and entries whose title names the same series, e.g. "Ghost in the Shell 2: Innocence"). False by default, so `similar` discovers other works; ignored by `semanticSearch` and `searchByImage`. */
  sameFranchise?: boolean | null | undefined;
  statuses?: Array<AnimeStatus> | null | undefined;
  yearFrom?: number | null | undefined;
  yearTo?: number | null | undefined;
};

/** Where a source answer came from: a live upstream call, a fresh cache entry, a stale one served while the upstream is down or refreshing, or the offline catalog. */
export type SourceOrigin =
  | 'CACHE'
  | 'OFFLINE'
  | 'STALE'
  | 'UPSTREAM';

/** A source of merged data: pin one on a merged field (`source: MAL`), or read which one supplied a value. ANIDB, ANN, ANIME_PLANET, LIVECHART and ANISEARCH join a merge only with what their own field (`anidb`, `ann`, `animePlanet`…) has cached: a merge never calls them. */
export type SourcePin =
  | 'ANIDB'
  | 'ANILIST'
  | 'ANIME_PLANET'
  | 'ANISEARCH'
  | 'ANN'
  | 'CATALOG'
  | 'KITSU'
  | 'LIVECHART'
  | 'MAL';

export type AiringScheduleQueryVariables = Exact<{
  timezone?: string | null | undefined;
  airType?: ScheduleAirType | null | undefined;
  weekly?: boolean | null | undefined;
  week?: string | null | undefined;
  year?: number | null | undefined;
}>;


export type AiringScheduleQuery = { today?: { date: string, weekday: ScheduleWeekday, timezone: string, entries: Array<{ title: string, englishTitle: string | null, airType: ScheduleAirType, episodeNumber: number, episodes: number | null, airsAt: { local: string, localWeekday: ScheduleWeekday }, delay: { delayedUntil: { local: string } | null } | null, streams: Array<{ name: string, url: string }> }> } | null, week?: { year: number, week: number, timezone: string, entries: Array<{ title: string, englishTitle: string | null, airType: ScheduleAirType, episodeNumber: number, episodes: number | null, airsAt: { local: string, localWeekday: ScheduleWeekday }, delay: { delayedUntil: { local: string } | null } | null, streams: Array<{ name: string, url: string }> }> } | null };

export type AnimeNewsQueryVariables = Exact<{
  first?: number | null | undefined;
  animeId?: string | null | undefined;
}>;


export type AnimeNewsQuery = { annNews: Array<{ title: string, url: string | null, description: string | null, publishedAt: unknown, categories: Array<string>, matchedNames: Array<string>, anime: Array<{ id: string, title: string }> }> | null };

export type BroadcastDaysFromMyAnimeListQueryVariables = Exact<{
  day?: MalWeekday | null | undefined;
  page?: number | null | undefined;
}>;


export type BroadcastDaysFromMyAnimeListQuery = { malSchedule: { pagination: { currentPage: number, lastVisiblePage: number | null, hasNextPage: boolean }, nodes: Array<{ malId: number, title: string, score: number | null, members: number | null }> } | null };

export type BrowseAnimeQueryVariables = Exact<{
  filter: AnimeFilter;
  sort?: AnimeSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BrowseAnimeQuery = { search: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, titleEnglish: string | null, format: AnimeFormat, status: AnimeStatus, year: number | null, season: Season | null, episodes: number | null, studios: Array<string>, score: number | null, malId: number | null }> } };

export type CompareRatingsQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  withAnidb?: boolean | null | undefined;
  withAnn?: boolean | null | undefined;
  withScraped?: boolean | null | undefined;
}>;


export type CompareRatingsQuery = { anime: { id: string, title: string, score: number | null, ratings: { consensus: number | null, totalVotes: number, missing: Array<SourcePin>, platforms: Array<{ source: SourcePin, raw: number, scaleMax: number, normalized: number, votes: number | null, weight: number, fetchedAt: unknown }>, comparison: { range: number, spread: number, highest: { source: SourcePin, normalized: number }, lowest: { source: SourcePin, normalized: number } } | null } | null, mal: { score: number | null, scoredBy: number | null, rank: number | null, popularity: number | null, members: number | null } | null, anilist: { averageScore: number | null, meanScore: number | null, popularity: number | null, favourites: number | null } | null, kitsu: { averageRating: number | null, ratingRank: number | null, popularityRank: number | null, userCount: number | null } | null, anidb?: { ratings: { permanent: { value: number, votes: number | null } | null, temporary: { value: number, votes: number | null } | null } } | null, ann?: { ratings: { votes: number, weightedScore: number | null, bayesianScore: number | null } | null } | null, animePlanet?: { rank: number | null, rating: { value: number, votes: number | null, best: number } | null } | null, livechart?: { rating: { value: number, votes: number | null, best: number } | null } | null, anisearch?: { rating: { value: number, votes: number | null, best: number } | null } | null } | null };

export type FindSimilarAnimeQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  filter?: SimilarityFilter | null | undefined;
}>;


export type FindSimilarAnimeQuery = { anime: { id: string, title: string, similar: Array<{ score: number, reasons: Array<{ kind: MatchReasonKind, detail: string }>, anime: { id: string, title: string, format: AnimeFormat, year: number | null, episodes: number | null, tags: Array<string> } }> } | null };

export type GetAnimeByIdQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  anilistId?: number | null | undefined;
  kitsuId?: number | null | undefined;
  anidbId?: number | null | undefined;
  annId?: number | null | undefined;
  enhance?: boolean | null | undefined;
}>;


export type GetAnimeByIdQuery = { anime: { id: string, title: string, titleEnglish: string | null, titleJapanese: string | null, titleRomaji: string | null, synonyms: Array<string>, format: AnimeFormat, status: AnimeStatus, episodes: number | null, season: Season | null, year: number | null, startDate: string | null, endDate: string | null, durationSeconds: number | null, score: number | null, tags: Array<string>, studios: Array<string>, picture: string | null, malId: number | null, anilistId: number | null, kitsuId: number | null, anidbId: number | null, annId: number | null, sources: Array<string>, related: Array<{ kind: RelationKind, anime: { id: string, title: string, format: AnimeFormat, year: number | null } }>, mal?: { url: string | null, score: number | null, scoredBy: number | null, rank: number | null, popularity: number | null, members: number | null, source: string | null, rating: string | null, synopsis: string | null, genres: Array<{ name: string }>, themes: Array<{ name: string }>, trailer: { url: string | null } | null } | null, anilist?: { siteUrl: string, averageScore: number | null, popularity: number | null, genres: Array<string>, nextAiringEpisode: { episode: number, airingAtIso: string } | null } | null } | null };

export type GetAnimeCharactersQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type GetAnimeCharactersQuery = { anime: { id: string, title: string, mal: { characters: Array<{ role: string | null, favorites: number | null, character: { malId: number, name: string, url: string | null }, voiceActors: Array<{ language: string | null, person: { malId: number, name: string } }> }> | null } | null } | null };

export type GetAnimeEpisodesQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  page?: number | null | undefined;
}>;


export type GetAnimeEpisodesQuery = { anime: { id: string, title: string, mal: { episodes: number | null, episodeList: { pagination: { currentPage: number, lastVisiblePage: number | null, hasNextPage: boolean }, nodes: Array<{ number: number, title: string, titleJapanese: string | null, titleRomaji: string | null, aired: string | null, score: number | null, filler: boolean | null, recap: boolean | null }> } | null } | null } | null };

export type GetAnimeFromAnidbQueryVariables = Exact<{
  anidbId?: number | null | undefined;
  id?: string | null | undefined;
  malId?: number | null | undefined;
}>;


export type GetAnimeFromAnidbQuery = { anime: { id: string, title: string, anidbId: number | null, anidb: { id: number, url: string, title: string, titleEnglish: string | null, titleJapanese: string | null, type: string | null, format: AnimeFormat, status: AnimeStatus, episodeCount: number | null, startDate: string | null, endDate: string | null, synopsis: string | null, studios: Array<string>, picture: string | null, fetchedAt: unknown, origin: SourceOrigin | null, titles: Array<{ title: string, language: string | null, type: string | null }>, ratings: { permanent: { value: number, votes: number | null } | null, temporary: { value: number, votes: number | null } | null, review: { value: number, votes: number | null } | null }, tags: Array<{ name: string, weight: number | null, spoiler: boolean }>, creators: Array<{ name: string, role: string }>, resources: Array<{ site: string | null, url: string | null }>, episodes: Array<{ number: string, kind: AnidbEpisodeKind, airDate: string | null, title: string | null }> } | null } | null };

export type GetAnimeFromAnnQueryVariables = Exact<{
  annId?: number | null | undefined;
  id?: string | null | undefined;
  malId?: number | null | undefined;
}>;


export type GetAnimeFromAnnQuery = { anime: { id: string, title: string, annId: number | null, ann: { id: number, url: string, name: string | null, mainTitle: string | null, type: string | null, genres: Array<string>, themes: Array<string>, plotSummary: string | null, episodeCount: number | null, runningTime: string | null, vintage: Array<string>, picture: string | null, fetchedAt: unknown, origin: SourceOrigin | null, titles: Array<{ title: string, language: string | null }>, ratings: { votes: number, weightedScore: number | null, bayesianScore: number | null } | null, staff: Array<{ task: string, person: { name: string } }>, cast: Array<{ role: string, language: string | null, person: { name: string } }>, companies: Array<{ task: string, company: { name: string } }>, news: Array<{ title: string, url: string | null, date: string | null }> } | null } | null };

export type GetAnimeFromSourceQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  source: SourcePin;
  region?: string | null | undefined;
  withAnidb?: boolean | null | undefined;
  withAnn?: boolean | null | undefined;
  withAnimePlanet?: boolean | null | undefined;
  withLivechart?: boolean | null | undefined;
  withAnisearch?: boolean | null | undefined;
}>;


export type GetAnimeFromSourceQuery = { anime: { id: string, title: string, malId: number | null, anilistId: number | null, kitsuId: number | null, mergedSynopsis: { text: string, source: SourcePin, fetchedAt: unknown, origin: SourceOrigin } | null, reconciled: { episodes: number | null, status: AnimeStatus | null, airing: boolean | null, episodesFrom: { source: SourcePin, fetchedAt: unknown } | null, statusFrom: { source: SourcePin, fetchedAt: unknown } | null } | null, streaming: Array<{ service: string, url: string | null, regions: Array<string>, sources: Array<SourcePin> }>, ratings: { missing: Array<SourcePin>, platforms: Array<{ source: SourcePin, raw: number, scaleMax: number, normalized: number, votes: number | null, fetchedAt: unknown }> } | null, anidb?: { url: string, title: string, ratings: { permanent: { value: number, votes: number | null } | null } } | null, ann?: { url: string, name: string | null, ratings: { votes: number, bayesianScore: number | null } | null } | null, animePlanet?: { url: string, title: string, rank: number | null, rating: { value: number, votes: number | null, best: number } | null } | null, livechart?: { url: string, title: string, rating: { value: number, votes: number | null, best: number } | null } | null, anisearch?: { url: string, title: string, rating: { value: number, votes: number | null, best: number } | null } | null } | null };

export type GetAnimeRecommendationsQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
}>;


export type GetAnimeRecommendationsQuery = { anime: { id: string, title: string, mal: { recommendations: Array<{ votes: number | null, anime: { id: string, title: string, format: AnimeFormat, year: number | null, episodes: number | null, score: number | null, malId: number | null } }> | null } | null } | null };

export type GetAnimeReviewsQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  page?: number | null | undefined;
  spoilers?: boolean | null | undefined;
  preliminary?: boolean | null | undefined;
}>;


export type GetAnimeReviewsQuery = { anime: { id: string, title: string, mal: { reviews: { pagination: { currentPage: number, hasNextPage: boolean }, nodes: Array<{ malId: number, url: string | null, date: string | null, score: number | null, votes: number | null, tags: Array<string>, spoiler: boolean | null, preliminary: boolean | null, episodesWatched: number | null, username: string | null, text: string | null }> } | null } | null } | null };

export type GetAnimeStaffQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
}>;


export type GetAnimeStaffQuery = { anime: { id: string, title: string, mal: { staff: Array<{ positions: Array<string>, person: { malId: number, name: string, url: string | null } }> | null } | null } | null };

export type GetFranchiseQueryVariables = Exact<{
  id: string;
}>;


export type GetFranchiseQuery = { franchise: Array<{ id: string, title: string, titleEnglish: string | null, format: AnimeFormat, year: number | null, startDate: string | null, episodes: number | null }> };

export type GetSeasonalAnimeQueryVariables = Exact<{
  year: number;
  season: Season;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GetSeasonalAnimeQuery = { seasonal: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, titleEnglish: string | null, format: AnimeFormat, startDate: string | null, episodes: number | null, score: number | null, malId: number | null }> } };

export type GetStreamingInfoQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  region?: string | null | undefined;
}>;


export type GetStreamingInfoQuery = { anime: { id: string, title: string, streaming: Array<{ service: string, url: string | null, regions: Array<string>, sources: Array<SourcePin> }>, streamingOffers: Array<{ service: string, url: string | null, regions: Array<string> }>, mal: { streaming: Array<{ name: string, url: string }> | null } | null, kitsu: { streamingLinks: Array<{ streamer: string | null, url: string, subs: Array<string>, dubs: Array<string>, regions: Array<string> }> } | null } | null };

export type LivechartSeasonQueryVariables = Exact<{
  year: number;
  season: Season;
}>;


export type LivechartSeasonQuery = { livechartSeason: { year: number, season: Season, url: string, fetchedAt: unknown, origin: SourceOrigin | null, entries: Array<{ id: number, url: string, title: string, englishTitle: string | null, nativeTitle: string | null, premiere: unknown, premierePrecision: LivechartDatePrecision | null, premiereDate: string | null, premiereLabel: string | null, airsAt: unknown, studios: Array<string>, tags: Array<string>, source: string | null, episodes: number | null, minutes: number | null, synopsis: string | null, poster: string | null, release: { label: string, episode: number | null, medium: string | null, region: string | null, scheduleId: number | null } | null, anime: { id: string, title: string } | null }> } | null };

export type MyAnimeListGenresQueryVariables = Exact<{
  kind?: MalGenreKind | null | undefined;
}>;


export type MyAnimeListGenresQuery = { malGenres: Array<{ malId: number, name: string, count: number | null, url: string | null }> | null };

export type NextEpisodeQueryVariables = Exact<{
  id?: string | null | undefined;
  malId?: number | null | undefined;
  timezone?: string | null | undefined;
  airType?: ScheduleAirType | null | undefined;
}>;


export type NextEpisodeQuery = { anime: { id: string, title: string, status: AnimeStatus, episodes: number | null, malId: number | null, schedule: { status: AnimeStatus, statusText: string | null, episodes: number | null, timezone: string, nextEpisode: { episodeNumber: number, airType: ScheduleAirType, airsAt: { utc: string, jst: string, local: string }, delay: { description: string | null, delayedUntil: { local: string } | null } | null, streams: Array<{ name: string, url: string }> } | null, broadcasts: Array<{ airType: ScheduleAirType, local: { weekday: ScheduleWeekday | null, time: string } }>, delays: Array<{ airType: ScheduleAirType, description: string | null, delayedUntil: { local: string } | null }> } | null, anilist: { nextAiringEpisode: { episode: number, airingAtIso: string, timeUntilAiring: number } | null } | null } | null };

export type RandomAnimeQueryVariables = Exact<{ [key: string]: never; }>;


export type RandomAnimeQuery = { malRandom: { malId: number, title: string, score: number | null, members: number | null } | null };

export type SearchAnilistQueryVariables = Exact<{
  search?: string | null | undefined;
  formatIn?: Array<AnimeFormat> | AnimeFormat | null | undefined;
  statusIn?: Array<AnimeStatus> | AnimeStatus | null | undefined;
  genreIn?: Array<string> | string | null | undefined;
  genreNotIn?: Array<string> | string | null | undefined;
  tagIn?: Array<string> | string | null | undefined;
  season?: Season | null | undefined;
  seasonYear?: number | null | undefined;
  scoreMin?: number | null | undefined;
  scoreMax?: number | null | undefined;
  episodesMin?: number | null | undefined;
  episodesMax?: number | null | undefined;
  sort?: Array<AnilistMediaSort> | AnilistMediaSort | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type SearchAnilistQuery = { anilistSearch: { currentPage: number, perPage: number, total: number | null, lastPage: number | null, results: Array<{ media: { id: number, siteUrl: string, format: AnimeFormat, status: AnimeStatus, season: Season | null, seasonYear: number | null, episodes: number | null, averageScore: number | null, popularity: number | null, genres: Array<string>, title: { romaji: string | null, english: string | null, native: string | null } }, anime: { id: string, title: string } | null }> } | null };

export type SearchAnimeQueryVariables = Exact<{
  query?: string | null | undefined;
  genres?: Array<string> | string | null | undefined;
  yearFrom?: number | null | undefined;
  yearTo?: number | null | undefined;
  minScore?: number | null | undefined;
  formats?: Array<AnimeFormat> | AnimeFormat | null | undefined;
  statuses?: Array<AnimeStatus> | AnimeStatus | null | undefined;
  sort?: AnimeSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  enhance?: boolean | null | undefined;
}>;


export type SearchAnimeQuery = { search: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, titleEnglish: string | null, format: AnimeFormat, status: AnimeStatus, year: number | null, season: Season | null, episodes: number | null, score: number | null, malId: number | null, anilistId: number | null, mal?: { score: number | null, scoredBy: number | null, rank: number | null, popularity: number | null } | null, anilist?: { averageScore: number | null, popularity: number | null, genres: Array<string> } | null }> } };

export type SearchByImageQueryVariables = Exact<{
  image: string;
  first?: number | null | undefined;
}>;


export type SearchByImageQuery = { searchByImage: Array<{ score: number, reasons: Array<{ kind: MatchReasonKind, detail: string }>, anime: { id: string, title: string, format: AnimeFormat, year: number | null, picture: string | null } }> };

export type SearchKitsuQueryVariables = Exact<{
  text?: string | null | undefined;
  subtype?: Array<AnimeFormat> | AnimeFormat | null | undefined;
  status?: Array<AnimeStatus> | AnimeStatus | null | undefined;
  season?: Season | null | undefined;
  seasonYear?: number | null | undefined;
  ageRating?: Array<KitsuAgeRating> | KitsuAgeRating | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type SearchKitsuQuery = { kitsuSearch: { total: number | null, page: number, perPage: number, hasNextPage: boolean, items: Array<{ kitsu: { id: number, slug: string | null, url: string, canonicalTitle: string | null, format: AnimeFormat, status: AnimeStatus, episodeCount: number | null, averageRating: number | null, ratingRank: number | null, userCount: number | null, year: number | null, season: Season | null } }> } | null };

export type SeasonalFromMyAnimeListQueryVariables = Exact<{
  year: number;
  season: Season;
  page?: number | null | undefined;
}>;


export type SeasonalFromMyAnimeListQuery = { malSeason: { pagination: { currentPage: number, lastVisiblePage: number | null, hasNextPage: boolean }, nodes: Array<{ malId: number, title: string, rank: number | null, score: number | null, members: number | null, anime: { id: string, title: string, format: AnimeFormat, year: number | null, episodes: number | null } }> } | null };

export type SemanticSearchQueryVariables = Exact<{
  text: string;
  filter?: SimilarityFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type SemanticSearchQuery = { semanticSearch: Array<{ score: number, reasons: Array<{ kind: MatchReasonKind, detail: string }>, anime: { id: string, title: string, format: AnimeFormat, year: number | null, synopsis: string | null } }> };

export type TopAnimeQueryVariables = Exact<{
  type?: MalTopType | null | undefined;
  filter?: MalTopFilter | null | undefined;
  page?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type TopAnimeQuery = { malTop: { pagination: { currentPage: number, hasNextPage: boolean }, nodes: Array<{ rank: number | null, score: number | null, members: number | null, title: string, anime: { id: string, title: string, format: AnimeFormat, year: number | null, episodes: number | null } }> } | null };
