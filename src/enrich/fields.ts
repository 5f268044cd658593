// The normalised shape of what a source says about an anime, split into field classes. Each class
// is stored as one record (src/store) with its own fetch time, so readers can tell how old each
// kind of fact is, and refresh ages differ by class. Every source's answer maps to these shapes.
import type { AnimeFormat, AnimeStatus, RelationKind, Season } from '../domain/index.js';

export const FIELD_CLASSES = ['titles', 'synopsis', 'genres', 'scores', 'facts', 'pictures', 'relations'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

export interface TitlesFields {
  romaji: string | null;
  english: string | null;
  native: string | null;
  /** Every other name the source lists (other languages, abbreviations), without the three above. */
  synonyms: string[];
}

export interface SynopsisFields {
  /** Plain text: markup removed, entities decoded, the source's credit line dropped. */
  text: string;
}

export interface RankedTag {
  name: string;
  /** 0–100 (AniList's relevance); null when the source does not rank. */
  rank: number | null;
  spoiler: boolean;
}

export interface GenresFields {
  genres: string[];
  tags: RankedTag[];
}

export type PopularityKind = 'anilist-list-users' | 'mal-members' | 'kitsu-users';

export interface ScoresFields {
  /** 0–10. */
  score: number | null;
  /** The source's own number and scale (AniList 0–100, MAL 1–10, Kitsu 0–100). */
  raw: number | null;
  scaleMax: number;
  votes: number | null;
  /** Users who have it on a list, in the source's own counting (`popularityKind`). */
  popularity: number | null;
  popularityKind: PopularityKind;
  favourites: number | null;
}

export interface StudioRef {
  name: string;
  main: boolean;
}

export interface FactsFields {
  format: AnimeFormat;
  status: AnimeStatus;
  episodes: number | null;
  durationMinutes: number | null;
  season: Season | null;
  year: number | null;
  startDate: string | null;
  endDate: string | null;
  studios: StudioRef[];
  isAdult: boolean | null;
  /** Ids the source reports on other platforms (`MAL` → "1"). */
  ids: Record<string, string>;
}

export interface PicturesFields {
  large: string | null;
  medium: string | null;
  small: string | null;
  banner: string | null;
  /** Dominant colour (AniList), `#rrggbb`. */
  color: string | null;
}

export interface RelationRef {
  kind: RelationKind;
  /** The source's own word (AniList `SIDE_STORY`, MAL `Side Story`). */
  relationType: string;
  /** Platform of `id` (`ANILIST`, `MAL`). */
  platform: string;
  id: string;
  title: string | null;
  format: string | null;
}

export interface RelationsFields {
  relations: RelationRef[];
}

export interface FieldPayloads {
  titles: TitlesFields;
  synopsis: SynopsisFields;
  genres: GenresFields;
  scores: ScoresFields;
  facts: FactsFields;
  pictures: PicturesFields;
  relations: RelationsFields;
}

/** One source's answer about one anime, class by class (null: the source has nothing of that class). */
export type NormalisedAnswer = { [K in FieldClass]: FieldPayloads[K] | null | ClassFailure };

/** A class that could not be normalised from an otherwise valid answer. */
export interface ClassFailure {
  failure: string;
}

export const isClassFailure = (value: unknown): value is ClassFailure =>
  typeof value === 'object' && value !== null && typeof (value as ClassFailure).failure === 'string';

const DAY = 24 * 3600 * 1000;

/**
 * How old each class may get before it is fetched again. Airing (and upcoming) anime change
 * daily — scores, episode counts, status; finished ones monthly. Titles, story and pictures of an
 * airing anime rarely change within a week.
 */
export const REFRESH_AGE_MS: Record<FieldClass, { airing: number; finished: number }> = {
  scores: { airing: DAY, finished: 30 * DAY },
  facts: { airing: DAY, finished: 30 * DAY },
  relations: { airing: DAY, finished: 30 * DAY },
  titles: { airing: 7 * DAY, finished: 30 * DAY },
  synopsis: { airing: 7 * DAY, finished: 30 * DAY },
  genres: { airing: 7 * DAY, finished: 30 * DAY },
  pictures: { airing: 7 * DAY, finished: 30 * DAY },
};

/** A source that does not know an anime is asked again after this long. */
export const NOT_FOUND_REFRESH_MS = 30 * DAY;
