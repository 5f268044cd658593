// Episode counts asked as a filter: "under 13 episodes", "more than 100 episodes", "12-episode
// anime", "between 10 and 26 episodes", "long-running". Taken before counts and years, so "100+
// episodes" is not a score and "2000 episodes" not a year.
import type { Phrase } from './phrase.js';
import type { Slots } from './types.js';

const EP = '(?:episodes?|eps?)';

// A "short anime" is a format (TV_SHORT) unless a count is said beside it; "long-running" has no
// agreed count, so it is read as a hundred episodes or more (said in the explanation).
const LONG_RUNNING = 100;
const LONG = 50;

export function extractEpisodes(p: Phrase, slots: Slots): void {
  const n = (s: string | undefined) => Number(s);
  const min = (value: number) => (slots.episodesMin = Math.max(slots.episodesMin ?? 0, value));
  const max = (value: number) => (slots.episodesMax = Math.min(slots.episodesMax ?? Infinity, value));
  p.take(new RegExp(`\\b(?:between|from) (\\d{1,4}) (?:and|to|-) (\\d{1,4}) ${EP}|\\b(\\d{1,4}) ?(?:-|–|to) ?(\\d{1,4}) ${EP}`), (m) => {
    const [a, b] = [n(m[1] ?? m[3]), n(m[2] ?? m[4])].sort((x, y) => x - y);
    min(a!);
    max(b!);
  });
  p.take(new RegExp(`\\b(?:more than|over|above|greater than|longer than|>) ?(\\d{1,4}) ${EP}|\\b(\\d{1,4}) ${EP} or (?:more|longer)`), (m) => {
    if (m[1]) min(n(m[1]) + 1);
    else min(n(m[2]));
  });
  p.take(new RegExp(`\\b(?:at least|minimum(?: of)?|min|no (?:fewer|less) than) (\\d{1,4}) ${EP}|\\b(\\d{1,4}) ?\\+ ${EP}|\\b(\\d{1,4}) (?:or more|and up|plus) ${EP}`), (m) => {
    min(n(m[1] ?? m[2] ?? m[3]));
  });
  p.take(new RegExp(`\\b(?:less than|fewer than|under|below|shorter than|<) ?(\\d{1,4}) ${EP}`), (m) => max(n(m[1]) - 1));
  p.take(new RegExp(`\\b(?:at most|maximum(?: of)?|max|no more than|up to) (\\d{1,4}) ${EP}|\\b(\\d{1,4}) ${EP} or (?:less|fewer|under|shorter)`), (m) => max(n(m[1] ?? m[2])));
  // "a 12-episode series", "12 episode anime": exactly that many.
  p.take(new RegExp(`\\b(\\d{1,4})[- ]episodes?(?= (?:anime|shows?|series|tv|long|ones?)\\b| ?$)`), (m) => {
    min(n(m[1]));
    max(n(m[1]));
  });
  p.take(/\b(?:one|single|1)[- ]cour\b/, () => max(13));
  p.take(/\blong[- ]running\b/, () => min(LONG_RUNNING));
  p.take(/\blong(?= (?:anime|series|shows?)\b)/, () => min(LONG));
  if (slots.episodesMin != null || slots.episodesMax != null) p.take(/\bshort(?= (?:anime|series|shows?|ones?)\b)/, () => {});
}
