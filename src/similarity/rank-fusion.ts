// Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each ranked list adds
// weight / (k + rank) to an item. It needs no score calibration between BM25 and cosine, which
// is exactly what mixing lexical and vector hits lacks.

/** One ranked list to fuse: ids best first, a name (the reason it contributes) and a weight. */
export interface RankedList {
  source: string;
  ids: readonly string[];
  weight?: number;
}

export interface FusedHit {
  id: string;
  /** Fused score normalised to (0, 1]: 1 = ranked first in every list. */
  score: number;
  /** The lists the id appeared in, with its 1-based rank there. */
  ranks: Record<string, number>;
}

/** k = 60 is the paper's constant: it damps the head so one list alone cannot dominate. */
export const RRF_K = 60;

/**
 * `possibleWeight` is the total weight of the lists the caller could have had (a record without a
 * synopsis has no synopsis list): the score then says how much evidence there is, so a result
 * found by one signal of two scores at most 0.5 instead of a misleading 1.
 */
export function reciprocalRankFusion(lists: readonly RankedList[], possibleWeight?: number, k = RRF_K): FusedHit[] {
  const fused = new Map<string, { raw: number; ranks: Record<string, number> }>();
  const present = lists.reduce((sum, list) => sum + (list.ids.length ? (list.weight ?? 1) : 0), 0);
  const best = Math.max(present, possibleWeight ?? 0) / (k + 1);
  for (const list of lists) {
    const weight = list.weight ?? 1;
    list.ids.forEach((id, index) => {
      const entry = fused.get(id) ?? { raw: 0, ranks: {} };
      if (entry.ranks[list.source] !== undefined) return; // a list naming an id twice counts it once
      entry.raw += weight / (k + index + 1);
      entry.ranks[list.source] = index + 1;
      fused.set(id, entry);
    });
  }
  return [...fused.entries()]
    .map(([id, { raw, ranks }]) => ({ id, score: best > 0 ? raw / best : 0, ranks }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
