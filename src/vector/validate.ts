// Input checks every store shares, so each implementation rejects the same bad input with the same
// typed error before anything reaches an index: a NaN or a wrong-sized vector inside HNSW or Milvus
// would silently poison every later search.
import { AnimeFormat, AnimeStatus } from '../domain/index.js';
import { AppError, ErrorCode, badInput } from '../errors/index.js';
import type { VectorFilter, VectorItem, VectorKind, VectorSearch, VectorSpace } from './types.js';

export const VECTOR_KINDS: readonly VectorKind[] = ['text', 'meta', 'image'];
/** Largest k one search may ask for (the similarity API pages far below this). */
export const MAX_K = 1000;
/** Longest id accepted: canonical ids are `<platform>:<id>`, far shorter. */
export const MAX_ID_LENGTH = 256;
const YEAR_MIN = 1000;
const YEAR_MAX = 9999;
const FORMATS = new Set<string>(Object.values(AnimeFormat));
const STATUSES = new Set<string>(Object.values(AnimeStatus));

/** The declared dimension of a kind, or BAD_USER_INPUT when the store does not hold that kind. */
export function dimensionOf(space: VectorSpace, kind: VectorKind): number {
  const dimension = (VECTOR_KINDS as readonly string[]).includes(kind) ? space[kind] : undefined;
  if (dimension === undefined) throw badInput(`vector kind "${String(kind)}" is not part of this store (it holds ${Object.keys(space).join(', ') || 'nothing'})`, { field: 'kind' });
  return dimension;
}

export function validateSpace(space: VectorSpace): void {
  for (const [kind, dimension] of Object.entries(space)) {
    if (!(VECTOR_KINDS as readonly string[]).includes(kind)) throw badInput(`unknown vector kind "${kind}"`, { field: 'space' });
    if (!Number.isInteger(dimension) || dimension! < 1 || dimension! > 65_536) throw badInput(`dimension of "${kind}" must be an integer between 1 and 65536`, { field: 'space' });
  }
}

/** Dimension, finiteness and a non-zero norm (cosine is undefined for the zero vector). */
export function validateVector(vector: Float32Array, dimension: number, what: string): void {
  if (!(vector instanceof Float32Array)) throw badInput(`${what} must be a Float32Array`, { field: what });
  if (vector.length !== dimension) {
    throw new AppError(ErrorCode.VECTOR_DIMENSION_MISMATCH, `${what} has ${vector.length} dimensions, expected ${dimension}`, { field: what, expected: dimension, actual: vector.length });
  }
  let norm = 0;
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i]!;
    if (!Number.isFinite(v)) throw badInput(`${what} has a non-finite value at position ${i}`, { field: what });
    norm += v * v;
  }
  if (norm === 0) throw badInput(`${what} is the zero vector (cosine similarity is undefined)`, { field: what });
}

export function validateId(id: unknown, what = 'id'): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) throw badInput(`${what} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`, { field: what });
  // Control characters have no place in an anime id and would only serve to confuse logs or expressions.
  if (/[\u0000-\u001f\u007f]/.test(id)) throw badInput(`${what} contains control characters`, { field: what });
  return id;
}

export function validateItems(space: VectorSpace, kind: VectorKind, items: VectorItem[]): void {
  const dimension = dimensionOf(space, kind);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    validateId(item.id, `items[${i}].id`);
    if (seen.has(item.id)) throw badInput(`items[${i}].id "${item.id}" appears twice in one upsert`, { field: `items[${i}].id` });
    seen.add(item.id);
    validateVector(item.vector, dimension, `items[${i}].vector`);
    const a = item.attributes;
    if (!a || !FORMATS.has(a.format)) throw badInput(`items[${i}].attributes.format is not an AnimeFormat`, { field: `items[${i}].attributes.format` });
    if (!STATUSES.has(a.status)) throw badInput(`items[${i}].attributes.status is not an AnimeStatus`, { field: `items[${i}].attributes.status` });
    if (a.year !== null && (!Number.isInteger(a.year) || a.year < YEAR_MIN || a.year > YEAR_MAX)) throw badInput(`items[${i}].attributes.year must be a year or null`, { field: `items[${i}].attributes.year` });
    if (typeof a.adult !== 'boolean') throw badInput(`items[${i}].attributes.adult must be a boolean`, { field: `items[${i}].attributes.adult` });
  });
}

/** Filter values come from users: only enum members and integers pass (Milvus builds expressions from them). */
export function validateFilter(filter: VectorFilter | undefined): void {
  if (!filter) return;
  for (const format of filter.formats ?? []) if (!FORMATS.has(format)) throw badInput(`filter.formats: "${String(format)}" is not a format`, { field: 'filter.formats' });
  for (const status of filter.statuses ?? []) if (!STATUSES.has(status)) throw badInput(`filter.statuses: "${String(status)}" is not a status`, { field: 'filter.statuses' });
  for (const field of ['yearFrom', 'yearTo'] as const) {
    const year = filter[field];
    if (year !== undefined && (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)) throw badInput(`filter.${field} must be an integer year`, { field: `filter.${field}` });
  }
  if (filter.yearFrom !== undefined && filter.yearTo !== undefined && filter.yearFrom > filter.yearTo) throw badInput('filter.yearFrom is after filter.yearTo', { field: 'filter.yearFrom' });
  if (filter.includeAdult !== undefined && typeof filter.includeAdult !== 'boolean') throw badInput('filter.includeAdult must be a boolean', { field: 'filter.includeAdult' });
  (filter.excludeIds ?? []).forEach((id, i) => validateId(id, `filter.excludeIds[${i}]`));
}

export function validateSearch(space: VectorSpace, kind: VectorKind, query: Float32Array, options: VectorSearch): number {
  const dimension = dimensionOf(space, kind);
  validateVector(query, dimension, 'query');
  if (!Number.isInteger(options.k) || options.k < 1 || options.k > MAX_K) throw badInput(`k must be an integer between 1 and ${MAX_K}`, { field: 'k' });
  validateFilter(options.filter);
  return dimension;
}
