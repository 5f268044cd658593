// The REST routes that each run one persisted operation: path and query parameters map onto the
// operation's variables; their JSON Schemas come from the operation itself (src/mcp/json-schema.ts),
// so the OpenAPI document and the GraphQL schema cannot disagree.

export interface OperationRoute {
  url: string;
  /** The persisted operation (schema/operations) it runs. */
  operation: string;
  summary: string;
  tags: string[];
  /** Path parameter → variable (with the parameter's own schema when the variable's is too loose). */
  params?: Record<string, { variable: string; schema?: Record<string, unknown> }>;
  /** Query parameter → variable, or just the variable names when they are the same. */
  query?: Array<string | { name: string; variable: string }>;
  /** Variables this route always sets. */
  fixed?: Record<string, unknown>;
  /** Constraints GraphQL's types cannot say (the resolvers enforce the same ones with a 400). */
  bounds?: Record<string, Record<string, unknown>>;
  notFound: string;
}

/** The IANA zones this runtime knows: the resolvers accept exactly those. */
export const TIME_ZONES: string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
// What each source can filter by (its subgraph answers 400 for the others).
const ANILIST_FORMATS = { enum: ['TV', 'TV_SHORT', 'MOVIE', 'SPECIAL', 'OVA', 'ONA', 'MUSIC'] };
const ANILIST_STATUSES = { enum: ['AIRING', 'COMPLETED', 'UPCOMING', 'CANCELLED', 'HIATUS'] };
const KITSU_SUBTYPES = { enum: ['TV', 'MOVIE', 'OVA', 'ONA', 'SPECIAL', 'MUSIC'] };
const KITSU_STATUSES = { enum: ['AIRING', 'COMPLETED', 'UPCOMING'] };
// MyAnimeList's seasons start in 1917 (Jikan refuses earlier years).
const MAL_YEAR = { variable: 'year', schema: { type: 'integer', minimum: 1917, maximum: 2100 } };

const ANIME_ID = { variable: 'id', schema: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z_-]+:[A-Za-z0-9_.-]+$', description: 'Canonical anime id or any `<platform>:<id>` alias, e.g. `mal:1`.' } };
const MAL_ID = { variable: 'malId', schema: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'MyAnimeList anime id.' } };
const ANIDB_ID = { variable: 'anidbId', schema: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'AniDB anime id (aid).' } };
const ANN_ID = { variable: 'annId', schema: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'Anime News Network encyclopedia anime id.' } };
const SEASONS = ['WINTER', 'SPRING', 'SUMMER', 'FALL'];
const SEASON = { variable: 'season', schema: { type: 'string', enum: [...SEASONS, ...SEASONS.map((s) => s.toLowerCase())], description: 'Season of the year, either case.' } };
const YEAR = { variable: 'year', schema: { type: 'integer', minimum: 1900, maximum: 2100 } };
const PAGE = { minimum: 1, maximum: 1000 };
const TIMEZONE = { enum: TIME_ZONES, description: 'IANA time zone, e.g. "Europe/Berlin"; default UTC.' };
// "current", "next", "previous", an ISO week number or "2026-W38".
const WEEK = { pattern: '^(current|next|previous|[1-9]|[1-4][0-9]|5[0-3]|[12][0-9]{3}-W(0[1-9]|[1-4][0-9]|5[0-3]))$' };
const REGION = { pattern: '^[A-Za-z]{2}$' };

export const OPERATION_ROUTES: OperationRoute[] = [
  {
    url: '/api/search',
    operation: 'SearchAnime',
    summary: 'Search the catalog by title and filters',
    tags: ['catalog'],
    query: [{ name: 'q', variable: 'query' }, 'genres', 'yearFrom', 'yearTo', 'minScore', 'formats', 'statuses', 'sort', 'first', 'after', 'enhance'],
    bounds: { first: { minimum: 1, maximum: 50 }, yearFrom: YEAR.schema, yearTo: YEAR.schema, minScore: { minimum: 0, maximum: 10 } },
    notFound: 'nothing found',
  },
  { url: '/api/anime/:id', operation: 'GetAnimeById', summary: 'One anime by id', tags: ['catalog'], params: { id: ANIME_ID }, query: ['enhance'], notFound: 'no anime with this id' },
  {
    url: '/api/anime/:id/similar',
    operation: 'FindSimilarAnime',
    summary: 'Anime similar to one anime',
    tags: ['catalog'],
    params: { id: ANIME_ID },
    query: ['first'],
    bounds: { first: { minimum: 1, maximum: 50 } },
    notFound: 'no anime with this id',
  },
  {
    url: '/api/anime/:id/ratings',
    operation: 'CompareRatings',
    summary: "One anime's ratings on every platform",
    tags: ['catalog'],
    params: { id: ANIME_ID },
    // AniDB, ANN and the scraped sites join with what is cached; these read them now.
    query: ['withAnidb', 'withAnn', 'withScraped'],
    notFound: 'no anime with this id',
  },
  { url: '/api/anime/:id/streaming', operation: 'GetStreamingInfo', summary: 'Where one anime streams', tags: ['catalog'], params: { id: ANIME_ID }, query: ['region'], bounds: { region: REGION }, notFound: 'no anime with this id' },
  {
    url: '/api/seasonal/:year/:season',
    operation: 'GetSeasonalAnime',
    summary: 'Anime that started in one season (offline catalog)',
    tags: ['catalog'],
    params: { year: YEAR, season: SEASON },
    query: ['first', 'after'],
    bounds: { first: { minimum: 1, maximum: 100 } },
    notFound: 'nothing in this season',
  },
  { url: '/api/schedule', operation: 'AiringSchedule', summary: 'Episodes airing today or this week (AnimeSchedule)', tags: ['schedule'], query: ['timezone', 'airType', 'weekly', 'week', 'year'], bounds: { year: YEAR.schema, timezone: TIMEZONE, week: WEEK }, notFound: 'no schedule' },

  // Sources, each through its own subgraph.
  { url: '/api/external/jikan/anime/:malId', operation: 'GetAnimeById', summary: 'One anime with its MyAnimeList data', tags: ['jikan'], params: { malId: MAL_ID }, fixed: { enhance: true }, notFound: 'no anime with this MyAnimeList id' },
  {
    url: '/api/external/jikan/anime/:malId/recommendations',
    operation: 'GetAnimeRecommendations',
    summary: "MyAnimeList users' recommendations for one anime",
    tags: ['jikan'],
    params: { malId: MAL_ID },
    notFound: 'no anime with this MyAnimeList id',
  },
  {
    url: '/api/external/jikan/anime/:malId/characters',
    operation: 'GetAnimeCharacters',
    summary: 'The characters of one anime and their voice actors (MyAnimeList)',
    tags: ['jikan'],
    params: { malId: MAL_ID },
    query: ['first'],
    bounds: { first: { minimum: 0, maximum: 1000 } },
    notFound: 'no anime with this MyAnimeList id',
  },
  { url: '/api/external/jikan/anime/:malId/staff', operation: 'GetAnimeStaff', summary: 'The staff of one anime and their positions (MyAnimeList)', tags: ['jikan'], params: { malId: MAL_ID }, notFound: 'no anime with this MyAnimeList id' },
  {
    url: '/api/external/jikan/anime/:malId/episodes',
    operation: 'GetAnimeEpisodes',
    summary: 'The episode list of one anime, 100 a page (MyAnimeList)',
    tags: ['jikan'],
    params: { malId: MAL_ID },
    query: ['page'],
    bounds: { page: PAGE },
    notFound: 'no anime with this MyAnimeList id',
  },
  {
    url: '/api/external/jikan/anime/:malId/reviews',
    operation: 'GetAnimeReviews',
    summary: 'User reviews of one anime, 20 a page (MyAnimeList)',
    tags: ['jikan'],
    params: { malId: MAL_ID },
    query: ['page', 'spoilers', 'preliminary'],
    bounds: { page: PAGE },
    notFound: 'no anime with this MyAnimeList id',
  },
  { url: '/api/external/jikan/top', operation: 'TopAnime', summary: "MyAnimeList's top anime", tags: ['jikan'], query: ['type', 'filter', 'page', 'limit'], bounds: { page: PAGE, limit: { minimum: 1, maximum: 25 } }, notFound: 'no top list' },
  { url: '/api/external/jikan/seasons/:year/:season', operation: 'SeasonalFromMyAnimeList', summary: "MyAnimeList's list of one season", tags: ['jikan'], params: { year: MAL_YEAR, season: SEASON }, query: ['page'], bounds: { page: PAGE }, notFound: 'no such season' },
  { url: '/api/external/jikan/schedules', operation: 'BroadcastDaysFromMyAnimeList', summary: "MyAnimeList's weekly broadcast schedule", tags: ['jikan'], query: ['day', 'page'], bounds: { page: PAGE }, notFound: 'no schedule' },
  { url: '/api/external/jikan/random', operation: 'RandomAnime', summary: 'A random anime from MyAnimeList', tags: ['jikan'], notFound: 'no anime' },
  { url: '/api/external/jikan/genres', operation: 'MyAnimeListGenres', summary: "MyAnimeList's genres", tags: ['jikan'], query: ['kind'], notFound: 'no genres' },
  {
    url: '/api/external/anilist/search',
    operation: 'SearchAnilist',
    summary: 'Search AniList with its filters',
    tags: ['anilist'],
    query: ['search', 'formatIn', 'statusIn', 'genreIn', 'genreNotIn', 'tagIn', 'season', 'seasonYear', 'scoreMin', 'scoreMax', 'episodesMin', 'episodesMax', 'sort', 'page', 'perPage'],
    bounds: { formatIn: ANILIST_FORMATS, statusIn: ANILIST_STATUSES, page: PAGE, perPage: { minimum: 1, maximum: 50 }, seasonYear: YEAR.schema, scoreMin: { minimum: 0, maximum: 100 }, scoreMax: { minimum: 0, maximum: 100 }, episodesMin: { minimum: 0, maximum: 10000 }, episodesMax: { minimum: 0, maximum: 10000 } },
    notFound: 'no results',
  },
  {
    url: '/api/external/kitsu/search',
    operation: 'SearchKitsu',
    summary: 'Search Kitsu',
    tags: ['kitsu'],
    query: ['text', 'subtype', 'status', 'season', 'seasonYear', 'ageRating', 'page', 'perPage'],
    bounds: { subtype: KITSU_SUBTYPES, status: KITSU_STATUSES, page: PAGE, perPage: { minimum: 1, maximum: 20 }, seasonYear: YEAR.schema },
    notFound: 'no results',
  },
  {
    url: '/api/external/animeschedule/timetables',
    operation: 'AiringSchedule',
    summary: "AnimeSchedule's weekly timetable",
    tags: ['animeschedule'],
    query: ['timezone', 'airType', 'week', 'year'],
    fixed: { weekly: true },
    bounds: { year: YEAR.schema, timezone: TIMEZONE, week: WEEK },
    notFound: 'no timetable',
  },
  { url: '/api/external/anidb/anime/:anidbId', operation: 'GetAnimeFromAnidb', summary: 'One anime as AniDB describes it', tags: ['anidb'], params: { anidbId: ANIDB_ID }, notFound: 'no anime with this AniDB id' },
  { url: '/api/external/ann/anime/:annId', operation: 'GetAnimeFromAnn', summary: "One anime as Anime News Network's encyclopedia describes it", tags: ['ann'], params: { annId: ANN_ID }, notFound: 'no anime with this ANN id' },
  { url: '/api/external/ann/news', operation: 'AnimeNews', summary: "Anime News Network's latest news, linked to catalog anime", tags: ['ann'], query: ['first', 'animeId'], bounds: { first: { minimum: 1, maximum: 100 }, animeId: ANIME_ID.schema }, notFound: 'no news' },
  {
    url: '/api/external/livechart/seasons/:year/:season',
    operation: 'LivechartSeason',
    summary: "LiveChart's chart of one season: premieres with their precision, broadcast times, releases",
    tags: ['livechart'],
    params: { year: YEAR, season: SEASON },
    notFound: 'LiveChart has no such season',
  },
];
