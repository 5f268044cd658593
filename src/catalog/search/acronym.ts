// Community short forms derived from names, never listed by hand: the initials of the words of a
// title or synonym, with and without its particles ("Shingeki no Kyojin" → snk and sk, "Kimetsu
// no Yaiba" → kny), and with compound words split where both halves are known words
// ("Fullmetal Alchemist: Brotherhood" → fmab, since "full" and "metal" are words of other titles).
// Numbers stay whole ("Mob Psycho 100" → mp100).

import { foldLongVowels } from './normalize.js';

export const PARTICLES: ReadonlySet<string> = new Set(['no', 'the', 'of', 'a', 'an', 'wa', 'to', 'ni', 'ga', 'de', 'wo', 'o', 'and', 'in', 'on', 'e', 'ka', 'mo']);
const LEADING_ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an']);
const MIN_LENGTH = 3;
const MAX_LENGTH = 8;
/** A compound splits only into halves at least this long, each used by a few names. */
const MIN_HALF = 3;
const MIN_HALF_USES = 3;

export type KnownWords = ReadonlyMap<string, number>;

function initials(words: readonly string[]): string {
  return words.map((w) => (/^\d+$/.test(w) ? w : w[0]!)).join('');
}

/** "fullmetal" → ["full", "metal"] when both halves are words the index knows; else null. */
export function splitCompound(word: string, known: KnownWords): [string, string] | null {
  if (word.length < 2 * MIN_HALF + 1 || !/^\p{L}+$/u.test(word)) return null;
  for (let i = MIN_HALF; i <= word.length - MIN_HALF; i += 1) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if ((known.get(head) ?? 0) >= MIN_HALF_USES && (known.get(tail) ?? 0) >= MIN_HALF_USES) return [head, tail];
  }
  return null;
}

/** Every short form of a name given as its normalised words (see normalize.ts `terms`). */
export function acronymsOf(words: readonly string[], known: KnownWords): string[] {
  if (words.length === 0) return [];
  const split = words.flatMap((w) => splitCompound(w, known) ?? [w]);
  if (split.length < 2) return [];
  // Fans drop a leading article but keep the inner particles ("The God of High School" → GOHS).
  const articleless = LEADING_ARTICLES.has(split[0]!) ? split.slice(1) : split;
  const variants = [words, words.filter((w) => !PARTICLES.has(w)), split, split.filter((w) => !PARTICLES.has(w)), articleless];
  const out = new Set<string>();
  for (const variant of variants) {
    if (variant.length < 2) continue;
    const acronym = initials(variant);
    // Folded as a query word is ("OHSHC" is searched as "oshc"), or the two never meet.
    if (acronym.length >= MIN_LENGTH && acronym.length <= MAX_LENGTH && /\p{L}.*\p{L}/u.test(acronym)) out.add(foldLongVowels(acronym));
  }
  return [...out];
}

/** The short form a query may be: one or a few short words of letters, run together ("KnY", "FMA:B"). */
export function acronymKey(words: readonly string[]): string | null {
  if (words.length === 0 || words.length > 3 || words.some((w) => w.length > 5)) return null;
  const key = words.join('');
  return key.length >= MIN_LENGTH && key.length <= MAX_LENGTH && /^\p{L}[\p{L}\d]*$/u.test(key) ? key : null;
}
