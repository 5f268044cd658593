// Universal anime vocabulary shared by every subgraph: one definition of status, format, season.
import type { Platform, PlatformId } from './platform.js';

export enum AnimeStatus {
  AIRING = 'AIRING',
  COMPLETED = 'COMPLETED',
  UPCOMING = 'UPCOMING',
  CANCELLED = 'CANCELLED',
  HIATUS = 'HIATUS',
  UNKNOWN = 'UNKNOWN',
}

export enum AnimeFormat {
  TV = 'TV',
  TV_SHORT = 'TV_SHORT',
  MOVIE = 'MOVIE',
  SPECIAL = 'SPECIAL',
  OVA = 'OVA',
  ONA = 'ONA',
  MUSIC = 'MUSIC',
  UNKNOWN = 'UNKNOWN',
}

export enum Season {
  WINTER = 'WINTER',
  SPRING = 'SPRING',
  SUMMER = 'SUMMER',
  FALL = 'FALL',
}

export enum RelationKind {
  PREQUEL = 'PREQUEL',
  SEQUEL = 'SEQUEL',
  SIDE_STORY = 'SIDE_STORY',
  SPIN_OFF = 'SPIN_OFF',
  ALTERNATIVE = 'ALTERNATIVE',
  SUMMARY = 'SUMMARY',
  PARENT = 'PARENT',
  OTHER = 'OTHER',
  /** The source says two entries are related but not how (the AOD `relatedAnime` list). */
  UNKNOWN = 'UNKNOWN',
}

/** A link from one entry to another, by the target's platform id (resolved by the catalog). */
export interface Relation {
  target: PlatformId;
  kind: RelationKind;
}

/** A regional streaming offer (bangumi-data `sites` with regions). */
export interface StreamingOffer {
  service: string;
  url: string | null;
  regions: string[];
  since: string | null;
}

/** Which provider contributed a record, and the licence its data is under. */
export interface ProviderRef {
  provider: string;
  licence: string;
}

/** One anime after the providers are merged by their shared platform ids. */
export interface AnimeRecord {
  /** Stable canonical id: `<platform>:<id>` of the most stable platform present (see canonical-id.ts). */
  id: string;
  title: string;
  titleEnglish: string | null;
  titleJapanese: string | null;
  /** Romanised reading of the Japanese title (from a source, or derived from kana/kanji). */
  titleRomaji: string | null;
  synonyms: string[];
  format: AnimeFormat;
  episodes: number | null;
  status: AnimeStatus;
  season: Season | null;
  year: number | null;
  startDate: string | null;
  endDate: string | null;
  durationSeconds: number | null;
  picture: string | null;
  thumbnail: string | null;
  synopsis: string | null;
  tags: string[];
  studios: string[];
  producers: string[];
  /**
   * Normalised to 0–10. Precedence when sources differ: the AOD's mean of the platforms' scores,
   * then the films catalog's rating, then MyAnimeList's 2016 average rating (mal-anime-2016).
   */
  score: number | null;
  /**
   * How many MyAnimeList users have the anime on their list ("members"), a popularity signal for
   * ranking; null where no source knows it. Merged as the largest known count.
   */
  popularity: number | null;
  platformIds: PlatformId[];
  relations: Relation[];
  streaming: StreamingOffer[];
  officialSite: string | null;
  providers: ProviderRef[];
}

export type PlatformIdMap = Partial<Record<Platform, string>>;
