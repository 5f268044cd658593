// The two list providers and one list entry as both are read into: the provider's own ids (for the
// crosswalk), the title it showed (for the unmatched report) and the watchlist's status, 0–10
// score and progress.
import { WatchStatus } from '../model.js';

export enum ListSource {
  MAL = 'MAL',
  ANILIST = 'ANILIST',
}

export const isListSource = (value: unknown): value is ListSource => value === ListSource.MAL || value === ListSource.ANILIST;

export interface ListEntry {
  /** The provider's anime id (MAL id, AniList media id), as text. */
  sourceId: string;
  anilistId: number | null;
  malId: number | null;
  title: string | null;
  status: WatchStatus;
  /** 0–10; null when the user gave none (both providers send 0 for "no score"). */
  score: number | null;
  progress: number | null;
}

export interface ImportReport {
  source: ListSource;
  /** Entries new on the watchlist. */
  imported: number;
  /** Entries already on it, now with the provider's status, score and progress. */
  updated: number;
  /** Entries the crosswalk knows no catalog anime for: nothing is written for them. */
  unmatched: Array<{ sourceId: string; title: string | null }>;
  /** True when the list was read with the linked account's token (private entries included). */
  viaLinkedAccount: boolean;
}

/** AniList's MediaListStatus → ours (https://docs.anilist.co: CURRENT, PLANNING, COMPLETED, DROPPED, PAUSED, REPEATING). */
export const ANILIST_STATUS: Record<string, WatchStatus> = {
  CURRENT: WatchStatus.WATCHING,
  PLANNING: WatchStatus.PLAN_TO_WATCH,
  COMPLETED: WatchStatus.COMPLETED,
  DROPPED: WatchStatus.DROPPED,
  PAUSED: WatchStatus.ON_HOLD,
  REPEATING: WatchStatus.REWATCHING,
};

/** MAL API v2 `list_status.status` → ours; `is_rewatching` turns a MAL entry into REWATCHING. */
export const MAL_STATUS: Record<string, WatchStatus> = {
  watching: WatchStatus.WATCHING,
  completed: WatchStatus.COMPLETED,
  on_hold: WatchStatus.ON_HOLD,
  dropped: WatchStatus.DROPPED,
  plan_to_watch: WatchStatus.PLAN_TO_WATCH,
};

export const toAnilistStatus = (status: WatchStatus): string => Object.entries(ANILIST_STATUS).find(([, ours]) => ours === status)![0];

/** MAL has no REWATCHING status: it is `completed` with `is_rewatching`. */
export function toMalStatus(status: WatchStatus): { status: string; isRewatching: boolean } {
  if (status === WatchStatus.REWATCHING) return { status: 'completed', isRewatching: true };
  return { status: Object.entries(MAL_STATUS).find(([, ours]) => ours === status)![0], isRewatching: false };
}

/** A provider's score as ours: 0 is "not scored" on both. */
export const scoreOf = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(10, value) : null);
