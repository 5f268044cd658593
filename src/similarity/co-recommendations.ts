// "Fans who recommend this also recommend that": an item-item graph of how many MyAnimeList users
// recommended two anime for each other. It links works that share no tags, studio or words (the
// content engines cannot see those links), and covers the bangumi-data entries that have nothing
// but a title and a date.
//
// Ranking for one anime: its direct neighbours first (most recommended first), then anime two hops
// away, then anime three hops away from the strongest of those. A path's weight is the product of
// log(1 + count) of its edges, divided by √degree of each anime it passes through, so a hub that is
// recommended with everything does not pull its whole neighbourhood to the top. Constants chosen on
// the tuning split of the pairs (`npm run eval:similarity -- --tune`): unweighted or √count edges,
// no or full damping, a popularity factor all measured within a point of this.

export interface CoRecommendationEdge {
  a: string;
  b: string;
  /** Users who recommended the two for each other. */
  count: number;
}

export interface CoRecommendationHit {
  id: string;
  /** Users who recommended it together with the anime asked about; 0 when only linked through others. */
  count: number;
}

// Three hops reach far more anime than two: they only order what two hops do not find, and only
// from the strongest two-hop anime (a hub's three-hop neighbourhood is most of the graph).
const THIRD_HOP_WEIGHT = 0.2;
const THIRD_HOP_FROM = 20;
/** At most this many linking anime are kept per hit (the reason names them). */
const MAX_VIA = 3;

export class CoRecommendations {
  private readonly edges = new Map<string, Map<string, number>>();

  /** A pair listed twice (both ways, or by two sources) keeps its largest count. */
  constructor(edges: Iterable<CoRecommendationEdge>) {
    for (const { a, b, count } of edges) {
      if (a === b || !(count > 0)) continue;
      this.link(a, b, count);
      this.link(b, a, count);
    }
  }

  /** Anime with at least one recommendation. */
  get size(): number {
    return this.edges.size;
  }

  /** Undirected pairs. */
  get pairCount(): number {
    let n = 0;
    for (const neighbours of this.edges.values()) n += neighbours.size;
    return n / 2;
  }

  neighboursOf(id: string): ReadonlyMap<string, number> {
    return this.edges.get(id) ?? new Map();
  }

  /** Anime linked to `id`, best first, among those `accepts` lets through; at most `limit`. */
  rank(id: string, limit: number, accepts: (id: string) => boolean): CoRecommendationHit[] {
    const direct = this.edges.get(id);
    if (!direct) return [];
    const hits: CoRecommendationHit[] = [...direct]
      .filter(([other]) => accepts(other))
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([other, count]) => ({ id: other, count }));
    if (hits.length >= limit) return hits.slice(0, limit);

    const second = new Map<string, number>();
    for (const [middle, count] of direct) {
      const weight = this.pathWeight(middle, count);
      for (const [next, nextCount] of this.neighboursOf(middle)) {
        if (next !== id && !direct.has(next)) second.set(next, (second.get(next) ?? 0) + weight * Math.log1p(nextCount));
      }
    }
    const scores = new Map(second);
    for (const [next, score] of byScore(second).slice(0, THIRD_HOP_FROM)) {
      const weight = (THIRD_HOP_WEIGHT * score) / this.damping(next);
      for (const [last, lastCount] of this.neighboursOf(next)) {
        if (last !== id && !direct.has(last)) scores.set(last, (scores.get(last) ?? 0) + weight * Math.log1p(lastCount));
      }
    }
    // The filter is checked only down the list until it is full: a hub reaches thousands of anime.
    for (const [other] of byScore(scores)) {
      if (hits.length >= limit) break;
      if (accepts(other)) hits.push({ id: other, count: 0 });
    }
    return hits;
  }

  /**
   * The anime recommended with both `id` and `other`, strongest path first: what links a two-hop
   * hit (the reason names them; asked only for the results shown). Empty for three hops.
   */
  linksBetween(id: string, other: string): string[] {
    const paths: Array<[string, number]> = [];
    for (const [middle, count] of this.neighboursOf(id)) {
      const onward = this.edges.get(middle)?.get(other);
      if (onward) paths.push([middle, this.pathWeight(middle, count) * Math.log1p(onward)]);
    }
    return paths
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, MAX_VIA)
      .map(([middle]) => middle);
  }

  /** Weight of the first edge of a path (to `middle`), damped by how much `middle` is recommended with. */
  private pathWeight(middle: string, count: number): number {
    return Math.log1p(count) / this.damping(middle);
  }

  private damping(id: string): number {
    return Math.sqrt(this.edges.get(id)?.size ?? 1);
  }

  private link(a: string, b: string, count: number): void {
    let neighbours = this.edges.get(a);
    if (!neighbours) this.edges.set(a, (neighbours = new Map()));
    neighbours.set(b, Math.max(neighbours.get(b) ?? 0, count));
  }
}

const byScore = (scores: ReadonlyMap<string, number>): Array<[string, number]> => [...scores].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
