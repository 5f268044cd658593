// Titles in questions: the words left once every other phrase is taken out, resolved against the
// catalog's title search (any language or spelling) and accepted only when they really match.
import { AnimeFormat, Platform, type AnimeRecord } from '../domain/index.js';
import type { Catalog } from '../catalog/index.js';
import { PARTICLES } from '../catalog/search/acronym.js';
import { titleKey as searchKey } from '../catalog/search/normalize.js';
import { parseSequelQuery } from '../catalog/search/sequel.js';
import { STOPWORDS } from '../embed/stopwords.js';
import type { IsTitle } from './japanese.js';
import { sameFranchise, seriesMain } from './main-series.js';
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
const INSTALMENT_WORDS = new Set(['season', 'seasons', 'part', 'final', 'last', 'next', 'new', 'first', 'second', 'third', 'episode', 'movie', 'film', 'tv', 'ova', 'special']);
// Nor do words about copies and versions ("the Evangelion DVDs", "dubbed", "best site"), though a
// few synonyms in the catalog are such words.
const MEDIA_WORDS = new Set('dvd dvds blu ray rays bluray blurays dub dubs dubbed sub subs subbed english hd online free legally copy copies box set best top episodes eps'.split(' '));
const generic = (q: string) => q.split(' ').every((w) => STOPWORDS.has(w) || FILLER.has(w) || INSTALMENT_WORDS.has(w) || MEDIA_WORDS.has(w) || /^\d+$/.test(w));

/**
 * How well the typed words match one of the record's names, 0–1. `alone`: the words are the whole
 * question ("kite"), not a part of a sentence, so a short word may still start a longer name.
 */
export function titleMatch(typed: string, record: AnimeRecord, alone = false): number {
  const q = simplify(typed);
  // Common words match a name only exactly.
  const onlyExact = generic(q);
  const names = [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms].filter((n): n is string => !!n);
  let best = 0;
  for (const name of names) {
    const n = simplify(name);
    if (!n) continue;
    if (n === q || n.replace(/ /g, '') === q.replace(/ /g, '')) return 1;
    if (onlyExact) continue;
    const wordWise = (a: string, b: string) => ` ${a} `.includes(` ${b} `);
    // One typed word inside a longer name counts only as its first word ("frieren", not "different");
    // two as the start of the name or of one of its parts ("mugen train" of "Kimetsu no Yaiba:
    // Mugen Train", not "real life" of "… Even Shittier Than Real Life!").
    const inside = q.includes(' ') ? wordWise(n, q) && (q.split(' ').length >= 3 || startsAPart(name, q)) : n.startsWith(`${q} `);
    // Inside a sentence, a word of four letters is too common to be a name's first word by itself
    // ("real" of "Real Girl" in "anime about real life problems"); asked alone ("kite") it may be.
    if ((q.length >= (q.includes(' ') || alone ? 4 : 5) && inside) || (n.length >= 5 && wordWise(q, n))) best = Math.max(best, 0.9);
    else if (n.replace(/ /g, '').startsWith(q.replace(/ /g, '')) && q.length >= 5) best = Math.max(best, 0.85);
    // Japanese writes a series' name as the end or start of its entries' ("物語" of 化物語, 偽物語).
    else if (CJK_ONLY.test(q) && q.length >= 2 && (n.replace(/ /g, '').endsWith(q) || n.replace(/ /g, '').startsWith(q))) best = Math.max(best, 0.85);
    // Letter pairs say little about a word of four letters or fewer ("mom" is not "Moom").
    else if (q.replace(/ /g, '').length > 4) best = Math.max(best, dice(q, n));
  }
  return best;
}

const PART = /[:\-–—~|/()（）「」『』【】]/;

/** Whether the simplified words `q` begin the name or one of its parts (after ":", "-", "~", a bracket…). */
function startsAPart(name: string, q: string): boolean {
  return name.split(PART).some((part) => `${simplify(part)} `.startsWith(`${q} `));
}

/**
 * A community short form, then the rest of a name, as fans write a film or a later series
 * ("kny mugen train" for "Demon Slayer -Kimetsu no Yaiba- The Movie: Mugen Train", "mha heroes
 * rising", "fma brotherhood"): the other words are the last parts of one of the record's names,
 * and the first word is the initials of the leading words of a part of one of its names (with or
 * without particles), or a whole part of one ("FMA" of "FMA (2009)"). As exact as the name itself.
 */
function shortFormWithRest(q: string, record: AnimeRecord): boolean {
  const [short, ...restWords] = q.split(' ');
  const names = [record.title, record.titleEnglish, record.titleJapanese, ...record.synonyms].filter((n): n is string => !!n);
  if (!short || !/^\p{L}{2,5}$/u.test(short) || restWords.join('').length < 4) return false;
  const rest = restWords.join(' ');
  const partsOf = names.map((name) => name.split(PART).map(simplify).filter(Boolean));
  if (!partsOf.some((parts) => parts.slice(1).some((_, i) => parts.slice(i + 1).join(' ') === rest))) return false;
  return partsOf.some((parts) => parts.some((part) => part === short || leadingInitials(part).has(short)));
}

/** The initials of the first two or more words of a part, with and without its particles. */
function leadingInitials(part: string): Set<string> {
  const out = new Set<string>();
  for (const words of [part.split(' '), part.split(' ').filter((w) => !PARTICLES.has(w))]) {
    let initials = '';
    for (const word of words) {
      initials += word[0];
      if (initials.length >= 2) out.add(initials);
    }
  }
  return out;
}

const CJK_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]+$/u;
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

export function resolveTitleScored(catalog: Catalog, words: string, minimum = 0.6, alone = false): { title: TitleRef; score: number } | null {
  const text = stripFiller(words);
  if (text.length < 2 || !/[\p{L}\p{N}]/u.test(text)) return null;
  // Words that name nothing by themselves ("next", "the final season") name nothing here either,
  // even where some anime lists one as a synonym (AniDB calls Slayers Next "next").
  if (generic(simplify(text))) return null;
  let hits: AnimeRecord[];
  try {
    hits = catalog.search({ query: text.slice(0, 200), first: 5 }).nodes;
  } catch {
    return null;
  }
  // A short form and the rest of a name counts as the name when the search, which knows the short
  // forms, found that entry first.
  const scored = hits
    .map((record, order) => ({ record, order, score: order === 0 && shortFormWithRest(simplify(text), record) ? 1 : titleMatch(text, record, alone) }))
    .filter((h) => h.score >= minimum);
  const top = Math.max(0, ...scored.map((h) => h.score));
  // Near-equal matches: the TV series over its films ("jujutsu kaisen"), then the catalog's relevance.
  const pick = scored
    .filter((h) => h.score >= top - NEAR)
    .sort((a, b) => (FORMAT_RANK[a.record.format] ?? 2) - (FORMAT_RANK[b.record.format] ?? 2) || a.order - b.order)[0];
  const season = seasonOfBase(catalog, text, hits[0], minimum, alone);
  if (season && (season.title.id !== pick?.record.id || season.score > pick.score)) return season;
  if (!pick) return null;
  // "カウボーイビバップ" is the start of the film's name "カウボーイビバップ 天国の扉": the words name the
  // series, whose TV series may not even be among the hits (its Japanese title is in Latin letters).
  const series = pick.score < 1 && pick.record.format !== AnimeFormat.TV && namesSeriesOf(text, pick.record) ? seriesMain(catalog, pick.record) : null;
  return { title: toTitleRef(series ?? pick.record), score: pick.score };
}

/**
 * "jjk season 2", "kaguya sama 3rd season": words naming a numbered season or part of what their
 * base names, where no name of that season reads so. The catalog search resolves the marker
 * within the base's franchise (the seasons entries declare, else release order); its first hit
 * counts as well as the base matched, when it is of the base's franchise (one title series, or
 * linked by relations).
 */
function seasonOfBase(catalog: Catalog, text: string, top: AnimeRecord | undefined, minimum: number, alone: boolean): { title: TitleRef; score: number } | null {
  const sequel = top ? parseSequelQuery(text) : null;
  // A numbered season or part only: "the final season" and "the movie" name different entries to
  // different people ("the final season FMA:Brotherhood" is Brotherhood itself to its asker).
  const numbered = sequel && !sequel.marker.final && sequel.marker.movie === undefined && !sequel.marker.bare && (sequel.marker.season ?? sequel.marker.part ?? 0) >= 2;
  if (!top || !sequel || !numbered || sequel.base.trim() === text.trim()) return null;
  const base = resolveTitleScored(catalog, sequel.base, minimum, alone);
  const baseRecord = base && catalog.byId(base.title.id);
  if (!base || !baseRecord || baseRecord === top || !sameFranchise(catalog, baseRecord, top)) return null;
  // A base said as a whole name, or as a name's head before its subtitle ("kaguya sama"), makes
  // the season as exact as that name (namesInText takes such names as exact).
  const names = nameIndex(catalog);
  const key = searchKey(stripFiller(sequel.base));
  const exactBase = names.whole.has(key) || names.heads.has(key);
  return { title: toTitleRef(top), score: exactBase ? 1 : base.score };
}

/** The typed words are the leading words of one of the record's longer names. */
function namesSeriesOf(typed: string, record: AnimeRecord): boolean {
  const q = simplify(typed);
  return !!q && [record.title, record.titleEnglish, record.titleJapanese, ...record.synonyms].some((name) => !!name && simplify(name).startsWith(`${q} `));
}

// Names said word for word inside a question ("I LOVED Darker Than Black, Full Metal Panic, One
// Piece…", "how many episodes of naruto shippuden are there"): every run of words is looked up in an
// index of every name the catalog knows (main, English, romaji, Japanese titles and synonyms), keyed
// as the catalog's own search keys them (case, punctuation, long vowels, ordinals folded) and with a
// leading article optional ("Tatami Galaxy" is "The Tatami Galaxy"). The heads and tails the parser
// tries cannot reach a name in the middle of a sentence, nor tell the longer of two names at one place.
const ARTICLE = /^(?:the|a|an) /i;
// The head of a name before its subtitle ("Darker than Black" of "Darker than Black: Kuro no
// Keiyakusha") is how people call it; it counts only where no whole name matches.
const SUBTITLE = /\s*(?::|\s[-–~]\s)\s*/;

interface NameIndex {
  whole: Map<string, AnimeRecord[]>;
  heads: Map<string, AnimeRecord[]>;
}
const nameIndexes = new WeakMap<Catalog, NameIndex>();

function nameIndex(catalog: Catalog): NameIndex {
  let index = nameIndexes.get(catalog);
  if (index) return index;
  const built: NameIndex = { whole: new Map(), heads: new Map() };
  const add = (map: Map<string, AnimeRecord[]>, name: string, record: AnimeRecord) => {
    for (const variant of ARTICLE.test(name) ? [name, name.replace(ARTICLE, '')] : [name]) {
      const key = searchKey(variant);
      if (key.length < 3) continue;
      const list = map.get(key);
      if (!list) map.set(key, [record]);
      else if (!list.includes(record)) list.push(record);
    }
  };
  for (const record of catalog.records) {
    for (const raw of [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms]) {
      const name = raw?.trim();
      if (!name) continue;
      add(built.whole, name, record);
      const head = name.split(SUBTITLE)[0]!;
      if (head !== name && head.length >= 4) add(built.heads, head, record);
    }
  }
  nameIndexes.set(catalog, built);
  return built;
}

const released = (r: AnimeRecord) => r.startDate ?? (r.year != null ? `${r.year}-99` : '9999');

/**
 * Of the entries one name belongs to, the one meant: the TV series before its films and OVAs,
 * then the catalog's own ranking for those words (popularity, sequels after the first season: the
 * 1997 "Berserk", the 2011 "Hunter x Hunter"), then the first to come out.
 */
function meantBy(catalog: Catalog, words: string, records: readonly AnimeRecord[]): AnimeRecord {
  if (records.length === 1) return records[0]!;
  const rank = (r: AnimeRecord) => FORMAT_RANK[r.format] ?? 2;
  const top = Math.min(...records.map(rank));
  const kept = records.filter((r) => rank(r) === top);
  let order: string[] = [];
  try {
    order = catalog.search({ query: words.slice(0, 200), first: 20 }).nodes.map((r) => r.id);
  } catch {
    // A query the search refuses: the dates decide.
  }
  const place = (r: AnimeRecord) => (order.includes(r.id) ? order.indexOf(r.id) : order.length);
  return [...kept].sort((a, b) => place(a) - place(b) || released(a).localeCompare(released(b)))[0]!;
}

/** Entries the search finds for the words whose name starts with them ("Initial D First Stage" for "initial d"). */
function startingWith(catalog: Catalog, words: string): AnimeRecord[] {
  const q = simplify(words);
  try {
    return catalog
      .search({ query: words.slice(0, 200), first: 10 })
      .nodes.filter((r) => [r.title, r.titleEnglish, r.titleRomaji, ...r.synonyms].some((name) => !!name && simplify(name).startsWith(`${q} `)));
  } catch {
    return [];
  }
}

function firstHit(catalog: Catalog, words: string): AnimeRecord[] {
  try {
    return catalog.search({ query: words.slice(0, 200), first: 1 }).nodes;
  } catch {
    return [];
  }
}

// A subtitle head shared by more entries than this is a franchise's name ("Gundam"), not one anime's.
const MAX_HEAD_ENTRIES = 4;

export interface NamedTitle {
  title: TitleRef;
  /** The words of the question that are the name. */
  words: string;
  /** Their position in the text, in characters. */
  at: number;
}

/** The longest name, in words, looked up as said (longer runs of words are no one name). */
export const MAX_NAME_WORDS = 12;

/** Every run of words in `text` (space-separated) that is exactly a name in the catalog, longest first at each place. */
export function namesInText(catalog: Catalog, text: string): NamedTitle[] {
  const index = nameIndex(catalog);
  const words = text.split(' ');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < words.length; at += words[i]!.length + 1, i++) starts.push(at);
  const out: NamedTitle[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n).join(' ');
      // Words that name nothing by themselves ("the best", "season 2", "anime") are no name here.
      if (generic(simplify(run))) continue;
      const key = searchKey(run);
      const head = index.heads.get(key);
      const records = index.whole.get(key) ?? (head && head.length <= MAX_HEAD_ENTRIES ? [...head, ...startingWith(catalog, run)] : undefined);
      if (!records) continue;
      // A head is weaker than a whole name: the catalog's own first answer for the words (which
      // knows suffixes and popularity, "Brotherhood") stays in the running.
      if (!index.whole.has(key)) records.push(...firstHit(catalog, run));
      out.push({ title: toTitleRef(meantBy(catalog, run, records)), words: run, at: starts[i]! });
    }
  }
  return out;
}

const japaneseNames = new WeakMap<Catalog, Set<string>>();
const titleKey = (name: string) => name.normalize('NFKC').replace(/[、。！？!?「」『』【】（）()\s]+/g, '');

/**
 * Whether a run of Japanese text is a whole title (or synonym) the catalog lists. The names are
 * gathered on the first question that asks (~1.8 MB a server that is never asked in Japanese
 * does not hold).
 */
export function catalogTitleTest(catalog: Catalog): IsTitle {
  return (text) => japaneseNamesOf(catalog).has(titleKey(text));
}

function japaneseNamesOf(catalog: Catalog): Set<string> {
  let names = japaneseNames.get(catalog);
  if (!names) {
    names = new Set();
    for (const r of catalog.records) {
      for (const name of [r.title, r.titleJapanese, ...r.synonyms]) if (name && /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(name)) names.add(titleKey(name));
    }
    japaneseNames.set(catalog, names);
  }
  return names;
}
