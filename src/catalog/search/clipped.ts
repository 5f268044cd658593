// Clipped compounds, the other way Japanese fans shorten a title: the first two morae of two of
// its words run together ("Saenai Kanojo no Sodatekata" → saekano, "Kin'iro Mosaic", romanised
// "kin iro mozaiku" → kinmoza, "Wotaku ni Koi wa Muzukashii" → wotakoi). Derived from every
// romanised main name, never listed by hand. Long vowels are folded after clipping, as the index
// folds them ("yuusha" + "shibushibu" → yuushibu → yushibu), so a query meets its key whatever
// spelling of the vowels it uses.
import { foldLongVowels, foldText } from './normalize.js';

const PARTICLES = new Set(['no', 'wa', 'to', 'ni', 'ga', 'de', 'wo', 'o', 'e', 'ka', 'mo', 'na', 'the', 'of', 'a', 'an', 'and', 'in', 'on']);
/** The first clipped word is one of the first few words of the name (fans clip the head). */
const FIRST_WORDS = 3;
/** The second clipped word comes at most this many words after the first. */
const SPAN = 5;
const MIN_LENGTH = 4;
const MAX_LENGTH = 10;
// One mora of romaji: a syllabic n (not before a vowel or y), the first of a doubled consonant (a
// small tsu), or consonants up to a vowel.
const MORA = /n(?![aeiouy])|([b-df-hj-np-tv-z])(?=\1)|[^aeiou]*[aeiou]/gy;

/** The first two morae of a romaji word; null when it has fewer or is not a plain Latin word. */
export function twoMorae(word: string): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  MORA.lastIndex = 0;
  let end = 0;
  for (let count = 0; count < 2; count += 1) {
    const match = MORA.exec(word);
    if (!match || match[0].length === 0) return null;
    end = MORA.lastIndex;
  }
  return word.slice(0, end);
}

/** The plain words of a name as written (before long vowels are folded): "Kin'iro" → kiniro. */
function rawWords(name: string): string[] {
  return foldText(name)
    .replace(/['’`]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w && !PARTICLES.has(w));
}

/** Every clipped compound of a name (folded long vowels), as the query key would be. */
export function clippedCompoundsOf(name: string): string[] {
  const words = rawWords(name);
  const out = new Set<string>();
  for (let i = 0; i < Math.min(words.length, FIRST_WORDS); i += 1) {
    const head = twoMorae(words[i]!);
    if (!head) continue;
    for (let j = i + 1; j < words.length && j <= i + SPAN; j += 1) {
      const tail = twoMorae(words[j]!);
      if (!tail) continue;
      const key = foldLongVowels(head + tail);
      if (key.length >= MIN_LENGTH && key.length <= MAX_LENGTH) out.add(key);
    }
  }
  return [...out];
}

/** The key a query may be a clipped compound under: one word of letters ("KinMoza", "OniAi"). */
export function clippedKey(words: readonly string[]): string | null {
  if (words.length !== 1) return null;
  const word = words[0]!;
  return /^[a-z]+$/.test(word) && word.length >= MIN_LENGTH && word.length <= MAX_LENGTH ? word : null;
}
