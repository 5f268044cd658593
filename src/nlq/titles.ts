// Titles in questions: the words left once every other phrase is taken out, resolved against the
// catalog's title search (any language or spelling) and accepted only when they really match.
import { AnimeFormat, Platform, type AnimeRecord } from '../domain/index.js';
import type { Catalog } from '../catalog/index.js';
import { STOPWORDS } from '../embed/stopwords.js';
import type { IsTitle } from './japanese.js';
import { seriesMain } from './main-series.js';
import type { TitleRef } from './types.js';

// Words around a title that are never the title ("tell me about the X anime please").
const FILLER = new Set(
  ('a an the anime animes show shows series movie movies film films tv ova ona please pls plz me i you we my our ' +
    'about of for on in to is are was it its some any what whats which who how can could would should do does did ' +
    'tell give show find search look up info information details detail list get want need watch watching stream ' +
    'streaming thing things something stuff similar like more and or with from by that this these those ' +
    'ratings rating scores score rated across platforms platform sites site order franchise all entries season seasons ' +
    'good recommend recommendations suggest suggestions based else other same kind sort type vibe vibes s ' +
    "what's coming out airing new released release aired air came anything anyone options option only just instead also someone somebody person people adult adults teen teens teenager beginner beginners newbie newbies but")
    .split(' '),
);

// Only at the end: "One Piece", "One-Punch Man" start with it.
const TRAILING = new Set(['one', 'ones']);

export function stripFiller(text: string): string {
  const words = text.split(' ').filter(Boolean);
  while (words.length && FILLER.has(words[0]!)) words.shift();
  while (words.length && (FILLER.has(words[words.length - 1]!) || TRAILING.has(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

function simplify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/\b(\d+)(?:st|nd|rd|th) season\b/g, 'season $1')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const s = text.replace(/ /g, '');
  const grams = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) grams.set(s.slice(i, i + 2), (grams.get(s.slice(i, i + 2)) ?? 0) + 1);
  return grams;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  return total ? (2 * shared) / total : 0;
}

// Words that name no anime by themselves: "looking for" is not "Looking for Magical DoReMi", nor
// "there" "There Was a Cute Girl…", nor "part 5" "Lupin the Third Part 5".
const INSTALMENT_WORDS = new Set(['season', 'seasons', 'part', 'final', 'last', 'new', 'first', 'second', 'third', 'episode', 'movie', 'film', 'tv', 'ova', 'special']);
const generic = (q: string) => q.split(' ').every((w) => STOPWORDS.has(w) || FILLER.has(w) || INSTALMENT_WORDS.has(w) || /^\d+$/.test(w));

/** How well the typed words match one of the record's names, 0–1. */
export function titleMatch(typed: string, record: AnimeRecord): number {
  const q = simplify(typed);
  // Common words match a name only exactly.
  const onlyExact = generic(q);
  let best = 0;
  for (const name of [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms]) {
    if (!name) continue;
    const n = simplify(name);
    if (!n) continue;
    if (n === q || n.replace(/ /g, '') === q.replace(/ /g, '')) return 1;
    if (onlyExact) continue;
    const wordWise = (a: string, b: string) => ` ${a} `.includes(` ${b} `);
    // One typed word inside a longer name counts only as its first word ("frieren", not "different").
    const inside = q.includes(' ') ? wordWise(n, q) : n.startsWith(`${q} `);
    if ((q.length >= 4 && inside) || (n.length >= 5 && wordWise(q, n))) best = Math.max(best, 0.9);
    else if (n.replace(/ /g, '').startsWith(q.replace(/ /g, '')) && q.length >= 5) best = Math.max(best, 0.85);
    // Letter pairs say little about a word of four letters or fewer ("mom" is not "Moom").
    else if (q.replace(/ /g, '').length > 4) best = Math.max(best, dice(q, n));
  }
  return best;
}

const NEAR = 0.15;
const FORMAT_RANK: Partial<Record<AnimeFormat, number>> = { [AnimeFormat.TV]: 0, [AnimeFormat.MOVIE]: 1 };

export function malIdOf(record: AnimeRecord): number | null {
  const mal = record.platformIds.find((p) => p.platform === Platform.MAL);
  return mal ? Number(mal.id) : null;
}

export function toTitleRef(record: AnimeRecord): TitleRef {
  return { id: record.id, title: record.title, malId: malIdOf(record) };
}

/** The catalog entry the words name, or null when nothing matches well enough. */
export function resolveTitle(catalog: Catalog, words: string, minimum = 0.6): TitleRef | null {
  return resolveTitleScored(catalog, words, minimum)?.title ?? null;
}

export function resolveTitleScored(catalog: Catalog, words: string, minimum = 0.6): { title: TitleRef; score: number } | null {
  const text = stripFiller(words);
  if (text.length < 2 || !/[\p{L}\p{N}]/u.test(text)) return null;
  let hits: AnimeRecord[];
  try {
    hits = catalog.search({ query: text.slice(0, 200), first: 5 }).nodes;
  } catch {
    return null;
  }
  const scored = hits.map((record, order) => ({ record, order, score: titleMatch(text, record) })).filter((h) => h.score >= minimum);
  const top = Math.max(0, ...scored.map((h) => h.score));
  // Near-equal matches: the TV series over its films ("jujutsu kaisen"), then the catalog's relevance.
  const pick = scored
    .filter((h) => h.score >= top - NEAR)
    .sort((a, b) => (FORMAT_RANK[a.record.format] ?? 2) - (FORMAT_RANK[b.record.format] ?? 2) || a.order - b.order)[0];
  if (!pick) return null;
  // "カウボーイビバップ" is the start of the film's name "カウボーイビバップ 天国の扉": the words name the
  // series, whose TV series may not even be among the hits (its Japanese title is in Latin letters).
  const series = pick.score < 1 && pick.record.format !== AnimeFormat.TV && namesSeriesOf(text, pick.record) ? seriesMain(catalog, pick.record) : null;
  return { title: toTitleRef(series ?? pick.record), score: pick.score };
}

/** The typed words are the leading words of one of the record's longer names. */
function namesSeriesOf(typed: string, record: AnimeRecord): boolean {
  const q = simplify(typed);
  return !!q && [record.title, record.titleEnglish, record.titleJapanese, ...record.synonyms].some((name) => !!name && simplify(name).startsWith(`${q} `));
}

const japaneseNames = new WeakMap<Catalog, Set<string>>();
const titleKey = (name: string) => name.normalize('NFKC').replace(/[、。！？!?「」『』【】（）()\s]+/g, '');

/** Whether a run of Japanese text is a whole title (or synonym) the catalog lists. */
export function catalogTitleTest(catalog: Catalog): IsTitle {
  let names = japaneseNames.get(catalog);
  if (!names) {
    names = new Set();
    for (const r of catalog.records) {
      for (const name of [r.title, r.titleJapanese, ...r.synonyms]) if (name && /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(name)) names.add(titleKey(name));
    }
    japaneseNames.set(catalog, names);
  }
  const known = names;
  return (text) => known.has(titleKey(text));
}
