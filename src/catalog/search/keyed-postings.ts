// Postings frozen into flat arrays: key i lists the entries `docs[offsets[i]..offsets[i + 1]]`,
// each with a flag byte (a weight, or 1 for a main name). A Map<string, number[]> costs a JS array
// per key, and an array grown by push reserves 17 slots: the title index's short-form, clipped and
// same-name postings held ~35 MB of arrays and small objects for ~1 MB of numbers on the bundled
// catalog. Here a key costs one Map slot and its numbers.

export interface KeyedPostingsSnapshot {
  keys: string[];
  offsets: Int32Array;
  docs: Int32Array;
  /** A byte per doc; absent when the postings carry none (read as 0). */
  flags?: Uint8Array;
}

/** Postings filed one by one, then frozen; the ids given while filing are the frozen ones. */
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

  /** The postings filed, in filing order. */
  freeze(): KeyedPostings {
    const keys = [...this.ids.keys()];
    const offsets = new Int32Array(keys.length + 1);
    this.lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
    const docs = new Int32Array(offsets[keys.length]!);
    this.lists.forEach((list, i) => docs.set(list, offsets[i]!));
    const flags = this.flagLists ? new Uint8Array(docs.length) : undefined;
    this.flagLists?.forEach((list, i) => flags!.set(list, offsets[i]!));
    return new KeyedPostings(keys, offsets, docs, flags, this.ids);
  }
}

export class KeyedPostings {
  private readonly ids: Map<string, number>;

  /** Use KeyedPostingsBuilder or restore. */
  constructor(
    readonly keys: string[],
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly flags: Uint8Array | undefined,
    ids?: Map<string, number>,
  ) {
    if (ids) this.ids = ids;
    else {
      this.ids = new Map();
      keys.forEach((key, id) => this.ids.set(key, id));
    }
  }

  /** The postings a snapshot holds; throws RangeError when its arrays disagree. */
  static restore(snapshot: KeyedPostingsSnapshot): KeyedPostings {
    const { keys, offsets, docs, flags } = snapshot;
    // Not `instanceof`: a snapshot read by v8.deserialize may come from another realm (jest's).
    if (!Array.isArray(keys) || !isInt32Array(offsets) || !isInt32Array(docs)) throw new RangeError('postings: not flat arrays');
    if (offsets.length !== keys.length + 1 || docs.length !== offsets[keys.length] || (flags && flags.length !== docs.length)) {
      throw new RangeError('postings: lengths disagree');
    }
    for (let i = 0; i < keys.length; i += 1) if (offsets[i]! > offsets[i + 1]!) throw new RangeError('postings: offsets go backwards');
    return new KeyedPostings(keys, offsets, docs, flags);
  }

  snapshot(): KeyedPostingsSnapshot {
    const { keys, offsets, docs, flags } = this;
    return flags ? { keys, offsets, docs, flags } : { keys, offsets, docs };
  }

  /** The id of `key`, or undefined when nothing was filed under it. */
  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The entries filed under `key`, in filing order (a view), or undefined when none are. */
  get(key: string): Int32Array | undefined {
    const id = this.ids.get(key);
    return id === undefined ? undefined : this.docs.subarray(this.offsets[id]!, this.offsets[id + 1]!);
  }

  /** The entries and flags filed under `key`. */
  *entries(key: string): Generator<{ doc: number; flag: number }> {
    const id = this.ids.get(key);
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
