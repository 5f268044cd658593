// Full-text title index over every name of every anime, tuned for how fans type: all words must
// match (unknown words corrected for typos), the last word may be a prefix, Japanese matches by
// bigrams (and kana by its romaji), a query typed without spaces matches the compact form, a short
// form matches the initials of a name or clips two of its words, a year or format label is read
// apart, a long query nothing matches finds the names with most of its words, and a season, part
// or film of a franchise is found even when no title spells it out (franchise.ts). Ranking = how
// well a name matches (a level) + what is known of the entry (popularity, format, franchise
// position): docs/decisions.md, "Title search ranking".
// Words, CJK bigrams and compact keys each have their own index (word-index.ts, gram-postings.ts,
// a sorted array). Keys are kept in sorted lists and found by binary search rather than in Maps
// (~40 bytes a key; the index has ~300k of them): sorted-strings.ts, keyed-postings.ts.
import { toRomaji } from 'wanakana';
import type { AnimeRecord } from '../../domain/index.js';
import { acronymKey, acronymsOf } from './acronym.js';
import { clippedCompoundsOf, clippedKey } from './clipped.js';
import { terms } from './normalize.js';
import { followsAnother, popularityScale, profileOf, type RecordProfile } from './priors.js';
import { afterLeadingShortName, qualifiersOf, withoutQualifiers, type Qualifiers } from './qualifier.js';
import { compactKey, Franchises, mainNames, SUBTITLE, type TitleLink } from './franchise.js';
import { NOTHING_DECLARED, parseSequelQuery, type SequelMarker } from './sequel.js';
import { TypoCorrector, type TypoSnapshot } from './typo.js';
import { GramPostings } from './gram-postings.js';
import { KeyedPostings, KeyedPostingsBuilder, type KeyedPostingsSnapshot } from './keyed-postings.js';
import { isSorted, lowerBound } from './sorted-strings.js';
import { readList, StringLists, StringTableBuilder, type StringListsSnapshot } from './string-table.js';
import { WordIndex, type WordIndexSnapshot, type WordTerm } from './word-index.js';

export interface TitleHit {
  index: number;
  score: number;
}

export type { TitleLink } from './franchise.js';

/**
 * The fields of a record the title index reads, and only those: the key of its on-disk copy
 * (src/catalog/title-index-cache.ts) hashes exactly these, so the type keeps the two in step.
 * `id`, `platformIds` and `relations` are what the catalog's relation links derive from.
 */
export type IndexedRecord = Pick<
  AnimeRecord,
  'id' | 'title' | 'titleEnglish' | 'titleRomaji' | 'titleJapanese' | 'synonyms' | 'format' | 'episodes' | 'year' | 'startDate' | 'endDate' | 'popularity' | 'platformIds' | 'relations'
> & {
  /** Only how many: the popularity estimate of an entry nobody counted. */
  streaming: { readonly length: number };
  providers: { readonly length: number };
};

/**
 * Everything the index computes from the records, as plain arrays (title-index-cache.ts writes it
 * with v8.serialize). The franchise graph and the lookups derived from these are rebuilt on load.
 */
export interface TitleIndexSnapshot {
  records: number;
  words: WordIndexSnapshot;
  grams: KeyedPostingsSnapshot;
  /** The names and keys below, each once; the lists hold positions in it (string-table.ts). */
  strings: string[];
  /** Sorted, with repeats: one key per entry having it. */
  compact: { keys: Int32Array; docs: Int32Array; main: Uint8Array };
  exactMain: StringListsSnapshot;
  exactSynonym: StringListsSnapshot;
  mainKeys: StringListsSnapshot;
  synonymKeys: StringListsSnapshot;
  mainSuffixes: StringListsSnapshot;
  acronyms: KeyedPostingsSnapshot;
  clipped: KeyedPostingsSnapshot;
  /** Entries by each exact name: kept, so a start does not sort ~75k names again. */
  byName: Omit<KeyedPostingsSnapshot, 'keys'> & { keys: Int32Array };
  profiles: RecordProfile[];
  typos: TypoSnapshot;
}

/**
 * The names sources write with their punctuation: the display and English titles. (The romaji
 * field is often a lower-case search reading, the Japanese title another script.)
 */
function writtenNames(record: Pick<AnimeRecord, 'title' | 'titleEnglish'>): string[] {
  return record.titleEnglish ? [record.title, record.titleEnglish] : [record.title];
}

/**
 * A name as typed, with the marks that can tell seasons apart ("?", "!", "+", "♪", …) and without
 * what only spells a name one way or another: case, width, spacing, hyphens, colons, stops,
 * quotes, brackets, and "×" for "x" ("HUNTER×HUNTER" is "hunter x hunter").
 */
function typedKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/×/g, 'x')
    .replace(/[\s\p{Pd}:;,.'’"“”()[\]{}]+/gu, '');
}

/** Entries by each exact name (bag key) they carry, main names first. */
function namesIndex(exactMain: readonly string[][], exactSynonym: readonly string[][]): KeyedPostings {
  const byName = new KeyedPostingsBuilder({ flags: false });
  exactMain.forEach((main, index) => {
    for (const bag of new Set([...main, ...exactSynonym[index]!])) byName.file(bag, index);
  });
  return byName.freeze();
}

/** A snapshot that does not fit the records it is offered with. */
export class TitleIndexSnapshotError extends Error {
  override readonly name = 'TitleIndexSnapshotError';
}

/**
 * How well the best name of an entry matches the query. One level apart is more than the priors
 * usually move (about ±0.8), so they reorder equal matches, and only rarely a near-equal one.
 */
export const MATCH_LEVEL = {
  /** The query is a main name (title, English, romaji, Japanese), words in any order or run together. */
  EXACT_MAIN: 10,
  /** The query names a season the entry declares ("Kaguya-sama s3" → an entry with 第三季). */
  SEQUEL_DECLARED: 9.6,
  EXACT_SYNONYM: 9,
  ACRONYM_MAIN: 8.6,
  /** The query names a season and this is that season by release order in its franchise. */
  SEQUEL_ORDINAL: 8.5,
  ACRONYM_SYNONYM: 8.3,
  MAIN_PREFIX: 8,
  /** The query is the last words of a main name or of its head ("Evangelion", "Madoka Magica", "Symphogear"). */
  MAIN_SUFFIX: 7.5,
  /** The query clips two words of a main name ("Saekano", "KinMoza"; clipped.ts). */
  CLIPPED: 7.2,
  /** A synonym starts with the query, or a main name has a word from which it starts ("evangel"). */
  SYNONYM_PREFIX: 7,
  /** Every word found, in one or several names. */
  PARTIAL: 5,
  /**
   * Most of a long query's words found, plus `MOST_WORDS.perShare` × the share found (below 3, the
   * level of all words but one found in part).
   */
  MOST_WORDS: -2,
} as const;

const RANK_WEIGHTS = {
  /** The text score (idf × field weight of the matched words), scaled to 0–1 against the best hit. */
  text: 0.5,
  /** Per character of difference between the query and the closest main name. */
  lengthPerChar: 0.015,
  maxLength: 0.45,
  /** The first entry of a franchise among the entries whose names start with the query. */
  franchiseEntry: 0.4,
  /**
   * The first entry is only taken for the franchise's when it is about as popular as the best
   * match (log10 of members): a sequel rarely outgrows its first season, an unrelated namesake often
   * differs by orders of magnitude ("Suzume no Oyado", 1936, is not Suzume's first season).
   */
  entryPopularityMargin: 0.3,
  /** A match that needed spelling corrections ranks this far below the same match spelled right. */
  corrected: 1.5,
  /** A match of all the query's words but one ranks this far below the same match of all. */
  relaxed: 2,
  /**
   * A year the query gives in passing ("Mirai Nikki (2011)") that the entry has: it says which of
   * the entries sharing a name is meant, so it outweighs an exact name over a prefix (the year's
   * entry is often the one whose name adds "(TV)") and an older namesake's popularity ("Rurouni
   * Kenshin (2023)": the remake).
   */
  year: 3,
  /** A format given in passing ("(TV)", "Big Order OVA") that the entry has. */
  format: 0.6,
  /** A name matched by the query without its year or format label. */
  unlabelled: 0.5,
  /** When the query's season cannot be found, the franchise is listed this far below. */
  franchiseFallback: 4,
} as const;

const FIELD_WEIGHT = { title: 3, alt: 2, synonyms: 1 } as const;
/** A corrected word counts for this much of a word spelled as the query spelled it. */
const CORRECTED_WEIGHT = 0.7;
const MAX_PREFIX_HITS = 500;
// Particles and articles in thousands of titles: scoring them costs more than they narrow. They
// still count for exact and compact matches, which rank the hits.
const COMMON_WORDS = new Set(['no', 'the', 'of', 'a', 'wa', 'to', 'ni', 'ga', 'de', 'wo', 'o', 'and', 'in', 'on', 'e']);
/** A name shared by more entries than this is too generic to tie them into one franchise. */
const MAX_TWINS = 8;
/** Longest queries (in meaningful words) still given the costlier second chances. */
const MAX_CORRECTED_WORDS = 4;
/** A known word is only corrected from this length on: shorter ones have too many neighbours. */
const MIN_CORRECTED_KNOWN = 5;
const MAX_RELAXED_WORDS = 7;
/** The fallback of a long query nothing matched: most of its words (by idf) in one entry's names. */
const MOST_WORDS = { minQueryWords: 3, minShare: 0.4, minWords: 2, maxPosting: 3000, perShare: 5 } as const;
/** How many of the best matches of a season query's base are searched for a declared season. */
const SEQUEL_CANDIDATES = 3;
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

interface Match {
  level: number;
  /** Raw text score of the words; -1 for a hit found another way (short form, season), scored as the best. */
  text: number;
}

interface NameKeys {
  compact: string;
  bag: string;
}

/** The words worth looking up: particles only when they are the last word, or all there is. */
function meaningfulWords(words: readonly string[]): string[] {
  const meaningful = words.filter((w, i) => !COMMON_WORDS.has(w) || i === words.length - 1);
  return meaningful.length ? meaningful : [...words];
}

function keysOf(tokens: string[]): NameKeys {
  return { compact: tokens.join(''), bag: [...tokens].sort().join(' ') };
}

function nameTokens(text: string): { tokens: string[]; words: string[]; grams: string[] } {
  const { words, grams } = terms(text);
  return { tokens: [...grams, ...words], words, grams };
}

export class TitleIndex {
  private words = new WordIndex();
  private grams!: GramPostings;
  /** The bigram postings while `build` fills them; frozen into `grams` at its end. */
  private gramsBuilding = new Map<string, Map<number, number>>();
  /** Compact keys (sorted, may repeat), the entry of each, and whether it is a main name: parallel arrays. */
  private compact: { keys: string[]; docs: Int32Array; main: Uint8Array } = { keys: [], docs: new Int32Array(0), main: new Uint8Array(0) };
  // Flat lists, not a Set or an array per entry: an entry has a few names, and 32k small Sets
  // cost ~6 MB of hash tables, 80k small arrays ~4 MB (string-table.ts).
  private exactMain = StringLists.from([]);
  private exactSynonym = StringLists.from([]);
  private mainKeys = StringLists.from([]);
  private synonymKeys = StringLists.from([]);
  /** Compact keys of the last words of each main name ("neon genesis evangelion" → "evangelion", …). */
  private mainSuffixes = StringLists.from([]);
  /** Entries by each exact name (bag key) they carry: entries sharing a name are one franchise. */
  private byName!: KeyedPostings;
  private typos!: TypoCorrector;
  /** Entries by each short form of their names, flagged 1 when it is of a main name. */
  private acronyms!: KeyedPostings;
  /** Entries by each clipped compound of their main names (clipped.ts). */
  private clipped!: KeyedPostings;
  private profiles: RecordProfile[] = [];
  private readonly franchises: Franchises;

  /**
   * Indexes `records`, or takes what a snapshot of an index over the same records holds (its
   * cache key says they are the same: title-index-cache.ts); a snapshot that does not fit them
   * throws TitleIndexSnapshotError.
   */
  constructor(
    private readonly records: readonly IndexedRecord[],
    links: (record: IndexedRecord) => readonly TitleLink[] = () => [],
    snapshot?: TitleIndexSnapshot,
  ) {
    if (snapshot) this.restore(snapshot);
    else this.build(links);
    this.franchises = new Franchises(records, links, this.profiles, {
      startingWith: (key, minLength) => this.compactPrefix(key, minLength).map((hit) => hit.index),
      twinsOf: (index) => this.twinsOf(index),
    });
  }

  /** What the index computed, for title-index-cache.ts to keep. */
  snapshot(): TitleIndexSnapshot {
    const table = new StringTableBuilder();
    const byName = this.byName.snapshot();
    return {
      records: this.records.length,
      words: this.words.snapshot(),
      grams: this.grams.snapshot(),
      // Each list below writes its strings into `table.strings` (the same array as `strings`).
      compact: { keys: table.list(this.compact.keys), docs: this.compact.docs, main: this.compact.main },
      exactMain: this.exactMain.snapshot(table),
      exactSynonym: this.exactSynonym.snapshot(table),
      mainKeys: this.mainKeys.snapshot(table),
      synonymKeys: this.synonymKeys.snapshot(table),
      mainSuffixes: this.mainSuffixes.snapshot(table),
      byName: { ...byName, keys: table.list(byName.keys) },
      strings: table.strings,
      acronyms: this.acronyms.snapshot(),
      clipped: this.clipped.snapshot(),
      profiles: this.profiles,
      typos: this.typos.snapshot(),
    };
  }

  private restore(snapshot: TitleIndexSnapshot): void {
    const count = this.records.length;
    if (snapshot.records !== count || !Array.isArray(snapshot.profiles) || snapshot.profiles.length !== count) {
      throw new TitleIndexSnapshotError(`title index snapshot is of ${snapshot.records} entries, not ${count}`);
    }
    try {
      this.words = WordIndex.restore(snapshot.words);
      this.grams = GramPostings.restore(snapshot.grams);
      const { strings, compact } = snapshot;
      const keys = readList(strings, compact.keys);
      if (compact.docs.length !== keys.length || compact.main.length !== keys.length) throw new RangeError('compact keys: lengths disagree');
      if (!isSorted(keys, true)) throw new RangeError('compact keys: not sorted');
      this.compact = { keys, docs: compact.docs, main: compact.main };
      this.exactMain = StringLists.restore(strings, snapshot.exactMain, count);
      this.exactSynonym = StringLists.restore(strings, snapshot.exactSynonym, count);
      this.mainKeys = StringLists.restore(strings, snapshot.mainKeys, count);
      this.synonymKeys = StringLists.restore(strings, snapshot.synonymKeys, count);
      this.mainSuffixes = StringLists.restore(strings, snapshot.mainSuffixes, count);
      this.byName = KeyedPostings.restore({ ...snapshot.byName, keys: readList(strings, snapshot.byName.keys) });
      this.typos = new TypoCorrector(snapshot.typos);
      this.acronyms = KeyedPostings.restore(snapshot.acronyms);
      this.clipped = KeyedPostings.restore(snapshot.clipped);
      this.profiles = snapshot.profiles;
      for (const profile of this.profiles) {
        const { seasons, parts, final } = profile.declared;
        if (seasons.length === 0 && parts.length === 0 && !final) profile.declared = NOTHING_DECLARED;
      }
    } catch (error) {
      throw new TitleIndexSnapshotError(`title index snapshot unreadable: ${(error as Error).message}`);
    }
  }

  private build(links: (record: IndexedRecord) => readonly TitleLink[]): void {
    const records = this.records;
    const compact: Array<{ key: string; index: number; main: boolean }> = [];
    const clipped = new KeyedPostingsBuilder({ flags: false });
    const acronyms = new KeyedPostingsBuilder({ flags: true });
    const wordsOfNames: Array<Array<{ words: string[]; main: boolean }>> = [];
    const exactMain: string[][] = [];
    const exactSynonym: string[][] = [];
    const mainKeys: string[][] = [];
    const synonymKeys: string[][] = [];
    const mainSuffixes: string[][] = [];
    records.forEach((record, index) => {
      const main = mainNames(record);
      const named: Array<{ words: string[]; main: boolean }> = [];
      const mainSet = new Set<string>();
      const synonymSet = new Set<string>();
      const mainCompact: string[] = [];
      const suffixes = new Set<string>();
      const synonymCompact: string[] = [];
      const addName = (name: string, isMain: boolean, weight: number) => {
        const { tokens, words, grams } = nameTokens(name);
        if (tokens.length === 0) return;
        this.words.addName(index, words, weight);
        const keys = keysOf(tokens);
        (isMain ? mainSet : synonymSet).add(keys.bag);
        (isMain ? mainCompact : synonymCompact).push(keys.compact);
        if (grams.length === 0 && words.length) {
          named.push({ words, main: isMain });
          // "Little Witch Academia (TV)" is LWA too.
          const plain = withoutQualifiers(name);
          if (plain !== name) named.push({ words: terms(plain).words, main: isMain });
        }
        if (isMain && grams.length === 0) {
          for (let i = 1; i < words.length; i += 1) suffixes.add(words.slice(i).join(''));
          // And of its head: "Symphogear" ends "Senki Zesshou Symphogear: Meteoroid-Falling, …".
          const head = name.split(SUBTITLE)[0]!;
          if (head.length < name.length) {
            const headWords = terms(head).words;
            for (let i = 1; i < headWords.length; i += 1) suffixes.add(headWords.slice(i).join(''));
          }
        }
        for (const gram of grams) this.addGram(gram, index, isMain ? FIELD_WEIGHT.title : FIELD_WEIGHT.synonyms);
      };
      // Every main name weighs as a title here: the Japanese title is as much the anime's name as
      // `title`, which is only whichever name its first provider used.
      main.forEach((name, i) => addName(name, true, i === 0 ? FIELD_WEIGHT.title : FIELD_WEIGHT.alt));
      for (const key of new Set(main.flatMap(clippedCompoundsOf))) clipped.file(key, index);
      for (const name of record.synonyms) addName(name, false, FIELD_WEIGHT.synonyms);
      exactMain.push([...mainSet]);
      exactSynonym.push([...synonymSet]);
      mainKeys.push(mainCompact);
      mainSuffixes.push([...suffixes]);
      synonymKeys.push(synonymCompact.filter((k) => !mainCompact.includes(k)));
      const keys = new Map<string, boolean>();
      for (const key of mainCompact) keys.set(key, true);
      for (const key of synonymCompact) if (!keys.has(key)) keys.set(key, false);
      for (const [key, isMain] of keys) if (key.length > 2) compact.push({ key, index, main: isMain });
      wordsOfNames.push(named);
    });
    this.words.finish(records.length);
    this.exactMain = StringLists.from(exactMain);
    this.exactSynonym = StringLists.from(exactSynonym);
    this.mainKeys = StringLists.from(mainKeys);
    this.synonymKeys = StringLists.from(synonymKeys);
    this.mainSuffixes = StringLists.from(mainSuffixes);
    this.grams = GramPostings.fromMap(this.gramsBuilding);
    this.gramsBuilding = new Map();
    // Only the build reads the vocabulary (typo pairs and short forms are kept in the snapshot).
    const vocabulary = this.words.vocabulary();
    compact.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.compact = { keys: compact.map((c) => c.key), docs: Int32Array.from(compact, (c) => c.index), main: Uint8Array.from(compact, (c) => (c.main ? 1 : 0)) };
    this.typos = new TypoCorrector(vocabulary);
    // Short forms need the whole vocabulary (to split compounds), so they come last.
    wordsOfNames.forEach((named, index) => {
      const seen = new Map<string, boolean>();
      for (const { words, main } of named) for (const acronym of acronymsOf(words, vocabulary)) seen.set(acronym, seen.get(acronym) || main);
      for (const [acronym, main] of seen) acronyms.file(acronym, index, main ? 1 : 0);
    });
    this.acronyms = acronyms.freeze();
    this.clipped = clipped.freeze();
    this.byName = namesIndex(exactMain, exactSynonym);
    const popularity = popularityScale(records);
    this.profiles = records.map((record) => profileOf(record, popularity.log(record), followsAnother(links(record))));
  }

  /** Every anime whose names match the query, best first. */
  find(query: string): TitleHit[] {
    const sequel = parseSequelQuery(query);
    // A query naming a season gets its second chances (corrections, one word less) on its base.
    const matches = this.match(query, sequel === null);
    // "Big Order (OVA)", "Mirai Nikki (2011)": the name without the label matches as a name.
    const plain = withoutQualifiers(query);
    if (plain !== query) this.addUnlabelled(matches, this.match(plain, sequel === null));
    // "Danmachi: Is It Wrong to Try to Pick Up Girls in a Dungeon?": a short name, then the entry's
    // whole name. Only a whole name counts (what follows a colon is usually a subtitle).
    const named = afterLeadingShortName(plain);
    if (named) this.addUnlabelled(matches, this.match(named, false), MATCH_LEVEL.EXACT_SYNONYM);
    if (sequel) this.addSequel(matches, sequel.base, sequel.marker);
    return this.preferTyped(this.rank(matches, compactKey(plain), sequel !== null, qualifiersOf(query)), matches, query);
  }

  /**
   * Matches of the query without a label it gives in passing, half a level below a name that has
   * the label too ("Ajin OVA" is the OVA's own title); those below `minLevel` are left out.
   */
  private addUnlabelled(matches: Map<number, Match>, unlabelled: Map<number, Match>, minLevel = -Infinity): void {
    for (const [index, match] of unlabelled) {
      if (match.level < minLevel) continue;
      const level = match.level - RANK_WEIGHTS.unlabelled;
      const known = matches.get(index);
      if (!known || known.level < level) matches.set(index, { level, text: match.text });
    }
  }

  /**
   * MyAnimeList tells some seasons apart only by what normalising drops: "Gochuumon wa Usagi Desu
   * ka?" is the first season, "…ka??" the second; "Yuru Yuri Nachuyachumi!" and "…!+". When the
   * top hit is such a twin of an entry whose name the query is typed as exactly (typedKey: case,
   * spacing and spelling marks aside), that entry comes first, whatever the priors say. A query without the marks (or with
   * marks no twin differs by) ranks as before.
   */
  private preferTyped(ranked: TitleHit[], matches: Map<number, Match>, query: string): TitleHit[] {
    const top = ranked[0];
    if (!top || matches.get(top.index)!.level !== MATCH_LEVEL.EXACT_MAIN) return ranked;
    const typed = typedKey(query);
    const key = compactKey(query);
    const topNames = writtenNames(this.records[top.index]!).filter((name) => compactKey(name) === key);
    if (topNames.length === 0 || topNames.some((name) => typedKey(name) === typed)) return ranked;
    const twin = ranked.findIndex(({ index }) => matches.get(index)!.level === MATCH_LEVEL.EXACT_MAIN && writtenNames(this.records[index]!).some((name) => typedKey(name) === typed));
    if (twin <= 0) return ranked;
    return [ranked[twin]!, ...ranked.slice(0, twin), ...ranked.slice(twin + 1)];
  }

  private match(query: string, relax = true): Map<number, Match> {
    const matches = new Map<number, Match>();
    const { tokens, words, grams } = nameTokens(query);
    if (tokens.length === 0) return matches;
    const text = new Map<number, number>();
    const clipped = grams.length === 0 ? this.clipped.get(clippedKey(words) ?? '') : undefined;
    // A clipped compound is no typo of the word it happens to be near ("Bokuhaka" is not "Kokuhaku").
    const wordHits = words.length ? this.findWords(words, relax && !clipped) : null;
    const gramHits = grams.length ? this.findGrams(grams) : null;
    if (wordHits && gramHits) {
      for (const [index, score] of wordHits.scores) if (gramHits.has(index)) text.set(index, score + gramHits.get(index)!);
    } else {
      for (const [index, score] of wordHits?.scores ?? gramHits!) text.set(index, score);
    }
    const keys = keysOf(tokens);
    this.addCompactPrefix(text, keys.compact);
    // Kana typed for a title known by its romaji ("はじめのいっぽ" → "hajimenoippo").
    let romaji: NameKeys | null = null;
    if (words.length === 0 && KANA_ONLY.test(query)) {
      romaji = keysOf(nameTokens(toRomaji(query)).tokens);
      this.addCompactPrefix(text, romaji.compact);
    }
    const corrected = wordHits?.corrected ? keysOf([...grams, ...wordHits.corrected]) : null;
    for (const [index, score] of text) {
      let level = this.level(index, keys);
      if (corrected) level = Math.max(level, this.level(index, corrected) - RANK_WEIGHTS.corrected);
      if (romaji) level = Math.max(level, this.level(index, romaji));
      matches.set(index, { level, text: score });
    }
    const acronym = grams.length === 0 ? acronymKey(words) : null;
    for (const { doc: index, flag: main } of acronym ? this.acronyms.entries(acronym) : []) {
      const level = main === 1 ? MATCH_LEVEL.ACRONYM_MAIN : MATCH_LEVEL.ACRONYM_SYNONYM;
      const known = matches.get(index);
      if (!known) matches.set(index, { level, text: -1 });
      else if (known.level < level) known.level = level;
    }
    for (const index of clipped ?? []) {
      const known = matches.get(index);
      if (!known) matches.set(index, { level: MATCH_LEVEL.CLIPPED, text: -1 });
      else if (known.level < MATCH_LEVEL.CLIPPED) known.level = MATCH_LEVEL.CLIPPED;
    }
    if (matches.size === 0 && relax && grams.length === 0) this.matchAllButOne(words, matches);
    if (matches.size === 0 && relax && grams.length === 0) this.matchMostWords(words, matches);
    return matches;
  }

  /**
   * A query naming a season, part or film: the entry it means in the franchise of its base (the
   * query without the marker), by the seasons the entries declare, else by release order.
   */
  private addSequel(matches: Map<number, Match>, base: string, marker: SequelMarker): void {
    const baseMatches = this.match(base);
    if (baseMatches.size === 0) return;
    const nothingElse = matches.size === 0;
    const ranking = new Map([...baseMatches].map(([index, match]) => [index, { ...match }]));
    const ranked = this.rank(ranking, compactKey(base), false);
    const top = ranked[0]!.index;
    // "X the movie" takes X's films only when X is a name; a season is looked for in any franchise
    // whose entry has all of X's words.
    const film = marker.movie !== undefined && marker.season === undefined;
    if (!film || ranking.get(top)!.level >= MATCH_LEVEL.MAIN_SUFFIX) {
      const named = new Set(ranking.keys());
      const wholeBase = ranking.get(top)!.level >= MATCH_LEVEL.EXACT_SYNONYM ? top : -1;
      let pick = this.franchises.pickSequel(top, marker, named, wholeBase);
      // The base may name several franchises ("Muv-Luv Alternative" is also the start of "…: Total
      // Eclipse"): a season one of the next best declares beats a guess by release order.
      if (!pick?.declared) {
        for (const { index } of ranked.slice(1, SEQUEL_CANDIDATES)) {
          if (ranking.get(index)!.level < MATCH_LEVEL.MAIN_SUFFIX) break;
          const other = this.franchises.pickSequel(index, marker, named, wholeBase);
          if (other?.declared) {
            pick = other;
            break;
          }
        }
      }
      if (pick) {
        const level = pick.declared ? MATCH_LEVEL.SEQUEL_DECLARED : MATCH_LEVEL.SEQUEL_ORDINAL;
        const known = matches.get(pick.index);
        if (!known) matches.set(pick.index, { level, text: -1 });
        else if (known.level < level) known.level = level;
      }
    }
    if (nothingElse) {
      for (const [index, match] of baseMatches) {
        if (!matches.has(index)) matches.set(index, { level: match.level - RANK_WEIGHTS.franchiseFallback, text: match.text });
      }
    }
  }

  private twinsOf(index: number): number[] {
    const twins: number[] = [];
    for (const bag of [...this.exactMain.of(index), ...this.exactSynonym.of(index)]) {
      if (bag.replace(/ /g, '').length < 4) continue;
      const sharing = this.byName.get(bag)!;
      if (sharing.length > 1 && sharing.length <= MAX_TWINS) for (const other of sharing) if (other !== index) twins.push(other);
    }
    return twins;
  }

  /**
   * Level + scaled text score + priors. Among the entries whose names start (or end) with the
   * query, the franchise's first series matches as well as the best of them ("Initial D" is a
   * synonym of the Third Stage film, and the First Stage series is what fans mean), unless the
   * query names a season.
   */
  private rank(matches: Map<number, Match>, compactKey: string, namesSequel: boolean, qualifiers: Qualifiers = {}): TitleHit[] {
    let entry = -1;
    // A year or a format in the query names one entry of the franchise, as a season does.
    if (!namesSequel && qualifiers.year === undefined && qualifiers.format === undefined) entry = this.liftFranchiseEntry(matches, compactKey);
    let maxText = 0;
    for (const { text } of matches.values()) if (text > maxText) maxText = text;
    const ranked: TitleHit[] = [];
    for (const [index, { level, text }] of matches) {
      const profile = this.profiles[index]!;
      // Matched by a short form, a season or the franchise rather than by words: as good as the best words.
      const textScore = maxText > 0 ? (text < 0 ? 1 : text / maxText) : 0;
      let score = level + RANK_WEIGHTS.text * textScore + profile.prior;
      if (namesSequel) score -= profile.sequelPenalty;
      if (index === entry) score += RANK_WEIGHTS.franchiseEntry;
      const record = this.records[index]!;
      if (qualifiers.year !== undefined && record.year === qualifiers.year) score += RANK_WEIGHTS.year;
      if (qualifiers.format !== undefined && record.format === qualifiers.format) score += RANK_WEIGHTS.format;
      let closest = Infinity;
      this.mainKeys.forEach(index, (key) => (closest = Math.min(closest, Math.abs(key.length - compactKey.length))));
      score -= Math.min(closest * RANK_WEIGHTS.lengthPerChar, RANK_WEIGHTS.maxLength);
      ranked.push({ index, score });
    }
    ranked.sort((a, b) => b.score - a.score || a.index - b.index);
    return ranked;
  }

  /**
   * The franchise's first series among the hits whose names start or end with the query, lifted to
   * the level of the best of them; -1 when there is none, or it is far less popular than the best.
   */
  private liftFranchiseEntry(matches: Map<number, Match>, compactKey: string): number {
    const profiles = this.profiles;
    let best = -1;
    for (const [index, { level }] of matches) {
      if (level < MATCH_LEVEL.SYNONYM_PREFIX) continue;
      if (best < 0 || level > matches.get(best)!.level || (level === matches.get(best)!.level && profiles[index]!.popularity > profiles[best]!.popularity)) best = index;
    }
    if (best < 0) return -1;
    const top = matches.get(best)!.level;
    // Only an entry about as popular as the best hit can be its franchise's first: a far less
    // popular earlier one is passed over, not allowed to block the next ("Jakusansei Million
    // Arthur", 2015, does not stop "Million Arthur" from finding the 2018 series before its sequel).
    const floor = profiles[best]!.popularity - RANK_WEIGHTS.entryPopularityMargin;
    // A short form names entries by their initials: a name that merely starts with the letters typed
    // is no franchise of the best hit ("GOHS" is not "Goshujinsama").
    const acronym = (level: number) => level === MATCH_LEVEL.ACRONYM_MAIN || level === MATCH_LEVEL.ACRONYM_SYNONYM;
    const byInitials = acronym(top);
    let entry = -1;
    for (const [index, { level }] of matches) {
      if (level < MATCH_LEVEL.SYNONYM_PREFIX || level === MATCH_LEVEL.CLIPPED || profiles[index]!.popularity < floor || (byInitials && !acronym(level))) continue;
      if (entry < 0 || this.franchises.startsBefore(index, entry)) entry = index;
    }
    // Two titles that clip alike ("OreSuki") are no franchise: a clipped hit is only taken for the
    // first entry when it is of the best hit's franchise ("Sasamiya": the series, not its film).
    let family: Set<number> | null = null;
    for (const [index, { level }] of matches) {
      if (level !== MATCH_LEVEL.CLIPPED || (entry >= 0 && !this.franchises.startsBefore(index, entry))) continue;
      family ??= new Set(this.franchises.familyOf(best));
      if (family.has(index)) entry = index;
    }
    if (entry < 0) return -1;
    // The query names the franchise rather than the entry ("Spice and Wolf" for "Spice and Wolf:
    // Merchant Meets the Wise Wolf"): its first series counts even if it is known by another name.
    if (this.franchises.headsOf(best).some((head) => head.key === compactKey && !head.whole)) {
      for (const index of this.franchises.familyOf(best)) if (profiles[index]!.tvLike && this.franchises.startsBefore(index, entry)) entry = index;
    }
    // The best hit is a later season that shares a name with an earlier series ("The Devil Is a
    // Part-Timer!" is the English title of the second season only, "Hataraku Maou-sama!" the
    // romaji of both): a query naming no season means the first, unless the query is the earlier
    // series' name with more after it ("Log Horizon: Destruction of the Round Table" names the
    // third season, not the "Log Horizon" both are called).
    if (profiles[best]!.sequelPenalty !== 0) {
      const namedBeyond = (index: number) => this.mainKeys.some(index, (key) => key.length < compactKey.length && compactKey.startsWith(key));
      for (const index of this.twinsOf(best)) if (profiles[index]!.tvLike && this.franchises.startsBefore(index, entry) && !namedBeyond(index)) entry = index;
    }
    if (profiles[entry]!.popularity < floor) return -1;
    // The query is the whole main name of the best hit. When that is a first series, it names
    // that series, not an older one whose name merely starts with it ("Bakumatsu" is not
    // "Bakumatsu Kikansetsu Irohanihoheto"); an entry known by that very name is still lifted
    // ("Berserk": 1997's, not 2016's; "Yu-Gi-Oh!": Duel Monsters, whose synonym it is). A film or
    // OVA of that name gives way to a series whose main name starts with it ("Mirai Nikki (TV)"),
    // not to one that only has a synonym or a word starting with it ("Colorful" is no Chihayafuru).
    if (top === MATCH_LEVEL.EXACT_MAIN && profiles[best]!.sequelPenalty === 0) {
      const needed = profiles[best]!.tvLike ? MATCH_LEVEL.EXACT_SYNONYM : MATCH_LEVEL.MAIN_PREFIX;
      if ((matches.get(entry)?.level ?? 0) < needed) return -1;
    }
    const known = matches.get(entry);
    if (!known) matches.set(entry, { level: top, text: -1 });
    else if (known.level < top) known.level = top;
    return entry;
  }

  private level(index: number, keys: NameKeys): number {
    if (this.exactMain.includes(index, keys.bag) || this.mainKeys.includes(index, keys.compact)) return MATCH_LEVEL.EXACT_MAIN;
    if (this.exactSynonym.includes(index, keys.bag) || this.synonymKeys.includes(index, keys.compact)) return MATCH_LEVEL.EXACT_SYNONYM;
    if (keys.compact.length >= 3) {
      const startsWithQuery = (k: string) => k.startsWith(keys.compact);
      if (this.mainKeys.some(index, startsWithQuery)) return MATCH_LEVEL.MAIN_PREFIX;
      if (this.mainSuffixes.includes(index, keys.compact)) return MATCH_LEVEL.MAIN_SUFFIX;
      if (this.synonymKeys.some(index, startsWithQuery) || this.mainSuffixes.some(index, startsWithQuery)) return MATCH_LEVEL.SYNONYM_PREFIX;
    }
    return MATCH_LEVEL.PARTIAL;
  }

  // Exact words first; spelling corrections only when they find nothing: first for the words the
  // index has never seen, then for every word (a typo can make another real word: "karte").
  private findWords(allWords: string[], correct: boolean): { scores: Map<number, number>; corrected: string[] | null } {
    const words = meaningfulWords(allWords);
    const term = (word: string, i: number, fixes: readonly string[] = []): WordTerm => ({
      exact: new Map([[word, 1], ...fixes.map((f) => [f, CORRECTED_WEIGHT] as [string, number])]),
      prefix: i === words.length - 1 && word.length >= 2 && !/^\d+$/.test(word) ? word : undefined,
    });
    const scores = this.words.search(words.map((w, i) => term(w, i)));
    if (scores.size || !correct) return { scores, corrected: null };
    // Correcting every word of a long title costs more than it finds.
    for (const knownToo of words.length <= MAX_CORRECTED_WORDS ? [false, true] : [false]) {
      const fixes = new Map<string, string[]>();
      for (const word of words) {
        if (this.words.has(word) && (!knownToo || word.length < MIN_CORRECTED_KNOWN)) continue;
        const corrections = this.typos.correct(word).map((c) => c.word).filter((c) => c !== word);
        if (corrections.length) fixes.set(word, corrections);
      }
      if (fixes.size === 0) continue;
      const fixed = this.words.search(words.map((w, i) => term(w, i, fixes.get(w))));
      if (fixed.size) return { scores: fixed, corrected: allWords.map((w) => fixes.get(w)?.[0] ?? w) };
    }
    return { scores, corrected: null };
  }

  /**
   * When every word together finds nothing: the query less one of its words, each in turn ("…
   * Unlimited Blade Works (TV)", "Kaguya-sama wa Kokurasetai Ultra Romantic" with a word no source
   * spells), ranked two levels below what the rest matches.
   */
  private matchAllButOne(words: readonly string[], matches: Map<number, Match>): void {
    const meaningful = meaningfulWords(words);
    if (meaningful.length < 3 || meaningful.length > MAX_RELAXED_WORDS) return;
    for (const dropped of new Set(meaningful)) {
      const rest = words.filter((w) => w !== dropped).join(' ');
      for (const [index, match] of this.match(rest, false)) {
        const level = match.level - RANK_WEIGHTS.relaxed;
        const known = matches.get(index);
        if (!known || known.level < level) matches.set(index, { level, text: match.text });
      }
    }
  }

  /**
   * The last chance of a long query that nothing else matched, typically a title half in English,
   * half in romaji ("Lupin the Third: The Blood Spray of Goemon Ishikawa"): the entries whose names
   * have most of its rarer words, ranked below every other kind of match by the share they have.
   */
  private matchMostWords(words: readonly string[], matches: Map<number, Match>): void {
    const meaningful = meaningfulWords(words);
    if (meaningful.length < MOST_WORDS.minQueryWords) return;
    for (const [index, share] of this.words.searchSome(meaningful, MOST_WORDS.minShare, MOST_WORDS.minWords, MOST_WORDS.maxPosting)) {
      matches.set(index, { level: MATCH_LEVEL.MOST_WORDS + MOST_WORDS.perShare * share, text: share });
    }
  }

  private findGrams(grams: string[]): Map<number, number> {
    return this.grams.intersect(grams);
  }

  /** One bonus per anime (the best of its names), however many of its names share the prefix. */
  private addCompactPrefix(text: Map<number, number>, key: string): void {
    const bonus = new Map<number, number>();
    for (const hit of this.compactPrefix(key)) bonus.set(hit.index, Math.max(bonus.get(hit.index) ?? 0, hit.main ? 3 : 1));
    for (const [index, b] of bonus) text.set(index, (text.get(index) ?? 0) + b);
  }

  private compactPrefix(key: string, minLength = 4): Array<{ index: number; main: boolean }> {
    if (key.length < minLength) return [];
    const { keys, docs, main } = this.compact;
    const lo = lowerBound(keys, key);
    const hits: Array<{ index: number; main: boolean }> = [];
    for (let i = lo; i < keys.length && hits.length < MAX_PREFIX_HITS && keys[i]!.startsWith(key); i += 1) {
      hits.push({ index: docs[i]!, main: main[i] === 1 });
    }
    return hits;
  }

  private addGram(gram: string, index: number, weight: number): void {
    let posting = this.gramsBuilding.get(gram);
    if (!posting) this.gramsBuilding.set(gram, (posting = new Map()));
    if ((posting.get(index) ?? 0) < weight) posting.set(index, weight);
  }


}
