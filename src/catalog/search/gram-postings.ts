// The CJK bigram postings of the title index, frozen into flat arrays (keyed-postings.ts): gram i
// lists its entries in ascending order with a weight byte each. A Map of Maps (one per gram, ~60k
// of them) held ~20 MB of hash tables for ~1 MB of numbers; here a lookup is one binary search in
// a list of a few dozen entries.
import { KeyedPostings, KeyedPostingsBuilder, type KeyedPostingsSnapshot } from './keyed-postings.js';

export type GramPostingsSnapshot = KeyedPostingsSnapshot;

export class GramPostings {
  private constructor(private readonly postings: KeyedPostings) {}

  /** Freezes postings built as gram -> (entry -> weight); each list is sorted by entry. */
  static fromMap(map: ReadonlyMap<string, ReadonlyMap<number, number>>): GramPostings {
    const builder = new KeyedPostingsBuilder({ flags: true });
    for (const [gram, docs] of map) for (const [doc, weight] of [...docs].sort((a, b) => a[0] - b[0])) builder.file(gram, doc, weight);
    return new GramPostings(builder.freeze());
  }

  /** The postings a snapshot holds; throws RangeError when its arrays disagree or a list is unsorted. */
  static restore(snapshot: GramPostingsSnapshot): GramPostings {
    if (!snapshot.flags) throw new RangeError('gram postings: no weights');
    const postings = KeyedPostings.restore(snapshot);
    for (let id = 0; id < snapshot.keys.length; id += 1) {
      const start = postings.start(id);
      for (let k = start + 1; k < start + postings.length(id); k += 1) {
        if (postings.docAt(k - 1) >= postings.docAt(k)) throw new RangeError('gram postings: a list is not sorted');
      }
    }
    return new GramPostings(postings);
  }

  snapshot(): GramPostingsSnapshot {
    return this.postings.snapshot();
  }

  /**
   * Entries having every gram, scored by the sum of their weights; empty when a gram is unknown.
   * Walks the shortest list and looks each of its entries up in the others.
   */
  intersect(grams: readonly string[]): Map<number, number> {
    const hits = new Map<number, number>();
    const lists: number[] = [];
    for (const gram of new Set(grams)) {
      const id = this.postings.idOf(gram);
      if (id === undefined) return hits;
      lists.push(id);
    }
    if (lists.length === 0) return hits;
    lists.sort((a, b) => this.postings.length(a) - this.postings.length(b));
    const [shortest, ...others] = lists as [number, ...number[]];
    const start = this.postings.start(shortest);
    for (let k = start; k < start + this.postings.length(shortest); k += 1) {
      const doc = this.postings.docAt(k);
      let score = this.postings.flagAt(k);
      let all = true;
      for (const other of others) {
        const weight = this.weightOf(other, doc);
        if (weight === undefined) {
          all = false;
          break;
        }
        score += weight;
      }
      if (all) hits.set(doc, score);
    }
    return hits;
  }

  private weightOf(id: number, doc: number): number | undefined {
    let lo = this.postings.start(id);
    let hi = lo + this.postings.length(id);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const found = this.postings.docAt(mid);
      if (found === doc) return this.postings.flagAt(mid);
      if (found < doc) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }
}
