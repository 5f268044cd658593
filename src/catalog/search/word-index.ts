// Inverted index of the words of every name, answering "which entries have all of these words"
// from the rarest word outwards: the entries of the query word with the fewest entries are the
// candidates, and each other word is checked against a candidate's own few words. A general
// full-text engine scores every entry of every word (and of every prefix expansion) before
// intersecting, which made "dragon ball super" cost ~20 ms; this costs well under one.

import { isSorted, lowerBound, positionOf } from './sorted-strings.js';

/** One query word: the exact words that count for it (with a weight each), and an optional prefix. */
export interface WordTerm {
  exact: ReadonlyMap<string, number>;
  /** Any indexed word starting with this counts too (weighted by how much of it was typed). */
  prefix?: string;
}

/**
 * The frozen index as flat arrays (title-index-cache.ts keeps it on disk): per-word and per-entry
 * lists run together, with `offsets[i]..offsets[i + 1]` the slice of list i.
 */
export interface WordIndexSnapshot {
  words: string[];
  uses: Int32Array;
  postingOffsets: Int32Array;
  postings: Int32Array;
  postingWeights: Uint8Array;
  docOffsets: Int32Array;
  docWords: Int32Array;
  docWeights: Uint8Array;
  sortedIds: Int32Array;
}

export class WordIndex {
  /** Word → id while names are added; a frozen index finds a word by binary search in `sorted`. */
  private building: Map<string, number> | null = new Map();
  private readonly words: string[] = [];
  /** How many names use each word (by id). */
  private readonly uses: number[] = [];
  // Flat lists (`offsets[i]..offsets[i + 1]` is list i), never one typed array per word or entry:
  // ~100k small views cost ~25 MB of heap on their own, more than the numbers they hold.
  private postingOffsets: Int32Array = new Int32Array(1);
  private postings: Int32Array = new Int32Array(0);
  private postingWeights: Uint8Array = new Uint8Array(0);
  private docOffsets: Int32Array = new Int32Array(1);
  private docWords: Int32Array = new Int32Array(0);
  private docWeights: Uint8Array = new Uint8Array(0);
  private sorted: string[] = [];
  private sortedIds: Int32Array = new Int32Array(0);
  private idf: Float64Array = new Float64Array(0);
  private entries: Array<Map<number, number>> = [];

  /** Adds the words of one name of entry `doc`, each weighing `weight` (the name's field). */
  addName(doc: number, words: readonly string[], weight: number): void {
    const ids = this.building;
    if (!ids) throw new Error('word index: names added after finish()');
    const entry = (this.entries[doc] ??= new Map());
    for (const word of new Set(words)) {
      let id = ids.get(word);
      if (id === undefined) {
        id = this.words.length;
        ids.set(word, id);
        this.words.push(word);
        this.uses.push(0);
      }
      this.uses[id]! += 1;
      if ((entry.get(id) ?? 0) < weight) entry.set(id, weight);
    }
  }

  /** Freezes the index: call once after the last `addName`. */
  finish(docCount: number): void {
    const lists: Array<Array<[number, number]>> = this.words.map(() => []);
    const docWords: Int32Array[] = new Array(docCount);
    const docWeights: Uint8Array[] = new Array(docCount);
    for (let doc = 0; doc < docCount; doc += 1) {
      const entry = this.entries[doc] ?? new Map<number, number>();
      docWords[doc] = Int32Array.from(entry.keys());
      docWeights[doc] = Uint8Array.from(entry.values());
      for (const [id, weight] of entry) lists[id]!.push([doc, weight]);
    }
    this.entries = [];
    this.building = null;
    this.postingOffsets = offsetsOf(lists);
    this.postings = concat(lists.map((l) => Int32Array.from(l, ([doc]) => doc)), this.postingOffsets, Int32Array);
    this.postingWeights = concat(lists.map((l) => Uint8Array.from(l, ([, w]) => w)), this.postingOffsets, Uint8Array);
    this.docOffsets = offsetsOf(docWords);
    this.docWords = concat(docWords, this.docOffsets, Int32Array);
    this.docWeights = concat(docWeights, this.docOffsets, Uint8Array);
    this.idf = idfOf(this.postingOffsets, docCount);
    const order = this.words.map((_, id) => id).sort((a, b) => (this.words[a]! < this.words[b]! ? -1 : 1));
    this.sortedIds = Int32Array.from(order);
    this.sorted = order.map((id) => this.words[id]!);
  }

  /** The frozen index as flat arrays; `finish` must have run. */
  snapshot(): WordIndexSnapshot {
    return {
      words: this.words,
      uses: Int32Array.from(this.uses),
      postingOffsets: this.postingOffsets,
      postings: this.postings,
      postingWeights: this.postingWeights,
      docOffsets: this.docOffsets,
      docWords: this.docWords,
      docWeights: this.docWeights,
      sortedIds: this.sortedIds,
    };
  }

  /** The index `snapshot` described, ready to search (it keeps the snapshot's arrays). */
  static restore(snapshot: WordIndexSnapshot): WordIndex {
    const index = new WordIndex();
    index.building = null;
    const { words, postingOffsets: po, docOffsets: dof } = snapshot;
    const docCount = dof.length - 1;
    if (po.length !== words.length + 1 || snapshot.uses.length !== words.length || snapshot.sortedIds.length !== words.length || docCount < 0) {
      throw new RangeError('word index snapshot: list lengths disagree');
    }
    if (po[words.length] !== snapshot.postings.length || snapshot.postingWeights.length !== snapshot.postings.length || dof[docCount] !== snapshot.docWords.length || snapshot.docWeights.length !== snapshot.docWords.length) {
      throw new RangeError('word index snapshot: the lists and their offsets disagree');
    }
    words.forEach((word, id) => {
      index.words.push(word);
      index.uses.push(snapshot.uses[id]!);
    });
    index.postingOffsets = po;
    index.postings = snapshot.postings;
    index.postingWeights = snapshot.postingWeights;
    index.docOffsets = dof;
    index.docWords = snapshot.docWords;
    index.docWeights = snapshot.docWeights;
    index.idf = idfOf(po, docCount);
    index.sortedIds = snapshot.sortedIds;
    index.sorted = Array.from(snapshot.sortedIds, (id) => words[id]!);
    if (!isSorted(index.sorted)) throw new RangeError('word index snapshot: words not in sorted order');
    return index;
  }

  /** How many entries have word `id`. */
  private postingCount(id: number): number {
    return this.postingOffsets[id + 1]! - this.postingOffsets[id]!;
  }

  has(word: string): boolean {
    return this.idOf(word) !== undefined;
  }

  /** The id of `word`, or undefined when no name has it. */
  private idOf(word: string): number | undefined {
    const at = positionOf(this.sorted, word);
    return at < 0 ? undefined : this.sortedIds[at]!;
  }

  /** Every word with how many names use it. */
  vocabulary(): Map<string, number> {
    return new Map(this.words.map((w, id) => [w, this.uses[id]!]));
  }

  /** Entries having every term, with a score: per term, the best of idf × field weight × term weight. */
  search(terms: readonly WordTerm[]): Map<number, number> {
    const hits = new Map<number, number>();
    if (terms.length === 0) return hits;
    let driver = 0;
    let cheapest = Infinity;
    terms.forEach((term, i) => {
      const cost = this.cost(term);
      if (cost < cheapest) [cheapest, driver] = [cost, i];
    });
    if (cheapest === 0) return hits;
    const first = terms[driver]!;
    const { postings, postingWeights } = this;
    const visit = (id: number, termWeight: number) => {
      const idf = this.idf[id]!;
      for (let k = this.postingOffsets[id]!, end = this.postingOffsets[id + 1]!; k < end; k += 1) {
        const score = idf * postingWeights[k]! * termWeight;
        const doc = postings[k]!;
        if (score > (hits.get(doc) ?? 0)) hits.set(doc, score);
      }
    };
    for (const [word, weight] of first.exact) {
      const id = this.idOf(word);
      if (id !== undefined) visit(id, weight);
    }
    if (first.prefix) this.forPrefix(first.prefix, (id) => visit(id, this.prefixWeight(first.prefix!, id)));
    for (let t = 0; t < terms.length; t += 1) {
      if (t === driver) continue;
      const term = terms[t]!;
      for (const [doc, score] of hits) {
        const best = this.bestIn(doc, term);
        if (best === 0) hits.delete(doc);
        else hits.set(doc, score + best);
      }
      if (hits.size === 0) break;
    }
    return hits;
  }

  /**
   * Entries having most of the words (exact words only): for each, the share of the query's idf its
   * names cover, kept from `minShare` and at least `minWords` words on. Words used by more than
   * `maxPosting` entries are counted in the total but not looked up (they cannot narrow).
   */
  searchSome(words: readonly string[], minShare: number, minWords: number, maxPosting: number): Map<number, number> {
    const unknownIdf = Math.log(1 + this.docOffsets.length - 1);
    const distinct = [...new Set(words)];
    let total = 0;
    const covered = new Map<number, { share: number; words: number }>();
    for (const word of distinct) {
      const id = this.idOf(word);
      const idf = id === undefined ? unknownIdf : this.idf[id]!;
      total += idf;
      if (id === undefined || this.postingCount(id) > maxPosting) continue;
      for (let k = this.postingOffsets[id]!, end = this.postingOffsets[id + 1]!; k < end; k += 1) {
        const doc = this.postings[k]!;
        const seen = covered.get(doc);
        if (seen) {
          seen.share += idf;
          seen.words += 1;
        } else covered.set(doc, { share: idf, words: 1 });
      }
    }
    const hits = new Map<number, number>();
    if (total === 0) return hits;
    for (const [doc, { share, words: count }] of covered) if (count >= minWords && share / total >= minShare) hits.set(doc, share / total);
    return hits;
  }

  private bestIn(doc: number, term: WordTerm): number {
    const { docWords, docWeights: weights } = this;
    let best = 0;
    for (let k = this.docOffsets[doc]!, end = this.docOffsets[doc + 1]!; k < end; k += 1) {
      const id = docWords[k]!;
      const word = this.words[id]!;
      let termWeight = term.exact.get(word) ?? 0;
      if (term.prefix && word.length > term.prefix.length && word.startsWith(term.prefix)) termWeight = Math.max(termWeight, this.prefixWeight(term.prefix, id));
      if (termWeight === 0) continue;
      const score = this.idf[id]! * weights[k]! * termWeight;
      if (score > best) best = score;
    }
    return best;
  }

  /** A prefix counts for less the more of the word is left untyped. */
  private prefixWeight(prefix: string, id: number): number {
    const word = this.words[id]!;
    return word.length === prefix.length ? 1 : 0.5 + (0.3 * prefix.length) / word.length;
  }

  private cost(term: WordTerm): number {
    let cost = 0;
    for (const word of term.exact.keys()) {
      const id = this.idOf(word);
      if (id !== undefined) cost += this.postingCount(id);
    }
    if (term.prefix) this.forPrefix(term.prefix, (id) => (cost += this.postingCount(id)));
    return cost;
  }

  private forPrefix(prefix: string, visit: (id: number) => void): void {
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i += 1) visit(this.sortedIds[i]!);
  }
}

/** Rarer words weigh more: log(1 + entries / entries having the word). */
function idfOf(postingOffsets: Int32Array, docCount: number): Float64Array {
  const idf = new Float64Array(postingOffsets.length - 1);
  for (let id = 0; id < idf.length; id += 1) idf[id] = Math.log(1 + docCount / (postingOffsets[id + 1]! - postingOffsets[id]!));
  return idf;
}

/** Start of each list in the lists run together, and the total length last. */
function offsetsOf(lists: ReadonlyArray<{ length: number }>): Int32Array {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
  return offsets;
}

function concat<T extends Int32Array | Uint8Array>(lists: readonly T[], offsets: Int32Array, Type: { new (length: number): T }): T {
  const out = new Type(offsets[lists.length]!);
  lists.forEach((list, i) => out.set(list, offsets[i]!));
  return out;
}
