// Milvus boolean expressions built only from validated values: enum members (checked against the
// AnimeFormat/AnimeStatus enums), integers, and ids written as escaped string literals. Nothing a
// user types is ever spliced into an expression as syntax. (Milvus's `exprValues` templates would
// be neater, but Milvus Lite's parser does not accept them, and the contract suite runs there.)
import { AnimeFormat, AnimeStatus } from '../../domain/index.js';
import { badInput } from '../../errors/index.js';
import type { VectorFilter, VectorKind } from '../types.js';
import { validateFilter, validateId } from '../validate.js';

const FORMATS = new Set<string>(Object.values(AnimeFormat));
const STATUSES = new Set<string>(Object.values(AnimeStatus));

/** The scalar fields of the collection (see store.ts for the schema). */
export const FIELD = { id: 'id', format: 'format', status: 'status', year: 'year', adult: 'adult' } as const;
export const vectorField = (kind: VectorKind): string => `v_${kind}`;
export const presenceField = (kind: VectorKind): string => `has_${kind}`;

/** A Milvus string literal: double-quoted, with backslash and double quote escaped; ids are validated first. */
export function stringLiteral(value: string): string {
  validateId(value, 'id');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function enumList(values: readonly string[], allowed: Set<string>, field: string): string {
  for (const value of values) if (!allowed.has(value)) throw badInput(`${field}: "${value}" is not allowed`, { field });
  return `[${values.map((v) => `"${v}"`).join(', ')}]`;
}

function integer(value: number, field: string): string {
  if (!Number.isSafeInteger(value)) throw badInput(`${field} must be an integer`, { field });
  return String(value);
}

export function idListExpression(ids: readonly string[]): string {
  return `${FIELD.id} in [${ids.map(stringLiteral).join(', ')}]`;
}

/** The expression a search of `kind` runs with: rows that hold that kind, and the filter's conditions. */
export function searchExpression(kind: VectorKind, filter: VectorFilter | undefined): string {
  validateFilter(filter);
  const parts = [`${presenceField(kind)} == true`];
  if (filter?.includeAdult !== true) parts.push(`${FIELD.adult} == false`);
  if (filter?.formats?.length) parts.push(`${FIELD.format} in ${enumList(filter.formats, FORMATS, 'filter.formats')}`);
  if (filter?.statuses?.length) parts.push(`${FIELD.status} in ${enumList(filter.statuses, STATUSES, 'filter.statuses')}`);
  // Unknown years are stored as -1, so any lower bound excludes them; an upper bound alone must too.
  if (filter?.yearFrom !== undefined) parts.push(`${FIELD.year} >= ${integer(filter.yearFrom, 'filter.yearFrom')}`);
  if (filter?.yearTo !== undefined) parts.push(`${FIELD.year} >= 0`, `${FIELD.year} <= ${integer(filter.yearTo, 'filter.yearTo')}`);
  if (filter?.excludeIds?.length) parts.push(`${FIELD.id} not in [${filter.excludeIds.map(stringLiteral).join(', ')}]`);
  return parts.join(' and ');
}
