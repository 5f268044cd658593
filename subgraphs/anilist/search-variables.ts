// Pure mapping of our search arguments (universal enums, inclusive bounds, page cursors) to the
// variables of AniList's Media query (its enums, strict `_greater`/`_lesser` bounds).
import { AnimeFormat, AnimeStatus, type Season } from '../../src/domain/index.js';
import { badInput } from '../../src/errors/index.js';
import type { AnilistSearchVariables } from './client.js';
import { MAX_PER_PAGE } from './queries.js';
import type { AnilistMediaSort } from './types.js';

const ANILIST_FORMATS: Partial<Record<AnimeFormat, string>> = {
  [AnimeFormat.TV]: 'TV',
  [AnimeFormat.TV_SHORT]: 'TV_SHORT',
  [AnimeFormat.MOVIE]: 'MOVIE',
  [AnimeFormat.SPECIAL]: 'SPECIAL',
  [AnimeFormat.OVA]: 'OVA',
  [AnimeFormat.ONA]: 'ONA',
  [AnimeFormat.MUSIC]: 'MUSIC',
};

const ANILIST_STATUSES: Partial<Record<AnimeStatus, string>> = {
  [AnimeStatus.AIRING]: 'RELEASING',
  [AnimeStatus.COMPLETED]: 'FINISHED',
  [AnimeStatus.UPCOMING]: 'NOT_YET_RELEASED',
  [AnimeStatus.CANCELLED]: 'CANCELLED',
  [AnimeStatus.HIATUS]: 'HIATUS',
};

/** Our search arguments (inclusive bounds, universal enums). */
export interface AnilistSearchInput {
  search?: string | null;
  formatIn?: AnimeFormat[] | null;
  statusIn?: AnimeStatus[] | null;
  scoreMin?: number | null;
  scoreMax?: number | null;
  popularityMin?: number | null;
  popularityMax?: number | null;
  genreIn?: string[] | null;
  genreNotIn?: string[] | null;
  tagIn?: string[] | null;
  season?: Season | null;
  seasonYear?: number | null;
  episodesMin?: number | null;
  episodesMax?: number | null;
  sort?: AnilistMediaSort[] | null;
  isAdult?: boolean | null;
  page?: number | null;
  perPage?: number | null;
  after?: string | null;
}

const CURSOR_PREFIX = 'anilist:page:';

export function pageCursor(page: number): string {
  return `${CURSOR_PREFIX}${page}`;
}

function pageAfter(cursor: string): number {
  const page = cursor.startsWith(CURSOR_PREFIX) ? Number(cursor.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isInteger(page) || page < 1) throw badInput(`after: not a cursor of anilistSearch: ${JSON.stringify(cursor)}`, { field: 'after' });
  return page + 1;
}

function mapEnumList<T extends string>(values: T[] | null | undefined, table: Partial<Record<T, string>>, field: string): string[] | undefined {
  if (!values?.length) return undefined;
  return values.map((value) => {
    const mapped = table[value];
    if (!mapped) throw badInput(`${field}: AniList cannot filter by ${value}`, { field });
    return mapped;
  });
}

function checkRange(field: string, value: number | null | undefined, min: number, max: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be an integer from ${min} to ${max}`, { field });
  return value;
}

/** AniList's `_greater`/`_lesser` filters are strict; ours are inclusive, hence the ±1. */
const above = (min: number | undefined) => (min === undefined ? undefined : min - 1);
const below = (max: number | undefined) => (max === undefined ? undefined : max + 1);

export function toSearchVariables(input: AnilistSearchInput): AnilistSearchVariables {
  if (input.page != null && input.after != null) throw badInput('Give page or after, not both', { field: 'after' });
  const page = input.after != null ? pageAfter(input.after) : (checkRange('page', input.page, 1, 100_000) ?? 1);
  const perPage = checkRange('perPage', input.perPage, 1, MAX_PER_PAGE) ?? 20;
  const scoreMin = checkRange('scoreMin', input.scoreMin, 0, 100);
  const scoreMax = checkRange('scoreMax', input.scoreMax, 0, 100);
  const big = Number.MAX_SAFE_INTEGER;
  const popularityMin = checkRange('popularityMin', input.popularityMin, 0, big);
  const popularityMax = checkRange('popularityMax', input.popularityMax, 0, big);
  const episodesMin = checkRange('episodesMin', input.episodesMin, 0, big);
  const episodesMax = checkRange('episodesMax', input.episodesMax, 0, big);
  const seasonYear = checkRange('seasonYear', input.seasonYear, 1900, 2100);
  const search = input.search?.trim() || undefined;
  return {
    page,
    perPage,
    search,
    format_in: mapEnumList(input.formatIn, ANILIST_FORMATS, 'formatIn'),
    status_in: mapEnumList(input.statusIn, ANILIST_STATUSES, 'statusIn'),
    averageScore_greater: above(scoreMin),
    averageScore_lesser: below(scoreMax),
    popularity_greater: above(popularityMin),
    popularity_lesser: below(popularityMax),
    genre_in: input.genreIn?.length ? input.genreIn : undefined,
    genre_not_in: input.genreNotIn?.length ? input.genreNotIn : undefined,
    tag_in: input.tagIn?.length ? input.tagIn : undefined,
    // Season names are the same words on both sides.
    season: input.season ?? undefined,
    seasonYear,
    episodes_greater: above(episodesMin),
    episodes_lesser: below(episodesMax),
    sort: input.sort?.length ? [...input.sort] : [search ? 'SEARCH_MATCH' : 'POPULARITY_DESC'],
    // AniList lists adult entries unless told not to; they stay out unless asked for.
    isAdult: input.isAdult ?? false,
  };
}
