// The similarity filter (format, status, year range, adult; for `similar` also the franchise) checked once at the edge, then used
// both inside the vector store and on lexical hits, so every ranked list obeys the same filter.
import { AnimeFormat, AnimeStatus, type AnimeRecord } from '../domain/index.js';
import { badInput } from '../errors/index.js';
import type { VectorFilter } from '../vector/types.js';

export interface SimilarityFilterInput {
  formats?: AnimeFormat[] | null;
  statuses?: AnimeStatus[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  /** Adult (hentai) entries are left out unless true. */
  includeAdult?: boolean | null;
  /** `similar` only: keep entries of the anime's own franchise (left out unless true). */
  sameFranchise?: boolean | null;
}

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;
// The catalog has no adult flag of its own; these tags are how its sources mark explicit works.
const ADULT_TAGS = new Set(['hentai', 'erotica']);

export function isAdultRecord(record: Pick<AnimeRecord, 'tags'>): boolean {
  return record.tags.some((tag) => ADULT_TAGS.has(tag));
}

/** Throws BAD_USER_INPUT naming the field when the filter cannot match anything sensible. */
export function validateSimilarityFilter(filter: SimilarityFilterInput | null | undefined): void {
  if (!filter) return;
  for (const field of ['yearFrom', 'yearTo'] as const) {
    const year = filter[field];
    if (year != null && (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)) {
      throw badInput(`filter.${field} must be a year between ${YEAR_MIN} and ${YEAR_MAX}`, { field: `filter.${field}` });
    }
  }
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw badInput('filter.yearFrom is after filter.yearTo', { field: 'filter.yearFrom' });
  }
}

export function toVectorFilter(filter: SimilarityFilterInput | null | undefined, excludeIds: string[] = []): VectorFilter {
  return {
    ...(filter?.formats?.length ? { formats: filter.formats } : {}),
    ...(filter?.statuses?.length ? { statuses: filter.statuses } : {}),
    ...(filter?.yearFrom != null ? { yearFrom: filter.yearFrom } : {}),
    ...(filter?.yearTo != null ? { yearTo: filter.yearTo } : {}),
    includeAdult: filter?.includeAdult === true,
    ...(excludeIds.length ? { excludeIds } : {}),
  };
}

/** The same filter on a catalog record (lexical hits, exact fallbacks). */
export function matchesSimilarityFilter(record: AnimeRecord, filter: VectorFilter): boolean {
  if (filter.excludeIds?.includes(record.id)) return false;
  if (filter.formats && !filter.formats.includes(record.format)) return false;
  if (filter.statuses && !filter.statuses.includes(record.status)) return false;
  if (filter.yearFrom !== undefined && (record.year === null || record.year < filter.yearFrom)) return false;
  if (filter.yearTo !== undefined && (record.year === null || record.year > filter.yearTo)) return false;
  if (!filter.includeAdult && isAdultRecord(record)) return false;
  return true;
}
