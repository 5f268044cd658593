// Which part of a franchise a text names: "season 2", "2nd season", "S2", "II", "part 2",
// "final season", "the movie", 第2期, 第二季, 劇場版. Read from a query (to find the entry it means
// even when no title spells the season out, as "Kaguya-sama s3" for "Ultra Romantic") and from the
// names of every entry (the seasons each entry declares, e.g. through a Chinese synonym "第三季").
import { foldText } from './normalize.js';

export interface SequelMarker {
  season?: number;
  part?: number;
  final?: boolean;
  /** The n-th film of the franchise (1 when the text says only "the movie"). */
  movie?: number;
  /** The season is only a number at the end ("Haikyuu 2"): after a film's or special's name it counts those. */
  bare?: boolean;
}

export interface SequelQuery {
  /** The text without its marker: the franchise being asked about. */
  base: string;
  marker: SequelMarker;
}

export interface DeclaredSequel {
  seasons: number[];
  parts: number[];
  final: boolean;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10,
};
const CJK_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const NUM = '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|i{1,3}|iv|vi{0,3}|ix|x)';
const ORD = '(\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)';
const CJK_NUM = '([0-9]{1,2}|[一二三四五六七八九十])';
// "Stage" is how Initial D counts its seasons; the other words are "season" in the languages of
// the catalog's synonyms.
const SEASON_WORD = '(?:season|seasons|saison|staffel|temporada|stagione|stage)';
const PART_WORD = '(?:part|cour|kuru)';
const re = (source: string) => new RegExp(source, 'gu');

type Kind = 'season' | 'part' | 'final' | 'movie' | 'trailing';
interface Pattern {
  kind: Kind;
  regex: RegExp;
}

const PATTERNS: Pattern[] = [
  { kind: 'final', regex: re(`${B}(?:the\\s+)?final\\s+(?:season|stage|chapter|part)${E}|最終章|ファイナルシーズン|完結編`) },
  { kind: 'season', regex: re(`${B}${SEASON_WORD}\\s*${NUM}${E}`) },
  { kind: 'season', regex: re(`${B}${ORD}\\s+${SEASON_WORD}${E}`) },
  { kind: 'season', regex: re(`${B}s(\\d{1,2})${E}`) },
  { kind: 'season', regex: re(`第\\s*${CJK_NUM}\\s*(?:期|季|シーズン)|(?<!\\d)(\\d{1,2})\\s*期|シーズン\\s*(\\d{1,2})`) },
  { kind: 'part', regex: re(`${B}${PART_WORD}\\s*${NUM}${E}`) },
  { kind: 'part', regex: re(`${B}${ORD}\\s+${PART_WORD}${E}`) },
  { kind: 'part', regex: re(`第\\s*${CJK_NUM}\\s*クール|(前編)|(後編)`) },
  { kind: 'movie', regex: re(`${B}(?:the\\s+)?(?:movie|film|gekijou?ban)(?:\\s+(\\d{1,2}))?${E}|劇場版|^映画`) },
];
// A number at the very end ("Haikyuu 2", "Overlord II"): only read from a query, and only a small
// one ("Mob Psycho 100" and "Jujutsu Kaisen 0" are names, not seasons).
const TRAILING = /\s(\d|ii|iii|iv|vi{1,3}|ix)$/u;
// In names only the Roman numerals that mark sequels ("Overlord II"); a lone V is too often a
// letter ("Arc-V").
const TRAILING_ROMAN = /\s(ii|iii|iv|vi{1,3}|ix)$/u;

function numberOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text === '前編') return 1;
  if (text === '後編') return 2;
  const digits = text.match(/^(\d{1,2})/);
  if (digits) return Number(digits[1]);
  return NUMBER_WORDS[text] ?? CJK_DIGITS[text] ?? null;
}

function firstGroup(match: RegExpMatchArray): string | undefined {
  return match.slice(1).find((g) => g !== undefined);
}

/** Folded, with punctuation as spaces, so the patterns see words. */
function flatten(text: string): string {
  return foldText(text)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Found {
  kind: Kind;
  value: number | null;
  start: number;
  end: number;
}

function scan(flat: string, patterns: readonly Pattern[]): Found[] {
  const found: Found[] = [];
  for (const { kind, regex } of patterns) {
    regex.lastIndex = 0;
    for (const match of flat.matchAll(regex)) {
      const start = match.index!;
      const end = start + match[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ kind, value: kind === 'final' ? null : numberOf(firstGroup(match)), start, end });
    }
  }
  return found;
}

/** The marker a query carries and the query without it; null when it names no part of a franchise. */
export function parseSequelQuery(query: string): SequelQuery | null {
  const flat = flatten(query);
  const found = scan(flat, PATTERNS);
  if (found.length === 0) {
    const trailing = TRAILING.exec(flat);
    const n = trailing ? numberOf(trailing[1]) : null;
    if (trailing && n !== null && n >= 2 && /\p{L}/u.test(flat.slice(0, trailing.index))) {
      const start = flat.length - trailing[1]!.length;
      found.push({ kind: 'trailing', value: n, start, end: flat.length });
    }
  }
  if (found.length === 0) return null;
  const marker: SequelMarker = {};
  for (const f of found) {
    if (f.kind === 'final') marker.final = true;
    else if (f.kind === 'movie') marker.movie = f.value ?? 1;
    else if (f.value === null) continue;
    else if (f.kind === 'part') marker.part = f.value;
    else {
      marker.season = f.value;
      if (f.kind === 'trailing') marker.bare = true;
    }
  }
  if (Object.keys(marker).length === 0) return null;
  let base = flat;
  for (const f of [...found].sort((a, b) => b.start - a.start)) base = base.slice(0, f.start) + ' ' + base.slice(f.end);
  base = base.replace(/\s+/g, ' ').trim();
  return base ? { base, marker } : null;
}

/** The seasons, parts and "final" an entry's names declare (any language, any of the forms above). */
export function declaredSequel(names: readonly string[]): DeclaredSequel {
  const seasons = new Set<number>();
  const parts = new Set<number>();
  let final = false;
  for (const name of names) {
    const flat = flatten(name);
    for (const f of scan(flat, PATTERNS)) {
      if (f.kind === 'final') final = true;
      else if (f.kind === 'season' && f.value !== null) seasons.add(f.value);
      else if (f.kind === 'part' && f.value !== null) parts.add(f.value);
    }
    const roman = TRAILING_ROMAN.exec(flat);
    const n = roman ? numberOf(roman[1]) : null;
    if (n !== null) seasons.add(n);
  }
  if (seasons.size === 0 && parts.size === 0 && !final) return NOTHING_DECLARED;
  return { seasons: [...seasons], parts: [...parts], final };
}

/** What most names declare: one shared object (the title index keeps a profile per entry). */
export const NOTHING_DECLARED: DeclaredSequel = Object.freeze({ seasons: [], parts: [], final: false });
