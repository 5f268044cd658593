// The universal subgraph's SDL. Every merged field `@requires` what the catalog and each source
// contribute, so the gateway fetches the sources (in parallel) and hands us their answers: this
// subgraph never calls an upstream. The `@requires` selections below are the single list of what
// each merge reads; sources.ts parses exactly these shapes.

/**
 * The ids of the sources the merges read from the cache only (AniDB, ANN, the scraped sites: see
 * cached.ts); their data never goes through the planner.
 */
const CACHED_IDS = 'anidbId annId animePlanetId livechartId anisearchId';
/** What each source contributes to the merges (one selection per source, reused by every field). */
const CATALOG = `malId anilistId kitsuId ${CACHED_IDS} score synopsis tags episodes status streamingOffers { service url regions }`;
const MAL = 'mal { score scoredBy synopsis episodes status genres { name } explicitGenres { name } themes { name } demographics { name } streaming { name url } fetchedAt origin }';
const ANILIST =
  'anilist { averageScore scoreVotes description episodes status genres tags { name rank isSpoiler } externalLinks { site url type } fetchedAt origin }';
const KITSU =
  'kitsu { averageRating ratingFrequencies { count } synopsis episodeCount status genres { name } categories { title } streamingLinks { streamer url regions } fetchedAt origin }';
export const REQUIRES_ALL = `${CATALOG} ${MAL} ${ANILIST} ${KITSU}`;

const RATINGS = `malId anilistId kitsuId ${CACHED_IDS} score mal { score scoredBy fetchedAt origin } anilist { averageScore scoreVotes fetchedAt origin } kitsu { averageRating ratingFrequencies { count } fetchedAt origin }`;

export const UNIVERSAL_SDL = /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])

"""ISO 8601 date-time, e.g. when a source produced its answer."""
scalar DateTime

"""Airing status, the same for every source."""
enum AnimeStatus { AIRING COMPLETED UPCOMING CANCELLED HIATUS UNKNOWN }

"""Where a source answer came from: a live upstream call, a fresh cache entry, a stale one served while the upstream is down or refreshing, or the offline catalog."""
enum SourceOrigin { UPSTREAM CACHE STALE OFFLINE }

"""A source of merged data: pin one on a merged field (\`source: MAL\`), or read which one supplied a value. ANIDB, ANN, ANIME_PLANET, LIVECHART and ANISEARCH join a merge only with what their own field (\`anidb\`, \`ann\`, \`animePlanet\`…) has cached: a merge never calls them."""
enum SourcePin { CATALOG MAL ANILIST KITSU ANIDB ANN ANIME_PLANET LIVECHART ANISEARCH }

type Anime @key(fields: "id") {
  id: ID!
  malId: Int @external
  anilistId: Int @external
  kitsuId: Int @external
  anidbId: Int @external
  annId: Int @external
  animePlanetId: String @external
  livechartId: Int @external
  anisearchId: Int @external
  score: Float @external
  synopsis: String @external
  tags: [String!]! @external
  episodes: Int @external
  status: AnimeStatus! @external
  streamingOffers(region: String): [StreamingOffer!]! @external
  mal: MalAnime @external
  anilist: AnilistMedia @external
  kitsu: KitsuAnime @external

  """Every platform's score (raw, its scale, 0–10, votes), a vote-weighted consensus and a side-by-side comparison."""
  ratings: Ratings @requires(fields: "${RATINGS}")
  """The best available synopsis with its source; \`source\` pins one (null when that source has none)."""
  mergedSynopsis(source: SourcePin): SourcedText @requires(fields: "${CATALOG} ${MAL} ${ANILIST} ${KITSU}")
  """Genres listed by any source, each with the sources that list it."""
  mergedGenres: [SourcedTerm!]! @requires(fields: "${CATALOG} ${MAL} ${ANILIST} ${KITSU}")
  """Tags, themes and categories of every source (genres excluded, AniList spoiler tags left out), each with its sources."""
  mergedTags: [SourcedTerm!]! @requires(fields: "${CATALOG} ${MAL} ${ANILIST} ${KITSU}")
  """Episodes and status reconciled across the catalog and the live sources: the newest answer wins, disagreements are listed."""
  reconciled(source: SourcePin): Reconciled @requires(fields: "${CATALOG} ${MAL} ${ANILIST} ${KITSU}")
  """Streaming services from every source, one entry per service; \`region\` (ISO 3166) keeps offers for it or without region data."""
  streaming(region: String, source: SourcePin): [MergedStreamingLink!]! @requires(fields: "${CATALOG} ${MAL} ${ANILIST} ${KITSU}")
  """For each merged field, the sources that supplied it and when."""
  provenance: [FieldProvenance!]! @requires(fields: "${REQUIRES_ALL}")
  """Completeness, freshness and consistency of the merged view, with the conflicts found."""
  quality: Quality @requires(fields: "${REQUIRES_ALL}")
}

# The sources' own types, only the fields read above: @external, resolved by their subgraphs.
type StreamingOffer @external { service: String! url: String regions: [String!]! }
type MalEntity @external { name: String! }
type MalLink @external { name: String! url: String! }
type MalAnime @external {
  score: Float
  scoredBy: Int
  synopsis: String
  episodes: Int
  status: AnimeStatus!
  genres: [MalEntity!]!
  explicitGenres: [MalEntity!]!
  themes: [MalEntity!]!
  demographics: [MalEntity!]!
  streaming: [MalLink!]
  fetchedAt: DateTime
  origin: SourceOrigin
}
type AnilistTag @external { name: String! rank: Int isSpoiler: Boolean! }
type AnilistExternalLink @external { site: String! url: String type: String }
type AnilistMedia @external {
  averageScore: Int
  scoreVotes: Int
  description: String
  episodes: Int
  status: AnimeStatus!
  genres: [String!]!
  tags: [AnilistTag!]!
  externalLinks: [AnilistExternalLink!]!
  fetchedAt: DateTime
  origin: SourceOrigin
}
type KitsuRatingFrequency @external { count: Int! }
type KitsuGenre @external { name: String! }
type KitsuCategory @external { title: String! }
type KitsuStreamingLink @external { streamer: String url: String! regions: [String!]! }
type KitsuAnime @external {
  averageRating: Float
  ratingFrequencies: [KitsuRatingFrequency!]!
  synopsis: String
  episodeCount: Int
  status: AnimeStatus!
  genres: [KitsuGenre!]!
  categories: [KitsuCategory!]!
  streamingLinks: [KitsuStreamingLink!]!
  fetchedAt: DateTime
  origin: SourceOrigin
}

"""One platform's score."""
type PlatformRating {
  source: SourcePin!
  """The score as the platform publishes it."""
  raw: Float!
  """Lowest and highest score of the platform's scale (MAL, AniDB and ANN 1–10, AniList and Kitsu 0–100, catalog 0–10, a scraped page its own: Anime-Planet 0.5–5)."""
  scaleMin: Float!
  scaleMax: Float!
  """raw × 10 / scaleMax: every platform on 0–10."""
  normalized: Float!
  """Users who scored it; null when the platform does not say (the catalog)."""
  votes: Int
  """Share of the consensus this platform carries (0–1); 0 without votes."""
  weight: Float!
  fetchedAt: DateTime
  origin: SourceOrigin!
}

"""How the platforms compare: "compare the ratings of X across all platforms"."""
type RatingComparison {
  """Highest minus lowest normalized score."""
  range: Float!
  """Standard deviation of the normalized scores."""
  spread: Float!
  highest: PlatformRating!
  lowest: PlatformRating!
  """Platforms with a score."""
  platforms: Int!
}

type Ratings {
  """Highest normalized score first."""
  platforms: [PlatformRating!]!
  """Mean of the live platforms' normalized scores weighted by log10(1 + votes), 0–10; the catalog's score when no live platform answered; null without either."""
  consensus: Float
  """Votes behind the consensus, all platforms together."""
  totalVotes: Int!
  """Null when no platform has a score."""
  comparison: RatingComparison
  """Live platforms (MAL, AniList, Kitsu) the anime is listed on whose answer is missing (failed, rate-limited or unknown); the cache-only ones are never missing."""
  missing: [SourcePin!]!
}

type SourcedText { text: String! source: SourcePin! fetchedAt: DateTime origin: SourceOrigin! }

type SourcedTerm {
  """The name as the first source in preference order writes it."""
  name: String!
  sources: [SourcePin!]!
}

type SourcedStatus { source: SourcePin! status: AnimeStatus! fetchedAt: DateTime origin: SourceOrigin! }
type SourcedEpisodes { source: SourcePin! episodes: Int! fetchedAt: DateTime origin: SourceOrigin! }

type Reconciled {
  episodes: Int
  episodesFrom: SourcedEpisodes
  status: AnimeStatus
  statusFrom: SourcedStatus
  """status is AIRING."""
  airing: Boolean
  """Disagreements on episodes and status (the value that won is in episodes/status)."""
  conflicts: [Conflict!]!
}

type MergedStreamingLink {
  """The service as the first source in preference order names it."""
  service: String!
  url: String
  """ISO 3166 codes from the sources that say; empty when none says."""
  regions: [String!]!
  sources: [SourcePin!]!
}

type FieldProvenance { field: String! source: SourcePin! fetchedAt: DateTime origin: SourceOrigin! }

type SourceValue { source: SourcePin! value: String! }

type Conflict {
  field: String!
  values: [SourceValue!]!
  """The source whose value the merged field shows; null when none was chosen (genres are a union)."""
  chosen: SourcePin
}

type Quality {
  """Share of the merged facts that have a value (score, synopsis, genres, tags, episodes, status, streaming): 0–1."""
  completeness: Float!
  """Mean over the live sources that answered of max(0, 1 − age / 7 days), halved for stale answers; 0 when none answered."""
  freshness: Float!
  """Mean agreement over the facts two or more sources state (episodes, status, genres, score): 0–1."""
  consistency: Float!
  """Sources that answered, and the ones the anime is listed on that did not."""
  answered: [SourcePin!]!
  missing: [SourcePin!]!
  conflicts: [Conflict!]!
}
`;
