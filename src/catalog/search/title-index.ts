// Full-text title index over every name of every anime, tuned for how fans type: all words must
// match (each with typo tolerance), the last word may be a prefix, Japanese matches by bigrams, a
// query typed without spaces matches the compact form, and exact names outrank partial ones.
// Words go to MiniSearch; CJK bigrams and compact keys live in plain maps, because thousands of
// distinct kanji at the root of MiniSearch's radix tree make inserts and fuzzy walks slow.
import MiniSearch, { type Query } from 'minisearch';
import { AnimeFormat, type AnimeRecord } from '../../domain/index.js';
import { bagKey, nameKeys, terms, titleKey } from './normalize.js';

interface WordDoc {
  id: number;
  title: string;
  alt: string;
  synonyms: string;
}

export interface TitleHit {
  index: number;
  score: number;
}

/** How a hit matched; a higher tier always ranks first. */
enum Tier {
  PARTIAL = 0,
  TITLE_PREFIX = 1,
  EXACT_SYNONYM = 2,
  EXACT_TITLE = 3,
}

const FIELD_WEIGHT = { title: 3, alt: 2, synonyms: 1 } as const;
const MAX_PREFIX_HITS = 500;
// Particles and articles in thousands of titles: scoring them costs more than they narrow. They
// still count for exact and compact matches, which rank the hits.
const COMMON_WORDS = new Set(['no', 'the', 'of', 'a', 'wa', 'to', 'ni', 'ga', 'de', 'wo', 'o', 'and', 'in', 'on', 'e']);

function fuzziness(term: string): number | false {
  if (term.length < 4 || /^\d+$/.test(term)) return false;
  return term.length < 8 ? 1 : 2;
}

function mainNames(record: AnimeRecord): string[] {
  return [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese].filter((n): n is string => Boolean(n));
}

export class TitleIndex {
  private readonly words: MiniSearch<WordDoc>;
  private readonly grams = new Map<string, Map<number, number>>();
  private readonly compact: Array<{ key: string; index: number; main: boolean }> = [];
  private readonly exactMain: Array<Set<string>> = [];
  private readonly exactSynonym: Array<Set<string>> = [];
  private readonly mainKeys: string[][] = [];
  /** Every indexed word: typo tolerance is only spent on query words that are not in here. */
  private readonly vocabulary = new Set<string>();

  constructor(private readonly records: readonly AnimeRecord[]) {
    this.words = new MiniSearch<WordDoc>({
      fields: ['title', 'alt', 'synonyms'],
      tokenize: (text) => {
        const words = terms(text).words;
        for (const word of words) this.vocabulary.add(word);
        return words;
      },
      // Queries are tokenized separately so they never enter the vocabulary.
      searchOptions: { tokenize: (text) => terms(text).words },
      processTerm: (term) => term || null,
    });
    const docs = records.map((record, index) => {
      const main = mainNames(record);
      const mainKeys = main.map(nameKeys);
      const synonymKeys = record.synonyms.map(nameKeys);
      this.exactMain.push(new Set(mainKeys.map((k) => k.bag)));
      this.exactSynonym.push(new Set(synonymKeys.map((k) => k.bag)));
      this.mainKeys.push(mainKeys.map((k) => k.compact));
      // Every main name weighs as a title here: the Japanese title is as much the anime's name as
      // `title`, which is only whichever name its first provider used.
      for (const name of main) this.addGrams(index, name, FIELD_WEIGHT.title);
      for (const name of record.synonyms) this.addGrams(index, name, FIELD_WEIGHT.synonyms);
      const keys = new Map<string, boolean>();
      for (const { compact } of mainKeys) keys.set(compact, true);
      for (const { compact } of synonymKeys) if (!keys.has(compact)) keys.set(compact, false);
      for (const [key, isMain] of keys) if (key.length > 2) this.compact.push({ key, index, main: isMain });
      return { id: index, title: record.title, alt: main.slice(1).join('\n'), synonyms: record.synonyms.join('\n') };
    });
    this.words.addAll(docs);
    this.compact.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Every anime whose names match the query, best first. */
  find(query: string): TitleHit[] {
    const { words, grams } = terms(query);
    if (words.length === 0 && grams.length === 0) return [];
    const wordHits = words.length ? this.findWords(words) : null;
    const gramHits = grams.length ? this.findGrams(grams) : null;
    const scores = new Map<number, number>();
    if (wordHits && gramHits) {
      for (const [index, score] of wordHits) if (gramHits.has(index)) scores.set(index, score + gramHits.get(index)!);
    } else {
      for (const [index, score] of wordHits ?? gramHits!) scores.set(index, score);
    }
    const compactKey = titleKey(query);
    // One bonus per anime (the best of its names), however many of its names share the prefix.
    const compactBonus = new Map<number, number>();
    for (const hit of this.compactPrefix(compactKey)) compactBonus.set(hit.index, Math.max(compactBonus.get(hit.index) ?? 0, hit.main ? 3 : 1));
    for (const [index, bonus] of compactBonus) scores.set(index, (scores.get(index) ?? 0) + bonus);
    return this.rank(scores, bagKey(query), compactKey);
  }

  // Exact words first; typo tolerance only when they find nothing, and then only for the words
  // the index has never seen. The fuzzy walk over the vocabulary costs ~10× an exact lookup.
  private findWords(allWords: string[]): Map<number, number> {
    const meaningful = allWords.filter((w, i) => !COMMON_WORDS.has(w) || i === allWords.length - 1);
    const words = meaningful.length ? meaningful : allWords;
    const base: Query = {
      queries: words,
      combineWith: 'AND',
      boost: FIELD_WEIGHT,
      prefix: (term, i, all) => i === all.length - 1 && term.length >= 2,
    };
    let results = this.words.search(base);
    if (results.length === 0) results = this.words.search({ ...base, fuzzy: (term) => (this.vocabulary.has(term) ? false : fuzziness(term)) });
    return new Map(results.map((r) => [r.id as number, r.score]));
  }

  private findGrams(grams: string[]): Map<number, number> {
    const postings = [...new Set(grams)].map((g) => this.grams.get(g));
    if (postings.some((p) => !p)) return new Map();
    const sorted = (postings as Array<Map<number, number>>).sort((a, b) => a.size - b.size);
    const hits = new Map<number, number>();
    for (const [index, weight] of sorted[0]!) {
      let score = weight;
      let all = true;
      for (const posting of sorted.slice(1)) {
        const w = posting.get(index);
        if (w === undefined) {
          all = false;
          break;
        }
        score += w;
      }
      if (all) hits.set(index, score);
    }
    return hits;
  }

  private compactPrefix(key: string): Array<{ index: number; main: boolean }> {
    if (key.length < 4) return [];
    let lo = 0;
    let hi = this.compact.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compact[mid]!.key < key) lo = mid + 1;
      else hi = mid;
    }
    const hits: Array<{ index: number; main: boolean }> = [];
    for (let i = lo; i < this.compact.length && hits.length < MAX_PREFIX_HITS && this.compact[i]!.key.startsWith(key); i += 1) {
      hits.push(this.compact[i]!);
    }
    return hits;
  }

  private addGrams(index: number, name: string, weight: number): void {
    for (const gram of terms(name).grams) {
      let posting = this.grams.get(gram);
      if (!posting) this.grams.set(gram, (posting = new Map()));
      if ((posting.get(index) ?? 0) < weight) posting.set(index, weight);
    }
  }

  private tier(index: number, exact: string, compactKey: string): Tier {
    if (this.exactMain[index]!.has(exact)) return Tier.EXACT_TITLE;
    if (this.exactSynonym[index]!.has(exact)) return Tier.EXACT_SYNONYM;
    if (compactKey.length >= 3 && this.mainKeys[index]!.some((k) => k.startsWith(compactKey))) return Tier.TITLE_PREFIX;
    return Tier.PARTIAL;
  }

  private rank(scores: Map<number, number>, exact: string, compactKey: string): TitleHit[] {
    const ranked = [...scores].map(([index, score]) => {
      const record = this.records[index]!;
      let boost = record.providers.length * 0.5; // known to several providers: what fans mean
      if (record.format === AnimeFormat.TV || record.format === AnimeFormat.MOVIE) boost += 1;
      // Among equal matches the shortest title is the closest to what was typed.
      const extra = Math.min(...this.mainKeys[index]!.map((k) => Math.abs(k.length - compactKey.length)));
      boost -= Math.min(extra, 40) * 0.05;
      return { index, score: score + boost, tier: this.tier(index, exact, compactKey) };
    });
    ranked.sort((a, b) => b.tier - a.tier || b.score - a.score || a.index - b.index);
    return ranked.map(({ index, score, tier }) => ({ index, score: score + tier * 100 }));
  }
}
