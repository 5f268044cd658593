// Title normalisation shared by the index and the query, so that what a fan types matches what a
// source wrote: case, punctuation, diacritics, full-width forms, romaji long vowels (ō/ou/oo/oh),
// ordinals ("2nd season" = "season 2" = "second season" = "II"), and Japanese text in bigrams
// (katakana read as hiragana).

const ORDINAL_WORDS: Record<string, string> = {
  first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', seventh: '7', eighth: '8', ninth: '9', tenth: '10',
  ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9',
  '1st': '1', '2nd': '2', '3rd': '3',
};

// Kana, kanji, hangul: scripts written without spaces, indexed as overlapping bigrams.
const CJK_RUN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\p{Script=Hangul}ー]+/gu;

/** Canonical text: NFKC (full-width → ASCII), lower case, Latin diacritics removed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    // Only Latin combining marks: the kana voicing marks (U+3099/309A) must survive.
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    // "SPY×FAMILY": the multiplication sign is read as the letter x.
    .replace(/×/g, ' x ')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    // Latin letters with no Unicode decomposition: Vietnamese đ, Turkish dotless ı, Polish ł, French œ.
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/œ/g, 'oe');
}

/** Folds romaji spelling variants of long vowels so Tōkyō, Toukyou, Tokyo and Tookyoo meet. */
export function foldLongVowels(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 3) return word;
  // Until nothing changes, so that folding a folded word is a no-op ("yuuutsu" → "yutsu" at once).
  let folded = word;
  for (let previous = ''; previous !== folded; ) {
    previous = folded;
    folded = folded.replace(/ou/g, 'o').replace(/o{2,}/g, 'o').replace(/u{2,}/g, 'u').replace(/a{2,}/g, 'a').replace(/i{2,}/g, 'i').replace(/oh(?=[^aeiou]|$)/g, 'o');
  }
  return folded;
}

// English honorifics written out or shortened ("Doctor Stone" is "Dr. Stone"): one spelling each.
const SHORTENED_WORDS: Record<string, string> = { doctor: 'dr', mister: 'mr' };

function normalizeWord(word: string): string[] {
  const shortened = SHORTENED_WORDS[word];
  if (shortened) return [shortened];
  const ordinal = ORDINAL_WORDS[word] ?? word.match(/^(\d+)(?:st|nd|rd|th)$/)?.[1];
  if (ordinal) return [ordinal];
  const shortSeason = word.match(/^s(\d{1,2})$/);
  if (shortSeason) return ['season', String(Number(shortSeason[1]))];
  if (/^\d+$/.test(word)) return [String(Number(word))];
  // "Season2", "dai2": a number glued to a word is still a number.
  const glued = word.match(/^(\p{L}{2,})(\d+)$/u);
  if (glued) return [foldLongVowels(glued[1]!), String(Number(glued[2]))];
  return [foldLongVowels(word)];
}

/** Katakana as hiragana, so a title typed in either script meets the other (フリーレン, ふりーれん). */
export function foldKana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function bigrams(run: string): string[] {
  if (run.length <= 2) return [run];
  const grams: string[] = [];
  for (let i = 0; i < run.length - 1; i += 1) grams.push(run.slice(i, i + 2));
  return grams;
}

export interface Terms {
  /** Words in scripts written with spaces (Latin, Cyrillic, …) and numbers. */
  words: string[];
  /** Bigrams of kana, kanji and hangul runs. */
  grams: string[];
}

/** The search terms of a text, split by kind; used for both indexing and querying. */
export function terms(text: string): Terms {
  const folded = foldText(text).replace(/['’`]/g, '');
  const grams: string[] = [];
  const rest = folded
    .replace(CJK_RUN, (run) => {
      grams.push(...bigrams(foldKana(run)));
      return ' ';
    })
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  const words: string[] = [];
  for (const word of rest.split(' ')) if (word) words.push(...normalizeWord(word));
  return { words, grams };
}

/** All search terms of a text: bigrams first, then words. */
export function tokenize(text: string): string[] {
  const { words, grams } = terms(text);
  return [...grams, ...words];
}

/** One comparable key for a whole title: "Shingeki no Kyojin: Season 2" → "shingekinokyojinseason2". */
export function titleKey(text: string): string {
  return tokenize(text).join('');
}

/** Both keys of a name from one tokenisation (the index computes them for ~100k names). */
export function nameKeys(text: string): { bag: string; compact: string } {
  const tokens = tokenize(text);
  return { compact: tokens.join(''), bag: [...tokens].sort().join(' ') };
}

/** Order-free key: "2nd Season Attack on Titan" and "Attack on Titan Season 2" are equal. */
export function bagKey(text: string): string {
  return tokenize(text).sort().join(' ');
}
