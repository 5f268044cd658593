// Spelling correction for query words the title index has never seen: the known words within one
// or two edits, where swapping two neighbouring letters counts as one edit ("alchemsit"), as do a
// missing or an extra letter ("atack", "shingekki"). Candidates come from shared letter pairs
// (with the word's start and end marked), so only a few hundred words are ever compared; that is
// ~10x cheaper than walking a radix tree with a Levenshtein automaton.

export interface Correction {
  word: string;
  distance: number;
}

const MAX_CORRECTIONS = 6;

/** Edits allowed for a word of this length (none under 4 letters: too many neighbours). */
export function allowedEdits(word: string): number {
  if (word.length < 4 || /\d/.test(word)) return 0;
  return word.length < 8 ? 1 : 2;
}

function pairs(word: string): string[] {
  const padded = `^${word}$`;
  const out: string[] = [];
  for (let i = 0; i < padded.length - 1; i += 1) out.push(padded.slice(i, i + 2));
  return out;
}

const MAX_WORD = 64;
// Three rows of the distance table (two back, one back, current), reused by every call.
const table = new Int32Array(3 * (MAX_WORD + 1));

/** Optimal string alignment distance, or max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > MAX_WORD || b.length > MAX_WORD) return a === b ? 0 : max + 1;
  const n = b.length;
  const width = MAX_WORD + 1;
  let before = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j <= n; j += 1) table[previous + j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    table[current] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j += 1) {
      const bj = b.charCodeAt(j - 1);
      let d = table[previous + j - 1]! + (ai === bj ? 0 : 1);
      const up = table[previous + j]! + 1;
      const left = table[current + j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj && table[before + j - 2]! + 1 < d) d = table[before + j - 2]! + 1;
      table[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return table[previous + n]!;
}

/** The corrector as flat arrays (title-index-cache.ts): letter pair i lists `ids[offsets[i]..offsets[i + 1]]`. */
export interface TypoSnapshot {
  words: string[];
  frequency: Int32Array;
  pairs: string[];
  offsets: Int32Array;
  ids: Int32Array;
}

export class TypoCorrector {
  private readonly words: string[] = [];
  private readonly frequency: number[] = [];
  private readonly postings = new Map<string, Int32Array>();
  private readonly counts: Uint8Array;
  private readonly touched: Int32Array;

  /**
   * `vocabulary`: every known word with how many names use it (more used = the likelier fix); or
   * a snapshot of a corrector built before.
   */
  constructor(vocabulary: ReadonlyMap<string, number> | TypoSnapshot) {
    if ('pairs' in vocabulary) {
      const snapshot = vocabulary;
      if (snapshot.frequency.length !== snapshot.words.length || snapshot.offsets.length !== snapshot.pairs.length + 1) {
        throw new RangeError('typo snapshot: list lengths disagree');
      }
      this.words = snapshot.words;
      this.frequency = Array.from(snapshot.frequency);
      snapshot.pairs.forEach((pair, i) => this.postings.set(pair, snapshot.ids.subarray(snapshot.offsets[i]!, snapshot.offsets[i + 1]!)));
      this.counts = new Uint8Array(this.words.length);
      this.touched = new Int32Array(this.words.length);
      return;
    }
    const lists = new Map<string, number[]>();
    for (const [word, frequency] of vocabulary) {
      if (word.length < 3 || /\d/.test(word)) continue;
      const id = this.words.length;
      this.words.push(word);
      this.frequency.push(frequency);
      for (const pair of new Set(pairs(word))) {
        const list = lists.get(pair);
        if (list) list.push(id);
        else lists.set(pair, [id]);
      }
    }
    for (const [pair, list] of lists) this.postings.set(pair, Int32Array.from(list));
    this.counts = new Uint8Array(this.words.length);
    this.touched = new Int32Array(this.words.length);
  }

  snapshot(): TypoSnapshot {
    const pairs = [...this.postings.keys()];
    const offsets = new Int32Array(pairs.length + 1);
    pairs.forEach((pair, i) => (offsets[i + 1] = offsets[i]! + this.postings.get(pair)!.length));
    const ids = new Int32Array(offsets[pairs.length]!);
    pairs.forEach((pair, i) => ids.set(this.postings.get(pair)!, offsets[i]!));
    return { words: this.words, frequency: Int32Array.from(this.frequency), pairs, offsets, ids };
  }

  /** Known words within the allowed edits of `word`, closest and most used first. */
  correct(word: string): Correction[] {
    const max = allowedEdits(word);
    if (max === 0) return [];
    const all = pairs(word);
    const grams = [...new Set(all)];
    // An edit changes at most three letter pairs (a swap), so a word within `max` edits shares
    // at least this many pairs with the query; two edits are only looked for among words that
    // share half of its pairs, or a long word has thousands of candidates.
    const needed = Math.max(1, all.length - 3 * max, max > 1 ? Math.ceil(grams.length / 2) : 0);
    const { counts, touched } = this;
    let touchedCount = 0;
    for (const gram of grams) {
      const posting = this.postings.get(gram);
      if (!posting) continue;
      for (let k = 0; k < posting.length; k += 1) {
        const id = posting[k]!;
        const count = counts[id]!;
        if (count === 0) touched[touchedCount++] = id;
        if (count < 255) counts[id] = count + 1;
      }
    }
    const found: Array<Correction & { frequency: number }> = [];
    for (let k = 0; k < touchedCount; k += 1) {
      const id = touched[k]!;
      const shared = counts[id]!;
      counts[id] = 0;
      if (shared < needed) continue;
      const candidate = this.words[id]!;
      if (Math.abs(candidate.length - word.length) > max) continue;
      const distance = editDistance(word, candidate, max);
      if (distance <= max) found.push({ word: candidate, distance, frequency: this.frequency[id]! });
    }
    found.sort((a, b) => a.distance - b.distance || b.frequency - a.frequency || (a.word < b.word ? -1 : 1));
    // Only the closest: "alchemsit" is alchemist (one swap), not also alchemic (two edits).
    return found
      .filter((f) => f.distance === found[0]!.distance)
      .slice(0, MAX_CORRECTIONS)
      .map(({ word: w, distance }) => ({ word: w, distance }));
  }
}
