// Quality measures for the similarity service on real data: hit@10 of `similar` against real
// recommendation pairs, and hit@10 / precision@10 / MRR@10 of semantic search on written
// narrative queries. Pure over a service, so any engine (model-free, neural) can be measured.
import type { RecommendationPair } from './recommendation-pairs.js';
import type { SignalOptions, SimilarityService } from './service.js';
import type { SimilarityFilterInput } from './filter.js';

export interface NarrativeQuery {
  text: string;
  expected: string[];
  title: string;
  filter?: SimilarityFilterInput;
}

export interface RankingScore {
  total: number;
  hitAt10: number;
  precisionAt10: number;
  mrrAt10: number;
  /** Each case's 1-based rank of its first expected answer within the top 10, null if absent. */
  ranks: Array<number | null>;
}

const TOP = 10;

/** hit@10 and MRR@10 from each case's rank alone (enough to score any subset of the cases). */
export interface RankSummary {
  total: number;
  hitAt10: number;
  mrrAt10: number;
}

export function summarizeRanks(ranks: ReadonlyArray<number | null>): RankSummary {
  const n = Math.max(ranks.length, 1);
  return {
    total: ranks.length,
    hitAt10: ranks.filter((r) => r !== null).length / n,
    mrrAt10: ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
  };
}

function score(rankings: Array<{ ids: string[]; expected: string[] }>): RankingScore {
  const ranks = rankings.map(({ ids, expected }) => {
    const index = ids.slice(0, TOP).findIndex((id) => expected.includes(id));
    return index < 0 ? null : index + 1;
  });
  const n = Math.max(rankings.length, 1);
  const relevant = rankings.reduce((sum, { ids, expected }) => sum + ids.slice(0, TOP).filter((id) => expected.includes(id)).length, 0);
  return { ...summarizeRanks(ranks), precisionAt10: relevant / (TOP * n), ranks };
}

/**
 * `similar`'s top 10 for each pair's asked anime, scored against the recommended one. With `known`
 * (the pairs the co-recommendation signal was built from), those other right answers are taken out
 * of the list before it is cut to 10 — the "filtered" ranking of link-prediction evaluations: a
 * known recommendation ranked above the held-out one is not a mistake.
 */
export async function evaluateSimilar(
  service: SimilarityService,
  pairs: RecommendationPair[],
  signals: SignalOptions = {},
  filter: SimilarityFilterInput | null = null,
  known?: (from: string) => ReadonlySet<string>,
): Promise<RankingScore> {
  // Many pairs share their asked anime: one ranking each.
  const lists = new Map<string, string[]>();
  const rankings = [];
  for (const pair of pairs) {
    let ids = lists.get(pair.from);
    if (!ids) {
      const leaveOut = known?.(pair.from);
      const candidates = (await service.similarCandidates(pair.from, filter, signals)).map((hit) => hit.id);
      ids = (leaveOut ? candidates.filter((id) => !leaveOut.has(id)) : candidates).slice(0, TOP);
      lists.set(pair.from, ids);
    }
    rankings.push({ ids, expected: [pair.to] });
  }
  return score(rankings);
}

export async function evaluateSemantic(service: SimilarityService, queries: NarrativeQuery[], signals: SignalOptions = {}): Promise<RankingScore> {
  const rankings = [];
  for (const query of queries) {
    const results = await service.semanticSearch(query.text, TOP, query.filter ?? null, signals);
    rankings.push({ ids: results.map((r) => r.id), expected: query.expected });
  }
  return score(rankings);
}
