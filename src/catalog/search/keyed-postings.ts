// Postings frozen into flat arrays: key i lists the entries `docs[offsets[i]..offsets[i + 1]]`,
// each with a flag byte (a weight, or 1 for a main name). A Map<string, number[]> costs a JS array
// per key, and an array grown by push reserves 17 slots: the title index's short-form, clipped and
// same-name postings held ~35 MB of arrays and small objects for ~1 MB of numbers on the bundled
// catalog. The keys are kept sorted and a key is found by binary search: a Map from key to id
// beside them cost ~40 bytes per key, ~10 MB for the ~250k keys of the bundled catalog's index.

import { isSorted, positionOf } from './sorted-strings.js';

export interface KeyedPostingsSnapshot {
  keys: string[];
  offsets: Int32Array;
  docs: Int32Array;
  /** A byte per doc; absent when the postings carry none (read as 0). */
  flags?: Uint8Array;
}

/** Postings filed one by one, then frozen. */
export class KeyedPostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly lists: number[][] = [];
  /** One list per key beside `lists`, when the postings carry flags. */
  private readonly flagLists: number[][] | null;

  constructor(options: { flags: boolean }) {
    this.flagLists = options.flags ? [] : null;
  }

  /** Files `doc` (with `flag`, kept when the postings carry flags) under `key`. */
  file(key: string, doc: number, flag = 0): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.ids.set(key, id);
      this.lists.push([]);
      this.flagLists?.push([]);
    }
    this.lists[id]!.push(doc);
    this.flagLists?.[id]!.push(flag);
  }

  /** The postings filed: keys in sorted order, each key's entries in filing order. */
  freeze(): KeyedPostings {
    const keys = [...this.ids.keys()].sort();
    // The filing id of each key, in sorted order.
    const filed = keys.map((key) => this.ids.get(key)!);
    const offsets = new Int32Array(keys.length + 1);
    filed.forEach((id, i) => (offsets[i + 1] = offsets[i]! + this.lists[id]!.length));
    const docs = new Int32Array(offsets[keys.length]!);
    filed.forEach((id, i) => docs.set(this.lists[id]!, offsets[i]!));
    let flags: Uint8Array | undefined;
    if (this.flagLists) {
      const flagLists = this.flagLists;
      flags = new Uint8Array(docs.length);
      filed.forEach((id, i) => flags!.set(flagLists[id]!, offsets[i]!));
    }
    return new KeyedPostings(keys, offsets, docs, flags);
  }
}

export class KeyedPostings {
  /** Use KeyedPostingsBuilder or restore; `keys` are sorted (by UTF-16 code units, as `<` compares). */
  constructor(
    readonly keys: string[],
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly flags: Uint8Array | undefined,
  ) {}

  /** The postings a snapshot holds; throws RangeError when its arrays disagree or its keys are not sorted. */
  static restore(snapshot: KeyedPostingsSnapshot): KeyedPostings {
    const { keys, offsets, docs, flags } = snapshot;
    // Not `instanceof`: a snapshot read by v8.deserialize may come from another realm (jest's).
    if (!Array.isArray(keys) || !isInt32Array(offsets) || !isInt32Array(docs)) throw new RangeError('postings: not flat arrays');
    if (offsets.length !== keys.length + 1 || docs.length !== offsets[keys.length] || (flags && flags.length !== docs.length)) {
      throw new RangeError('postings: lengths disagree');
    }
    for (let i = 0; i < keys.length; i += 1) if (offsets[i]! > offsets[i + 1]!) throw new RangeError('postings: offsets go backwards');
    if (!isSorted(keys)) throw new RangeError('postings: keys are not sorted');
    return new KeyedPostings(keys, offsets, docs, flags);
  }

  snapshot(): KeyedPostingsSnapshot {
    const { keys, offsets, docs, flags } = this;
    return flags ? { keys, offsets, docs, flags } : { keys, offsets, docs };
  }

  /** The id of `key`, or undefined when nothing was filed under it. */
  idOf(key: string): number | undefined {
    const id = positionOf(this.keys, key);
    return id < 0 ? undefined : id;
  }

  /** The entries filed under `key`, in filing order (a view), or undefined when none are. */
  get(key: string): Int32Array | undefined {
    const id = this.idOf(key);
    return id === undefined ? undefined : this.docs.subarray(this.offsets[id]!, this.offsets[id + 1]!);
  }

  /** The entries and flags filed under `key`. */
  *entries(key: string): Generator<{ doc: number; flag: number }> {
    const id = this.idOf(key);
    if (id === undefined) return;
    for (let k = this.offsets[id]!; k < this.offsets[id + 1]!; k += 1) yield { doc: this.docs[k]!, flag: this.flags?.[k] ?? 0 };
  }

  /** How many entries list `id`. */
  length(id: number): number {
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** Where list `id` starts in `docAt`/`flagAt`. */
  start(id: number): number {
    return this.offsets[id]!;
  }

  docAt(position: number): number {
    return this.docs[position]!;
  }

  flagAt(position: number): number {
    return this.flags?.[position] ?? 0;
  }
}

function isInt32Array(value: unknown): value is Int32Array {
  return Object.prototype.toString.call(value) === '[object Int32Array]';
}
