// The scalar filter evaluated in memory (exact and embedded stores). Milvus evaluates the same
// semantics server-side from src/vector/milvus/expression.ts; the contract suite keeps them equal.
import type { VectorAttributes, VectorFilter } from './types.js';

export type AttributePredicate = (id: string, attributes: VectorAttributes) => boolean;

/** A year range excludes entries of unknown year, as the catalog's own search filter does. */
export function attributePredicate(filter: VectorFilter | undefined): AttributePredicate {
  const formats = filter?.formats?.length ? new Set<string>(filter.formats) : null;
  const statuses = filter?.statuses?.length ? new Set<string>(filter.statuses) : null;
  const excluded = filter?.excludeIds?.length ? new Set(filter.excludeIds) : null;
  const { yearFrom, yearTo } = filter ?? {};
  const includeAdult = filter?.includeAdult === true;
  return (id, a) => {
    if (excluded?.has(id)) return false;
    if (!includeAdult && a.adult) return false;
    if (formats && !formats.has(a.format)) return false;
    if (statuses && !statuses.has(a.status)) return false;
    if (yearFrom !== undefined && (a.year === null || a.year < yearFrom)) return false;
    if (yearTo !== undefined && (a.year === null || a.year > yearTo)) return false;
    return true;
  };
}
