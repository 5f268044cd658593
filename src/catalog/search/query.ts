// Filtering, sorting and cursor pagination over catalog records (with or without a text query).
import { AnimeFormat, AnimeStatus, Season, type AnimeRecord } from '../../domain/index.js';
import { badInput } from '../../errors/index.js';
import { matchesAnyStudio } from './studio-match.js';

export enum AnimeSort {
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  SCORE = 'SCORE',
  EPISODES = 'EPISODES',
}

export interface AnimeFilterInput {
  formats?: AnimeFormat[] | null;
  statuses?: AnimeStatus[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  season?: Season | null;
  tagsInclude?: string[] | null;
  tagsExclude?: string[] | null;
  episodesMin?: number | null;
  episodesMax?: number | null;
  minScore?: number | null;
  /** Any of these studios (see studio-match.ts). */
  studios?: string[] | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function validateFilter(filter: AnimeFilterInput | null | undefined): void {
  if (!filter) return;
  const { yearFrom, yearTo, episodesMin, episodesMax, minScore } = filter;
  if (yearFrom != null && yearTo != null && yearFrom > yearTo)
    throw badInput(`filter.yearFrom (${yearFrom}) is after filter.yearTo (${yearTo})`, { field: 'filter.yearFrom' });
  if (episodesMin != null && episodesMin < 0) throw badInput('filter.episodesMin must be 0 or more', { field: 'filter.episodesMin' });
  if (episodesMin != null && episodesMax != null && episodesMin > episodesMax)
    throw badInput(`filter.episodesMin (${episodesMin}) is above filter.episodesMax (${episodesMax})`, { field: 'filter.episodesMin' });
  if (minScore != null && (minScore < 0 || minScore > 10)) throw badInput('filter.minScore is on a 0–10 scale', { field: 'filter.minScore' });
  if (filter.studios?.some((s) => !/[\p{L}\p{N}]/u.test(s) || s.length > 100)) throw badInput('filter.studios holds names of 1–100 characters with a letter or digit', { field: 'filter.studios' });
}

export function matchesFilter(record: AnimeRecord, filter: AnimeFilterInput | null | undefined): boolean {
  if (!filter) return true;
  if (filter.formats?.length && !filter.formats.includes(record.format)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(record.status)) return false;
  if (filter.yearFrom != null && (record.year == null || record.year < filter.yearFrom)) return false;
  if (filter.yearTo != null && (record.year == null || record.year > filter.yearTo)) return false;
  if (filter.season != null && record.season !== filter.season) return false;
  if (filter.episodesMin != null && (record.episodes == null || record.episodes < filter.episodesMin)) return false;
  if (filter.episodesMax != null && (record.episodes == null || record.episodes > filter.episodesMax)) return false;
  if (filter.minScore != null && (record.score == null || record.score < filter.minScore)) return false;
  if (filter.tagsInclude?.length && !filter.tagsInclude.every((t) => record.tags.includes(t.toLowerCase()))) return false;
  if (filter.tagsExclude?.length && filter.tagsExclude.some((t) => record.tags.includes(t.toLowerCase()))) return false;
  if (filter.studios?.length && !matchesAnyStudio(record.studios, filter.studios)) return false;
  return true;
}

const byTitle = (a: AnimeRecord, b: AnimeRecord) => a.title.localeCompare(b.title);
const dateOf = (r: AnimeRecord) => r.startDate ?? (r.year != null ? `${r.year}` : null);

function nullsLast<T>(get: (r: AnimeRecord) => T | null, cmp: (a: T, b: T) => number) {
  return (a: AnimeRecord, b: AnimeRecord) => {
    const x = get(a);
    const y = get(b);
    if (x == null) return y == null ? byTitle(a, b) : 1;
    if (y == null) return -1;
    return cmp(x, y) || byTitle(a, b);
  };
}

const SORTS: Record<Exclude<AnimeSort, AnimeSort.RELEVANCE>, (a: AnimeRecord, b: AnimeRecord) => number> = {
  [AnimeSort.TITLE]: byTitle,
  [AnimeSort.NEWEST]: nullsLast(dateOf, (x, y) => y.localeCompare(x)),
  [AnimeSort.OLDEST]: nullsLast(dateOf, (x, y) => x.localeCompare(y)),
  [AnimeSort.SCORE]: nullsLast((r) => r.score, (x, y) => y - x),
  [AnimeSort.EPISODES]: nullsLast((r) => r.episodes, (x, y) => y - x),
};

/** Sorts in place unless relevance (the order the records came in) is asked. */
export function sortRecords(records: AnimeRecord[], sort: AnimeSort): AnimeRecord[] {
  return sort === AnimeSort.RELEVANCE ? records : records.sort(SORTS[sort]);
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

// Cursors are opaque to clients; inside they are the offset of the item in the ordered result.
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = Buffer.from(cursor, 'base64url').toString().match(/^o:(\d+)$/);
  if (!match) throw badInput(`"${cursor}" is not a cursor from this service; pass pageInfo.endCursor as "after"`, { field: 'after' });
  return Number(match[1]);
}

export function paginate<T>(items: readonly T[], first: number | null | undefined, after: string | null | undefined): Page<T> {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  const start = after ? decodeCursor(after) + 1 : 0;
  const nodes = items.slice(start, start + size);
  return {
    nodes,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? encodeCursor(start) : null,
      endCursor: nodes.length ? encodeCursor(start + nodes.length - 1) : null,
    },
  };
}
