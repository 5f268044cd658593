// What a user keeps: preferences and a watchlist, and the checks every write goes through before
// anything is written (the GraphQL enums and REST schemas check shapes; these check meaning).
import type { Catalog } from '../catalog/index.js';
import { canonicalTag, Platform } from '../domain/index.js';
import { badUserInput } from './errors.js';

export enum WatchStatus {
  WATCHING = 'WATCHING',
  COMPLETED = 'COMPLETED',
  ON_HOLD = 'ON_HOLD',
  DROPPED = 'DROPPED',
  PLAN_TO_WATCH = 'PLAN_TO_WATCH',
  REWATCHING = 'REWATCHING',
}

/** Which of an anime's titles to show; DEFAULT is the catalog's display title. */
export enum TitleLanguage {
  DEFAULT = 'DEFAULT',
  ENGLISH = 'ENGLISH',
  ROMAJI = 'ROMAJI',
  JAPANESE = 'JAPANESE',
}

export interface Preferences {
  nsfwAllowed: boolean;
  region: string | null;
  timeZone: string | null;
  titleLanguage: TitleLanguage;
  preferredSources: Platform[];
  genresLiked: string[];
  genresAvoided: string[];
  /** ISO 8601; null until the user first sets them. */
  updatedAt: string | null;
}

export const DEFAULT_PREFERENCES: Preferences = {
  nsfwAllowed: false,
  region: null,
  timeZone: null,
  titleLanguage: TitleLanguage.DEFAULT,
  preferredSources: [],
  genresLiked: [],
  genresAvoided: [],
  updatedAt: null,
};

/** A partial update: an absent field keeps its value, null puts it back to its default. */
export interface PreferencesInput {
  nsfwAllowed?: boolean | null;
  region?: string | null;
  timeZone?: string | null;
  titleLanguage?: TitleLanguage | null;
  preferredSources?: Platform[] | null;
  genresLiked?: string[] | null;
  genresAvoided?: string[] | null;
}

export interface WatchEntry {
  animeId: string;
  status: WatchStatus;
  score: number | null;
  progress: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A status write: an absent score or progress keeps the stored one (null clears it). */
export interface WatchInput {
  animeId: string;
  status: WatchStatus;
  score?: number | null;
  progress?: number | null;
}

export const MAX_SCORE = 10;
/** Longer than any series; a typo such as 12000 for 12 is refused, not stored. */
export const MAX_PROGRESS = 10_000;
export const MAX_GENRES = 50;
export const MAX_ANIME_ID_LENGTH = 64;
export const MAX_WATCHLIST_PAGE = 500;

// The same zones the REST routes accept (src/rest/routes.ts): what this runtime knows.
const TIME_ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const SOURCES: readonly Platform[] = Object.values(Platform).filter((p) => p !== Platform.OTHER);

export const isWatchStatus = (value: unknown): value is WatchStatus => typeof value === 'string' && (Object.values(WatchStatus) as string[]).includes(value);

/** An assigned ISO 3166-1 alpha-2 code (Intl names it), upper case; null for anything else. */
function regionCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  // ISO's user-assigned codes (AA, QM–QZ, XA–XZ, ZZ) name no country, though Intl names some.
  if (!/^[A-Z]{2}$/.test(code) || /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(code)) return null;
  const name = REGION_NAMES.of(code);
  return name && name !== code ? code : null;
}

/** The catalog's tag vocabulary, computed once per catalog. */
const vocabularies = new WeakMap<Catalog, Set<string>>();
function vocabulary(catalog: Catalog): Set<string> {
  let tags = vocabularies.get(catalog);
  if (!tags) {
    tags = new Set(catalog.records.flatMap((r) => r.tags));
    vocabularies.set(catalog, tags);
  }
  return tags;
}

function genres(catalog: Catalog, given: string[] | null | undefined, field: string): string[] | undefined {
  if (given === undefined) return undefined;
  if (given === null) return [];
  if (given.length > MAX_GENRES) throw badUserInput(`${field} takes at most ${MAX_GENRES} genres; ${given.length} were given`, field);
  const known = vocabulary(catalog);
  const out: string[] = [];
  for (const raw of given) {
    const tag = canonicalTag(String(raw).slice(0, 100));
    // An empty catalog (the catalog subgraph runs elsewhere) has no vocabulary to check against.
    if (!tag || (known.size > 0 && !known.has(tag))) throw badUserInput(`${field}: ${JSON.stringify(String(raw).slice(0, 64))} is not a genre or tag of the catalog`, field, { value: String(raw).slice(0, 64) });
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** The preferences after applying `input` to `current`; throws BAD_USER_INPUT naming the field. */
export function applyPreferences(catalog: Catalog, current: Preferences, input: PreferencesInput): Omit<Preferences, 'updatedAt'> {
  const next = { ...current };
  if (input.nsfwAllowed !== undefined) next.nsfwAllowed = input.nsfwAllowed ?? false;
  if (input.region !== undefined) {
    if (input.region === null) next.region = null;
    else {
      const code = regionCode(input.region);
      if (!code) throw badUserInput(`region: ${JSON.stringify(input.region.slice(0, 16))} is not an ISO 3166-1 alpha-2 country code such as "JP" or "US"`, 'region');
      next.region = code;
    }
  }
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && !TIME_ZONES.has(input.timeZone)) throw badUserInput(`timeZone: ${JSON.stringify(input.timeZone.slice(0, 64))} is not an IANA time zone such as "Europe/Berlin"`, 'timeZone');
    next.timeZone = input.timeZone;
  }
  if (input.titleLanguage !== undefined) {
    if (input.titleLanguage !== null && !(Object.values(TitleLanguage) as string[]).includes(input.titleLanguage)) throw badUserInput(`titleLanguage must be one of ${Object.values(TitleLanguage).join(', ')}`, 'titleLanguage');
    next.titleLanguage = input.titleLanguage ?? TitleLanguage.DEFAULT;
  }
  if (input.preferredSources !== undefined) {
    const sources = input.preferredSources ?? [];
    const bad = sources.find((s) => !SOURCES.includes(s));
    if (bad !== undefined) throw badUserInput(`preferredSources: ${JSON.stringify(String(bad).slice(0, 32))} is not a source; one of ${SOURCES.join(', ')}`, 'preferredSources');
    next.preferredSources = [...new Set(sources)];
  }
  next.genresLiked = genres(catalog, input.genresLiked, 'genresLiked') ?? next.genresLiked;
  next.genresAvoided = genres(catalog, input.genresAvoided, 'genresAvoided') ?? next.genresAvoided;
  const both = next.genresLiked.filter((g) => next.genresAvoided.includes(g));
  if (both.length) throw badUserInput(`a genre cannot be both liked and avoided: ${both.join(', ')}`, input.genresAvoided !== undefined ? 'genresAvoided' : 'genresLiked', { genres: both });
  const { updatedAt: _updatedAt, ...rest } = next;
  return rest;
}

/** The catalog's canonical id of `animeId` (any alias), or BAD_USER_INPUT. */
export function catalogAnime(catalog: Catalog, animeId: string) {
  if (typeof animeId !== 'string' || !animeId.trim() || animeId.length > MAX_ANIME_ID_LENGTH) throw badUserInput(`animeId must be a catalog id such as "mal:1" (at most ${MAX_ANIME_ID_LENGTH} characters)`, 'animeId');
  const record = catalog.byId(animeId.trim());
  if (!record) throw badUserInput(`no anime with the id ${JSON.stringify(animeId)} in the catalog; use an id from search, e.g. "mal:1"`, 'animeId', { animeId });
  return record;
}

/** Checks a status write against the catalog; returns the canonical anime id. */
export function checkWatchInput(catalog: Catalog, input: WatchInput): string {
  const record = catalogAnime(catalog, input.animeId);
  if (!isWatchStatus(input.status)) throw badUserInput(`status must be one of ${Object.values(WatchStatus).join(', ')}`, 'status');
  if (input.score !== undefined && input.score !== null && !(Number.isFinite(input.score) && input.score >= 0 && input.score <= MAX_SCORE)) {
    throw badUserInput(`score must be between 0 and ${MAX_SCORE} (or null to clear it); got ${input.score}`, 'score');
  }
  if (input.progress !== undefined && input.progress !== null) {
    if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > MAX_PROGRESS) throw badUserInput(`progress must be a whole number of episodes from 0 to ${MAX_PROGRESS} (or null to clear it); got ${input.progress}`, 'progress');
    if (record.episodes && input.progress > record.episodes) throw badUserInput(`progress ${input.progress} is more than the ${record.episodes} episodes of ${record.title}`, 'progress', { episodes: record.episodes });
  }
  return record.id;
}
