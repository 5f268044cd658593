// Splits the recommendation pairs into a signal half (builds the co-recommendation graph the eval
// ranks with) and a held-out half (scored), by the project's one split rule (src/eval/split.ts)
// applied to the UNORDERED pair: A → B and B → A land in the same half, so a held-out pair never
// leaks into the signal through its reverse.
import { isHeldOut } from '../eval/split.js';
import type { CoRecommendationEdge } from './co-recommendations.js';
import type { RecommendationPair } from './recommendation-pairs.js';

/** The text hashed for a pair: both catalog ids, sorted, so the direction does not matter. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

export interface PairSplit {
  signal: RecommendationPair[];
  heldOut: RecommendationPair[];
}

/** `salt` splits again inside one half (the tuning runs split the signal half into two). */
export function splitPairs(pairs: readonly RecommendationPair[], salt = ''): PairSplit {
  const split: PairSplit = { signal: [], heldOut: [] };
  for (const pair of pairs) (isHeldOut(salt + pairKey(pair.from, pair.to)) ? split.heldOut : split.signal).push(pair);
  return split;
}

export const edgesOf = (pairs: readonly RecommendationPair[]): CoRecommendationEdge[] => pairs.map((p) => ({ a: p.from, b: p.to, count: p.count }));
