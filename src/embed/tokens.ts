// Word and bigram tokens for the model-free embedders: Latin words (folded, lower case) and
// overlapping bigrams of kana/kanji/hangul runs, so Japanese-only titles still share tokens.
const CJK_RUN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\p{Script=Hangul}ー]+/gu;

/** Lower case, NFKC (full-width → ASCII), Latin diacritics removed. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Latin-script words of a text (apostrophes kept inside words: "don't"). */
export function words(text: string): string[] {
  return fold(text)
    .replace(CJK_RUN, ' ')
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** Bigrams of every CJK run (a run of one or two characters is one token). */
export function cjkBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const [run] of fold(text).matchAll(CJK_RUN)) {
    if (run.length <= 2) grams.push(run);
    else for (let i = 0; i < run.length - 1; i += 1) grams.push(run.slice(i, i + 2));
  }
  return grams;
}
