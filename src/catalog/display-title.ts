// The one rule for an entry's display `title` (docs/decisions.md, "Display titles"):
//   1. MyAnimeList's main title (the mal-anime-2016 provider) when any source has the entry there,
//   2. else the anime-offline-database title (itself MAL's title for most entries),
//   3. else the English title (merge.ts: AniDB's official one where a provider's is a styling),
//   4. else a readable romanisation of the Japanese title (a provider's romaji, else AniDB's main
//      title, else kuromoji's reading),
//   5. else whatever the first provider called it (the Japanese title when romaji is off);
// and never an official ALL-CAPS or decorated styling ("COWBOY BEBOP", "Lucky☆Star", "【OSHI NO
// KO】"): a plain spelling of the same name from any provider is used instead, else the styling is
// undone (case restored, joining symbols spaced, wrapping brackets dropped). Every other name,
// the styled one included, stays a synonym, so search finds the entry by it as before.

export interface TitleCandidates {
  mal: string | null;
  aod: string | null;
  english: string | null;
  /** A provider's romaji. */
  romaji: string | null;
  /** A names-only source's romaji (AniDB's main title). */
  namedRomaji: string | null;
  /** kuromoji's reading of the Japanese title. */
  derivedRomaji: string | null;
  fallback: string;
}

export interface DisplayTitle {
  title: string;
  /** The candidate the rule chose (before any styling was undone). */
  from: keyof TitleCandidates;
}

const ORDER: ReadonlyArray<keyof TitleCandidates> = ['mal', 'aod', 'english', 'romaji', 'namedRomaji', 'derivedRomaji', 'fallback'];
const ROMAJI: ReadonlySet<keyof TitleCandidates> = new Set(['romaji', 'namedRomaji', 'derivedRomaji']);

export function displayTitle(candidates: TitleCandidates, names: readonly string[]): DisplayTitle {
  const from = ORDER.find((candidate) => candidates[candidate]) ?? 'fallback';
  const chosen = ROMAJI.has(from) ? readableRomaji(candidates[from]!) : candidates[from]!;
  if (!isStyled(chosen)) return { title: chosen, from };
  const key = foldKey(chosen);
  const plain = names.find((name) => !isStyled(name) && foldKey(name) === key);
  return { title: plain ?? unstyle(chosen), from };
}

const LATIN_WORD = /\p{Script=Latin}+(?:['’]\p{Script=Latin}+)*/gu;
const VOWEL = /[aeiouy]/i;
// Symbols used as ornaments (☆ ★ ♪ ♥ ◎ …) and the lenticular brackets some official titles wear.
const ORNAMENT = /\p{So}/u;
const WRAPPED = /^[【〖]\s*(.+?)\s*[】〗]$/u;
// Words a title keeps in lower case when not first (English and Japanese particles).
const SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'the', 'to', 'no', 'wa', 'ga', 'wo', 'o', 'ni', 'de', 'e', 'mo', 'ya', 'ka']);

/** Case, width, accents, spaces and punctuation aside, the letters and digits of a name. */
function foldKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Shouting: most Latin letters are capitals and at least one real word (four letters or more, with
 * a vowel, so "FLCL" and "NHK" read as acronyms) is all capitals.
 */
function isShouting(name: string): boolean {
  const words = name.match(LATIN_WORD) ?? [];
  const letters = words.join('').replace(/['’]/g, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper * 2 > letters.length && words.some((w) => w.length >= 4 && VOWEL.test(w.normalize('NFKD')) && w === w.toUpperCase());
}

/** An ALL-CAPS, ornamented or bracket-wrapped official styling (see the rule above). */
export function isStyled(name: string): boolean {
  return isShouting(name) || WRAPPED.test(name) || joiningOrnaments(name) !== name;
}

/**
 * Ornaments between two words become a space ("Lucky☆Star" → "Lucky Star"); a trailing ornament
 * stays, because MAL uses it to tell seasons apart ("Yuru Yuri♪♪" is the second "Yuru Yuri").
 */
function joiningOrnaments(name: string): string {
  return name.replace(/(?<=[\p{L}\p{N}!?])\s*\p{So}+\s*(?=[\p{L}\p{N}])/gu, (run) => (ORNAMENT.test(run) ? ' ' : run));
}

function unstyle(name: string): string {
  let text = joiningOrnaments(name.replace(WRAPPED, '$1'));
  if (isShouting(text)) text = restoreCase(text);
  return text.replace(/\s+/g, ' ').trim() || name;
}

/** Capitals back to title case, word by word; acronyms without vowels and single letters stay. */
function restoreCase(text: string): string {
  let first = true;
  return text.replace(LATIN_WORD, (word) => {
    const isFirst = first;
    first = false;
    if (word !== word.toUpperCase() || word.length < 2 || !VOWEL.test(word.normalize('NFKD'))) return word;
    const lower = word.toLowerCase();
    if (!isFirst && SMALL_WORDS.has(lower)) return lower;
    return lower[0]!.toUpperCase() + lower.slice(1);
  });
}

/** The lower-case search form of derived romaji, capitalised as titles are written in romaji. */
function readableRomaji(romaji: string): string {
  if (romaji !== romaji.toLowerCase()) return romaji;
  return romaji
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
