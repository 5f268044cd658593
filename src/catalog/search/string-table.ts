// The title index's per-entry name lists: flat in memory (StringLists), and written as numbers
// into one table of distinct strings. The index keeps the same names and keys in several lists
// (per entry, and in the sorted lists it searches); written as strings, v8.deserialize reads every
// occurrence back as a copy of its own (~4 MB of copies on the bundled catalog), and sharing them
// again after reading cost ~200 ms of a start.

/** Lists i = `refs[offsets[i]..offsets[i + 1]]`, each a position in the table. */
export interface StringListsSnapshot {
  offsets: Int32Array;
  refs: Int32Array;
}

export class StringTableBuilder {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  ref(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(text, id);
      this.strings.push(text);
    }
    return id;
  }

  list(list: readonly string[]): Int32Array {
    return Int32Array.from(list, (text) => this.ref(text));
  }
}

/** The strings `refs` point at; throws RangeError when one points outside the table. */
export function readList(strings: readonly string[], refs: Int32Array, from = 0, to = refs.length): string[] {
  const list = new Array<string>(to - from);
  for (let k = from; k < to; k += 1) {
    const text = strings[refs[k]!];
    if (text === undefined) throw new RangeError(`string table: reference ${refs[k]} outside a table of ${strings.length}`);
    list[k - from] = text;
  }
  return list;
}

/**
 * One short list of strings per entry, held as one flat list and offsets: list i is
 * `strings[offsets[i]..offsets[i + 1]]`. A JS array per entry costs ~50 bytes before its first
 * element, and the title index keeps five such lists for every entry (~80k arrays, ~4 MB).
 */
export class StringLists {
  private constructor(
    private readonly strings: string[],
    private readonly offsets: Int32Array,
  ) {}

  static from(lists: ReadonlyArray<readonly string[]>): StringLists {
    const offsets = new Int32Array(lists.length + 1);
    lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
    return new StringLists(lists.flat(), offsets);
  }

  /** `count` lists read from a snapshot; throws RangeError when it holds another number or its offsets are broken. */
  static restore(strings: readonly string[], snapshot: StringListsSnapshot, count: number): StringLists {
    const { offsets, refs } = snapshot;
    if (offsets.length !== count + 1 || offsets[0] !== 0 || offsets[count] !== refs.length) throw new RangeError(`string lists: not ${count} lists`);
    for (let i = 0; i < count; i += 1) if (offsets[i]! > offsets[i + 1]!) throw new RangeError('string lists: offsets go backwards');
    return new StringLists(readList(strings, refs), offsets);
  }

  /** The lists as a snapshot, their strings written into `table`. */
  snapshot(table: StringTableBuilder): StringListsSnapshot {
    return { offsets: this.offsets, refs: table.list(this.strings) };
  }

  /** List i (a copy). */
  of(i: number): string[] {
    return this.strings.slice(this.offsets[i]!, this.offsets[i + 1]!);
  }

  includes(i: number, text: string): boolean {
    for (let k = this.offsets[i]!, end = this.offsets[i + 1]!; k < end; k += 1) if (this.strings[k] === text) return true;
    return false;
  }

  forEach(i: number, visit: (text: string) => void): void {
    for (let k = this.offsets[i]!, end = this.offsets[i + 1]!; k < end; k += 1) visit(this.strings[k]!);
  }

  some(i: number, test: (text: string) => boolean): boolean {
    for (let k = this.offsets[i]!, end = this.offsets[i + 1]!; k < end; k += 1) if (test(this.strings[k]!)) return true;
    return false;
  }
}
