// The CJK bigram postings of the title index, frozen into flat arrays: gram i lists the entries
// `docs[offsets[i]..offsets[i + 1]]` (ascending) with a weight byte each. A Map of Maps (one per
// gram, ~60k of them) held ~20 MB of hash tables for ~1 MB of numbers; here a lookup is one binary
// search in a list of a few dozen entries.

export interface GramPostingsSnapshot {
  keys: string[];
  offsets: Int32Array;
  docs: Int32Array;
  /** The weight of each doc in its list (the field weight of the name the gram came from). */
  flags?: Uint8Array;
}

export class GramPostings {
  private readonly ids = new Map<string, number>();

  private constructor(
    private readonly keys: string[],
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly weights: Uint8Array,
  ) {
    keys.forEach((key, id) => this.ids.set(key, id));
  }

  /** Freezes postings built as gram -> (entry -> weight); each list is sorted by entry. */
  static fromMap(map: ReadonlyMap<string, ReadonlyMap<number, number>>): GramPostings {
    const keys = [...map.keys()];
    const offsets = new Int32Array(keys.length + 1);
    keys.forEach((key, i) => (offsets[i + 1] = offsets[i]! + map.get(key)!.size));
    const docs = new Int32Array(offsets[keys.length]!);
    const weights = new Uint8Array(docs.length);
    keys.forEach((key, i) => {
      const sorted = [...map.get(key)!].sort((a, b) => a[0] - b[0]);
      sorted.forEach(([doc, weight], k) => {
        docs[offsets[i]! + k] = doc;
        weights[offsets[i]! + k] = weight;
      });
    });
    return new GramPostings(keys, offsets, docs, weights);
  }

  /** The postings a snapshot holds; throws RangeError when its arrays disagree or a list is unsorted. */
  static restore(snapshot: GramPostingsSnapshot): GramPostings {
    const { keys, offsets, docs, flags } = snapshot;
    if (offsets.length !== keys.length + 1 || docs.length !== offsets[keys.length] || !flags || flags.length !== docs.length) {
      throw new RangeError('gram postings: lengths disagree');
    }
    for (let i = 0; i < keys.length; i += 1) {
      for (let k = offsets[i]! + 1; k < offsets[i + 1]!; k += 1) if (docs[k - 1]! >= docs[k]!) throw new RangeError('gram postings: a list is not sorted');
    }
    return new GramPostings(keys, offsets, docs, flags);
  }

  snapshot(): Required<GramPostingsSnapshot> {
    return { keys: this.keys, offsets: this.offsets, docs: this.docs, flags: this.weights };
  }

  /**
   * Entries having every gram, scored by the sum of their weights; empty when a gram is unknown.
   * Walks the shortest list and looks each of its entries up in the others.
   */
  intersect(grams: readonly string[]): Map<number, number> {
    const hits = new Map<number, number>();
    const lists: number[] = [];
    for (const gram of new Set(grams)) {
      const id = this.ids.get(gram);
      if (id === undefined) return hits;
      lists.push(id);
    }
    if (lists.length === 0) return hits;
    lists.sort((a, b) => this.length(a) - this.length(b));
    const [shortest, ...others] = lists as [number, ...number[]];
    for (let k = this.offsets[shortest]!; k < this.offsets[shortest + 1]!; k += 1) {
      const doc = this.docs[k]!;
      let score = this.weights[k]!;
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

  private length(id: number): number {
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  private weightOf(id: number, doc: number): number | undefined {
    let lo = this.offsets[id]!;
    let hi = this.offsets[id + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const found = this.docs[mid]!;
      if (found === doc) return this.weights[mid]!;
      if (found < doc) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }
}
