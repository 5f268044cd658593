// Sample variables for every persisted operation in schema/operations, answered by the recorded
// upstreams of test/support/replay-bebop.ts plus the routes test/operations.test.ts adds.
/** Sample variables per operation: MAL 1 is Cowboy Bebop, 11757 the recorded recommendations. */
export const SAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  SearchAnime: { query: 'cowboy bebop', formats: ['TV'], yearFrom: 1998, yearTo: 1998, first: 1, enhance: true },
  GetAnimeById: { malId: 1, enhance: true },
  GetAnimeRecommendations: { malId: 11757 },
  GetSeasonalAnime: { year: 2013, season: 'SPRING' },
  GetStreamingInfo: { malId: 1, region: 'US' },
  CompareRatings: { id: 'mal:1' },
  AiringSchedule: { timezone: 'UTC' },
  GetFranchise: { id: 'mal:16498' },
  TopAnime: { type: 'TV' },
  FindSimilarAnime: { id: 'mal:199', first: 3 },
  SemanticSearch: { text: 'a young witch delivers parcels on her broom in a seaside town', first: 3 },
  SearchByImage: { image: 'test/fixtures/images/fma.jpg', first: 3 },
  NextEpisode: { malId: 1, timezone: 'Europe/Berlin' },
  BrowseAnime: { filter: { studios: ['Toei Animation'] }, sort: 'EPISODES', first: 5 },
  GetAnimeFromSource: { id: 'mal:1', source: 'KITSU', region: 'US' },
  SeasonalFromMyAnimeList: { year: 2020, season: 'WINTER' },
  BroadcastDaysFromMyAnimeList: { day: 'MONDAY' },
  RandomAnime: {},
  MyAnimeListGenres: { kind: 'GENRES' },
  SearchKitsu: { text: 'cowboy bebop' },
  SearchAnilist: { search: 'cowboy bebop', perPage: 5 },
  GetAnimeCharacters: { malId: 1, first: 5 },
  GetAnimeStaff: { malId: 11757 },
  GetAnimeEpisodes: { malId: 11757 },
  GetAnimeReviews: { malId: 11757 },
  GetAnimeFromAnidb: { anidbId: 10145 },
  // No ANN answer for a catalog entry is recorded: ANN's field answers null (a 404) for Bebop.
  GetAnimeFromAnn: { malId: 1 },
  AnimeNews: { first: 5 },
  // The recorded LiveChart chart (test/fixtures/upstream/livechart/modb_livechart_spring-2025_all.html).
  LivechartSeason: { year: 2025, season: 'SPRING' },
};

