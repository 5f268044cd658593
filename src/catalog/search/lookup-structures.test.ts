// The title index's flat lookups: postings and words kept in sorted lists, found by binary search.
import { KeyedPostings, KeyedPostingsBuilder } from './keyed-postings.js';
import { isSorted, lowerBound, positionOf } from './sorted-strings.js';
import { readList, StringLists, StringTableBuilder } from './string-table.js';
import { WordIndex } from './word-index.js';

describe('sorted string lists', () => {
  const keys = ['bebop', 'cowboy', 'cowboybebop', 'kenshin', 'rurouni'];

  it('finds a key, the place a key would go, and nothing for a key it lacks', () => {
    expect(positionOf(keys, 'cowboy')).toBe(1);
    expect(positionOf(keys, 'rurouni')).toBe(4);
    expect(positionOf(keys, 'cowbo')).toBe(-1);
    expect(positionOf(keys, 'zzz')).toBe(-1);
    expect(positionOf([], 'bebop')).toBe(-1);
    expect(lowerBound(keys, 'cowboyb')).toBe(2);
    expect(lowerBound(keys, 'a')).toBe(0);
    expect(lowerBound(keys, 'zzz')).toBe(keys.length);
  });

  it('tells sorted lists from others, with or without repeats allowed', () => {
    expect(isSorted(keys)).toBe(true);
    expect(isSorted(['b', 'a'])).toBe(false);
    expect(isSorted(['a', 'a', 'b'])).toBe(false);
    expect(isSorted(['a', 'a', 'b'], true)).toBe(true);
    expect(isSorted(['b', 'a', 'a'], true)).toBe(false);
  });

});

describe('string table and per-entry lists', () => {
  it('writes each string once and reads the lists back as they were', () => {
    const table = new StringTableBuilder();
    const perEntry = [['cowboybebop', 'bebop'], [], ['bebop', 'trigun', 'bebop']];
    const written = StringLists.from(perEntry).snapshot(table);
    const sorted = table.list(['bebop', 'cowboybebop', 'trigun']);
    expect(table.strings).toEqual(['cowboybebop', 'bebop', 'trigun']);
    const lists = StringLists.restore(table.strings, written, 3);
    expect([0, 1, 2].map((i) => lists.of(i))).toEqual(perEntry);
    expect(readList(table.strings, sorted)).toEqual(['bebop', 'cowboybebop', 'trigun']);
  });

  it('answers includes and some within one entry only', () => {
    const lists = StringLists.from([['cowboybebop', 'bebop'], [], ['trigun']]);
    expect(lists.includes(0, 'bebop')).toBe(true);
    expect(lists.includes(0, 'trigun')).toBe(false);
    expect(lists.includes(1, 'bebop')).toBe(false);
    expect(lists.some(2, (k) => k.startsWith('tri'))).toBe(true);
    expect(lists.some(0, (k) => k.startsWith('tri'))).toBe(false);
    const seen: string[] = [];
    lists.forEach(0, (k) => seen.push(k));
    expect(seen).toEqual(['cowboybebop', 'bebop']);
  });

  it('refuses a reference outside the table, another number of lists and broken offsets', () => {
    const table = new StringTableBuilder();
    const written = StringLists.from([['akira'], ['akira', 'trigun']]).snapshot(table);
    expect(() => readList(table.strings, Int32Array.of(0, 2))).toThrow('reference 2 outside a table of 2');
    expect(() => StringLists.restore(table.strings, written, 3)).toThrow('not 3 lists');
    expect(() => StringLists.restore(table.strings, { offsets: Int32Array.of(0, 2, 1, 3), refs: Int32Array.of(0, 0, 1) }, 3)).toThrow('offsets go backwards');
  });
});

describe('keyed postings', () => {
  const build = () => {
    const builder = new KeyedPostingsBuilder({ flags: true });
    // Filed out of key order, as the index files names entry by entry.
    builder.file('trigun', 7, 1);
    builder.file('bebop', 3, 0);
    builder.file('trigun', 2, 0);
    builder.file('akira', 5, 1);
    return builder.freeze();
  };

  it('keeps its keys sorted and each key entries in filing order, with their flags', () => {
    const postings = build();
    expect(postings.keys).toEqual(['akira', 'bebop', 'trigun']);
    expect([...postings.get('trigun')!]).toEqual([7, 2]);
    expect([...postings.entries('trigun')]).toEqual([
      { doc: 7, flag: 1 },
      { doc: 2, flag: 0 },
    ]);
    expect(postings.get('monster')).toBeUndefined();
    expect([...postings.entries('monster')]).toEqual([]);
    expect(postings.idOf('bebop')).toBe(1);
    expect(postings.length(postings.idOf('trigun')!)).toBe(2);
  });

  it('answers the same once restored from its snapshot, and refuses a snapshot whose keys are out of order', () => {
    const snapshot = build().snapshot();
    const restored = KeyedPostings.restore(snapshot);
    for (const key of ['akira', 'bebop', 'trigun', 'monster']) expect(restored.get(key)).toEqual(build().get(key));
    expect(() => KeyedPostings.restore({ ...snapshot, keys: ['bebop', 'akira', 'trigun'] })).toThrow('postings: keys are not sorted');
    expect(() => KeyedPostings.restore({ ...snapshot, keys: ['akira', 'akira', 'trigun'] })).toThrow('postings: keys are not sorted');
    expect(() => KeyedPostings.restore({ ...snapshot, keys: ['akira', 'bebop'] })).toThrow('postings: lengths disagree');
  });
});

describe('word index', () => {
  const build = () => {
    const index = new WordIndex();
    index.addName(0, ['cowboy', 'bebop'], 3);
    index.addName(1, ['cowboy', 'bebop', 'tengoku', 'no', 'tobira'], 3);
    index.addName(2, ['trigun'], 3);
    index.finish(3);
    return index;
  };
  const exact = (word: string) => ({ exact: new Map([[word, 1]]) });

  it('finds entries by every word, and by the prefix of the last one', () => {
    const index = build();
    expect([...index.search([exact('cowboy'), exact('bebop')]).keys()].sort()).toEqual([0, 1]);
    expect([...index.search([exact('bebop'), { exact: new Map(), prefix: 'teng' }]).keys()]).toEqual([1]);
    expect(index.search([exact('monster')]).size).toBe(0);
    expect(index.has('tobira')).toBe(true);
    expect(index.has('tobi')).toBe(false);
    expect(['bebop', 'cowboy', 'no', 'tengoku', 'tobira', 'trigun'].every((word) => index.has(word))).toBe(true);
  });

  it('answers the same once restored, refuses names added after it is frozen and a snapshot out of order', () => {
    const index = build();
    const restored = WordIndex.restore(index.snapshot());
    expect(restored.search([exact('cowboy'), exact('bebop')])).toEqual(index.search([exact('cowboy'), exact('bebop')]));
    expect(restored.has('trigun')).toBe(true);
    expect(() => index.addName(3, ['monster'], 3)).toThrow('names added after finish()');
    const snapshot = index.snapshot();
    const swapped = Int32Array.from(snapshot.sortedIds);
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(() => WordIndex.restore({ ...snapshot, sortedIds: swapped })).toThrow('words not in sorted order');
  });
});
