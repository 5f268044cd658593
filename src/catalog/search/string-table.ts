// Lists of strings written as numbers into one table of distinct strings. The title index keeps the
// same names and keys in several lists (per entry, and in the sorted lists it searches); written
// as strings, v8.deserialize reads every occurrence back as a copy of its own (~4 MB of copies on
// the bundled catalog), and sharing them again after reading cost ~200 ms of a start.

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

  lists(lists: ReadonlyArray<readonly string[]>): StringListsSnapshot {
    const offsets = new Int32Array(lists.length + 1);
    lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
    const refs = new Int32Array(offsets[lists.length]!);
    lists.forEach((list, i) => list.forEach((text, k) => (refs[offsets[i]! + k] = this.ref(text))));
    return { offsets, refs };
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

/** `count` lists of strings; throws RangeError when the snapshot holds another number or its offsets are broken. */
export function readLists(strings: readonly string[], snapshot: StringListsSnapshot, count: number): string[][] {
  const { offsets, refs } = snapshot;
  if (offsets.length !== count + 1 || offsets[0] !== 0 || offsets[count] !== refs.length) throw new RangeError(`string lists: not ${count} lists`);
  const lists = new Array<string[]>(count);
  for (let i = 0; i < count; i += 1) {
    if (offsets[i]! > offsets[i + 1]!) throw new RangeError('string lists: offsets go backwards');
    lists[i] = readList(strings, refs, offsets[i]!, offsets[i + 1]!);
  }
  return lists;
}
