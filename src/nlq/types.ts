// The shapes the natural-language resolver hands back: one persisted operation to run, its
// variables, and what was understood (slots) in words (explanation).
import type { AnimeFormat, AnimeStatus, Platform, Season } from '../domain/index.js';

/** The persisted operations (schema/operations) a question can turn into. */
export const OPERATION_NAMES = [
  'SearchAnime',
  'GetAnimeById',
  'GetAnimeRecommendations',
  'GetSeasonalAnime',
  'GetStreamingInfo',
  'CompareRatings',
  'AiringSchedule',
  'GetFranchise',
  'TopAnime',
  'FindSimilarAnime',
  'SemanticSearch',
  'SearchByImage',
  'NextEpisode',
  'BrowseAnime',
  'GetAnimeFromSource',
  'GetAnimeFromAnidb',
  'GetAnimeFromAnn',
  'GetAnimeCharacters',
  'GetAnimeStaff',
  'GetAnimeEpisodes',
  'GetAnimeReviews',
  'AnimeNews',
  'LivechartSeason',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export type Intent =
  | 'search'
  | 'details'
  | 'recommendations'
  | 'seasonal'
  | 'streaming'
  | 'compare_ratings'
  | 'schedule'
  | 'franchise'
  | 'top'
  | 'semantic'
  | 'similar'
  | 'image'
  | 'next_episode'
  | 'characters'
  | 'staff'
  | 'episodes'
  | 'reviews'
  | 'news';

/** An anime the text named, as the catalog resolved it. */
export interface TitleRef {
  id: string;
  title: string;
  malId: number | null;
}

/** Everything the parser picked out of the text; eval compares these key by key. */
export interface Slots {
  title?: string;
  id?: string;
  malId?: number;
  /** The words taken as the title before catalog resolution. */
  titleText?: string;
  genres?: string[];
  yearFrom?: number;
  yearTo?: number;
  year?: number;
  season?: Season;
  formats?: AnimeFormat[];
  statuses?: AnimeStatus[];
  /** Studios named ("by Kyoto Animation"), as the lexicon spells them. */
  studios?: string[];
  episodesMin?: number;
  episodesMax?: number;
  sort?: string;
  minScore?: number;
  first?: number;
  page?: number;
  /** A data platform the user named ("on AniList", "from Anime-Planet"). */
  source?: Platform;
  /** Every data platform the text names, in order (CompareRatings reads those it must ask for). */
  platforms?: Platform[];
  /** "across all sites", "everywhere": every platform, the ones read only on request included. */
  everyPlatform?: boolean;
  /** The platform named has no subgraph yet: the answer cannot come from it, and says so. */
  unavailableSource?: Platform;
  /** The character a question about voices names ("who voices Spike in …"). */
  character?: string;
  /** A streaming service the user named ("on Netflix"). */
  service?: string;
  /** ISO 3166-1 alpha-2. */
  region?: string;
  /** IANA time zone. */
  timezone?: string;
  week?: string;
  topType?: string;
  topFilter?: string;
  enhance?: boolean;
  /** A narrative description for semantic search. */
  description?: string;
  /** An http(s) image URL or a data: URI the question carries, for picture search. */
  image?: string;
  /** 1-based position in the previous answer a follow-up pointed at. */
  ordinal?: number;
  /** The text continued the conversation of its session. */
  followUp?: boolean;
  [key: string]: unknown;
}

export interface NlqResult {
  intent: Intent;
  operation: OperationName;
  variables: Record<string, unknown>;
  explanation: string;
  slots: Slots;
  suggestions: string[];
  via: 'parser' | 'llm';
}

export interface NlqContext {
  sessionId?: string;
  timezone?: string;
  region?: string;
  now?: Date;
}
