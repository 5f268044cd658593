// Derives a Hepburn romaji reading for Japanese titles, so "shingeki no kyojin" can find 進撃の巨人
// even when no source lists the romaji. kuromoji (IPADIC) segments the title and reads kanji;
// wanakana turns the kana into romaji. Output is a search form: lower case, space-separated words.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { toRomaji as kanaToRomaji } from 'wanakana';

export interface Romanizer {
  /** Romaji reading, or null when the text has no kana/kanji (nothing to derive) or nothing survives. */
  toRomaji(text: string): string | null;
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const JAPANESE_ALL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu;
const KANJI = /\p{Script=Han}/u;
// Titles are short; the cap keeps a pathological input from building a huge Viterbi lattice.
const MAX_CHARS = 500;

// IPADIC cannot know coined title words, reads 刃 as "ha" and 神隠し with rendaku ("kamigakushi");
// titles and fans use these readings. Keep this list to words, not whole titles.
// Matched against the concatenated surfaces of consecutive tokens, longest first.
const READING_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['鬼滅', 'キメツ'],
  ['刃', 'ヤイバ'],
  ['神隠し', 'カミカクシ'],
]);
const MAX_OVERRIDE_TOKENS = 3;

// wanakana 5.3.1 romanises loanword digraphs letter by letter (ファ → "fua", ティ → "tei"); fix them first.
const LOANWORD_DIGRAPHS: Record<string, string> = {
  ファ: 'fa', フィ: 'fi', フェ: 'fe', フォ: 'fo', ヴァ: 'va', ヴィ: 'vi', ヴェ: 've', ヴォ: 'vo',
  ティ: 'ti', ディ: 'di', トゥ: 'tu', ドゥ: 'du', ウィ: 'wi', ウェ: 'we', ウォ: 'wo', デュ: 'dyu',
};
const DIGRAPH = new RegExp(`(ッ?)(${Object.keys(LOANWORD_DIGRAPHS).join('|')})(ー*)`, 'g');

// Particles that are read differently from how they are written when used as markers.
const PARTICLE_READINGS: Record<string, string> = { は: 'wa', へ: 'e', を: 'o' };

let loading: Promise<Romanizer> | undefined;

/** Loads the kuromoji dictionary once (≈1 s); concurrent and later callers share the same romanizer. */
export async function loadRomanizer(): Promise<Romanizer> {
  loading ??= buildTokenizer().then(
    (tokenizer) => ({ toRomaji: (text: string) => safeRomanize(tokenizer, text) }),
    (err: unknown) => {
      loading = undefined; // let a later call retry instead of caching the failure
      throw err;
    },
  );
  return loading;
}

function buildTokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  const require = createRequire(import.meta.url);
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
}

function safeRomanize(tokenizer: Tokenizer<IpadicFeatures>, text: string): string | null {
  try {
    return romanize(tokenizer, text);
  } catch {
    return null; // callers index thousands of titles; one odd string must not abort that
  }
}

function romanize(tokenizer: Tokenizer<IpadicFeatures>, text: string): string | null {
  if (typeof text !== 'string') return null;
  // NFKC folds full-width latin/digits and half-width katakana into the forms the dictionary knows.
  // Cut before normalising so a huge string is never copied whole; Array.from keeps surrogate pairs intact.
  const input = Array.from(text.slice(0, MAX_CHARS * 2).normalize('NFKC')).slice(0, MAX_CHARS).join('');
  if (!JAPANESE.test(input)) return null;

  // Build words in kana first and romanise each whole word, so a sokuon at a token edge
  // (間違っ+て, だっ+た) still doubles the next consonant.
  const tokens = tokenizer.tokenize(input);
  const words: string[] = [];
  let prev: IpadicFeatures | undefined;
  for (let i = 0; i < tokens.length; ) {
    const override = matchOverride(tokens, i);
    const token = tokens[i]!;
    const piece = override ? override.reading : tokenKana(token);
    if (prev && glues(prev, token) && words.length > 0) words[words.length - 1] += piece;
    else words.push(piece);
    prev = override ? tokens[i + override.length - 1] : token;
    i += override ? override.length : 1;
  }

  const romaji = words
    .map(toRomajiText)
    .join(' ')
    .replace(JAPANESE_ALL, ' ') // kanji without a reading, stray kana wanakana could not map
    .replace(/'/g, '') // wanakana's "n'i" apostrophe: fans write "shinichi", and a space would split the word
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // ・, punctuation and symbols separate words
    .trim()
    .toLowerCase();
  return romaji || null;
}

function matchOverride(tokens: IpadicFeatures[], start: number): { reading: string; length: number } | null {
  for (let n = Math.min(MAX_OVERRIDE_TOKENS, tokens.length - start); n >= 1; n--) {
    const surface = tokens.slice(start, start + n).map((t) => t.surface_form).join('');
    const reading = READING_OVERRIDES.get(surface);
    if (reading) return { reading, length: n };
  }
  return null;
}

/** The token as kana (or latin/digits as written), ready to be romanised with its word. */
function tokenKana(token: IpadicFeatures): string {
  const surface = token.surface_form;
  if (token.pos === '助詞' && PARTICLE_READINGS[surface]) return PARTICLE_READINGS[surface]!;
  // Kanji need the dictionary reading; kana, latin and digits romanise (or pass through) as written.
  const hasReading = token.reading !== undefined && token.reading !== '*';
  return KANJI.test(surface) && hasReading ? token.reading! : surface;
}

function toRomajiText(text: string): string {
  // The replacement is latin, so the sokuon before it and the long-vowel marks after it are applied here.
  const fixed = text.replace(DIGRAPH, (_m, sokuon: string, kana: string, long: string) => {
    const romaji = LOANWORD_DIGRAPHS[kana]!;
    return (sokuon ? romaji[0] : '') + romaji + romaji.slice(-1).repeat(long.length);
  });
  return kanaToRomaji(fixed);
}

/** Whether `token` continues the previous word ("kokurasetai", "isekai") instead of starting one. */
function glues(prev: IpadicFeatures, token: IpadicFeatures): boolean {
  const inflecting = prev.pos === '動詞' || prev.pos === '形容詞' || prev.pos === '助動詞' || isTeForm(prev);
  if (prev.pos === '接頭詞') return true; // 異+世界 → "isekai", お+兄さん → "oniisan"
  // ぼっ+ち, ろ+っく: a sokuon belongs to the next mora, so never split a word at it.
  if (/[っッ]$/.test(prev.surface_form) || /^[っッ]/.test(token.surface_form)) return true;
  if (token.pos_detail_1 === '接尾') return true; // さま, たち, せる/れる …
  if (token.pos === '助動詞') return inflecting; // 始めた, 告らせたい; but noun + だった stays "datta"
  if (token.pos === '動詞' && token.pos_detail_1 === '非自立') return inflecting; // 間違って+いる
  if (isTeForm(token)) return inflecting; // 間違っ+て
  // Runs of latin letters/digits keep the spacing they had in the source ("CAPU2", "Re:").
  const pair = prev.surface_form + token.surface_form;
  return !JAPANESE.test(pair) && !/\s/.test(pair);
}

function isTeForm(token: IpadicFeatures): boolean {
  const { pos, pos_detail_1: detail, surface_form: surface } = token;
  return pos === '助詞' && detail === '接続助詞' && (surface === 'て' || surface === 'で');
}
