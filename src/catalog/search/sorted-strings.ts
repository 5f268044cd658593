// Lookups in a sorted list of strings (by UTF-16 code units, as `<` and Array.prototype.sort
// compare). The title index keeps its keys this way rather than in Maps: a Map costs ~40 bytes
// per key beside the key itself, and the index has a few hundred thousand keys.

/** The first position whose string is not below `key` (the list's length when all are). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `key`, or -1 when the list does not hold it. */
export function positionOf(sorted: readonly string[], key: string): number {
  const at = lowerBound(sorted, key);
  return at < sorted.length && sorted[at] === key ? at : -1;
}

/** Whether every string is above the one before it (or, when repeats are allowed, not below it). */
export function isSorted(list: readonly string[], repeats = false): boolean {
  for (let i = 1; i < list.length; i += 1) {
    const [before, here] = [list[i - 1]!, list[i]!];
    if (repeats ? before > here : !(before < here)) return false;
  }
  return true;
}
