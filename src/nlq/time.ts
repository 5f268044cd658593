// Dates in questions: years, ranges ("from 2015 to 2018", "90s", "2010ish", "born 1995"),
// relative years ("last year") and seasons ("this season", "Fall 2023"), relative to `now`.
import { Season } from '../domain/index.js';
import type { Phrase } from './phrase.js';
import type { Slots } from './types.js';

const SEASONS: Record<string, Season> = { winter: Season.WINTER, spring: Season.SPRING, summer: Season.SUMMER, fall: Season.FALL, autumn: Season.FALL };
const ORDER = [Season.WINTER, Season.SPRING, Season.SUMMER, Season.FALL];
const YEAR = '((?:19|20)\\d\\d)';
const SEASON = '(winter|spring|summer|fall|autumn)';

export function seasonOf(date: Date): { year: number; season: Season } {
  return { year: date.getUTCFullYear(), season: ORDER[Math.floor(date.getUTCMonth() / 3)]! };
}

function shift(at: { year: number; season: Season }, by: number): { year: number; season: Season } {
  const i = at.year * 4 + ORDER.indexOf(at.season) + by;
  return { year: Math.floor(i / 4), season: ORDER[i % 4]! };
}

function decade(text: string): number {
  const n = Number(text.replace(/\D/g, ''));
  if (n >= 1900) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/** Takes season and year phrases out of the text into slots. */
export function extractTime(p: Phrase, slots: Slots, now: Date): void {
  const current = seasonOf(now);
  const thisYear = now.getUTCFullYear();
  const setSeason = (s: { year: number; season: Season }) => {
    slots.season = s.season;
    slots.year = s.year;
  };
  // "currently airing" is a status (slots.ts), not this season: a long-running series airs too.
  p.take(/\b(?:this|current|the current|this year'?s) season(?:'s)?\b|\bthis cour\b/, () => setSeason(current));
  p.take(/\b(?:next|upcoming|the upcoming|coming) season(?:'s)?\b/, () => setSeason(shift(current, 1)));
  p.take(/\b(?:last|previous|past) season(?:'s)?\b/, () => setSeason(shift(current, -1)));
  p.take(new RegExp(`\\b${SEASON}(?: season)?(?: of| in)? ${YEAR}\\b`), (m) => setSeason({ season: SEASONS[m[1]!]!, year: Number(m[2]) }));
  p.take(new RegExp(`\\b${YEAR}(?:'s)? ${SEASON}\\b`), (m) => setSeason({ season: SEASONS[m[2]!]!, year: Number(m[1]) }));
  p.take(new RegExp(`\\b(this|next|last) ${SEASON}\\b`), (m) => {
    const season = SEASONS[m[2]!]!;
    let year = thisYear;
    const past = /\b(?:aired|was|were|did|came out)\b/.test(p.text);
    // "this spring" said in autumn is the coming one, unless the question is about the past.
    if (m[1] === 'this' && !past && ORDER.indexOf(season) < ORDER.indexOf(current.season)) year += 1;
    if (m[1] === 'next' && ORDER.indexOf(season) <= ORDER.indexOf(current.season)) year += 1;
    if (m[1] === 'last' && ORDER.indexOf(season) >= ORDER.indexOf(current.season)) year -= 1;
    setSeason({ season, year });
  });
  if (!slots.season) p.take(new RegExp(`\\b${SEASON}(?= (?:anime|shows?|season|lineup|line-up|releases))`), (m) => setSeason({ season: SEASONS[m[1]!]!, year: thisYear }));

  const range = (from: number, to: number) => {
    slots.yearFrom = from;
    slots.yearTo = to;
  };
  p.take(new RegExp(`\\b(?:i was )?born (?:in )?${YEAR}\\b`), (m) => range(Number(m[1]) + 5, Number(m[1]) + 13));
  // "what did I watch as a kid": the childhood the birth year already gives.
  if (slots.yearFrom != null) p.take(/\b(?:what did i watch |have )?(?:as a (?:kid|child|teen)|growing up|grown up with|grew up (?:with|watching)|when i was (?:a kid|young|little))\b/, () => {});
  p.take(new RegExp(`\\b(?:from|between) ${YEAR} (?:to|and|through|until|-) ${YEAR}\\b|\\b${YEAR} ?(?:-|–|to) ?${YEAR}\\b`), (m) =>
    range(Number(m[1] ?? m[3]), Number(m[2] ?? m[4])),
  );
  p.take(/\b(early|mid|late)[- ](?:(?:19|20)?'?(\d0)'?s)\b/, (m) => {
    const d = decade(m[2]!);
    if (m[1] === 'early') range(d, d + 3);
    else if (m[1] === 'mid') range(d + 4, d + 6);
    else range(d + 7, d + 9);
  });
  p.take(/\b(?:the )?((?:19|20)\d0|'?\d0)'?s\b/, (m) => range(decade(m[1]!), decade(m[1]!) + 9));
  p.take(/\b(?:the )?(nineties|eighties|seventies)\b/, (m) => {
    const d = { nineties: 1990, eighties: 1980, seventies: 1970 }[m[1] as 'nineties']!;
    range(d, d + 9);
  });
  p.take(new RegExp(`\\b(?:around|circa|about|approximately|roughly|~) ?${YEAR}\\b|\\b${YEAR} ?-?ish\\b`), (m) => {
    const y = Number(m[1] ?? m[2]);
    range(y - 2, y + 2);
  });
  p.take(new RegExp(`\\b(?:since|after|newer than) ${YEAR}\\b|\\b(?:from )?${YEAR} (?:onwards?|and later|or later|and up|or newer)\\b`), (m) => (slots.yearFrom = Number(m[1] ?? m[2]) + (/after|newer than/.test(m[0]) ? 1 : 0)));
  p.take(new RegExp(`\\b(?:before|until|older than|up to) ${YEAR}\\b`), (m) => (slots.yearTo = Number(m[1]) - (/before|older/.test(m[0]) ? 1 : 0)));
  p.take(/\b(?:in |from |made in )?the (?:last|past) (?:couple(?: of)?|few|two|2|three|3) years\b/, (m) => range(thisYear - (/three|3|few/.test(m[0]) ? 3 : 2), thisYear));
  p.take(/\blast year'?s?\b/, () => range(thisYear - 1, thisYear - 1));
  p.take(/\bthis year'?s?\b/, () => range(thisYear, thisYear));
  // "new to anime", "new at this": the person is new, not the anime.
  p.takeAll(/\b(?:very )?(?:recent|new(?! (?:to|at)\b)|latest|newest)(?= |$)/, () => range(thisYear - 2, thisYear));
  p.take(/\b(?:old|classic|retro|oldschool|old-school)(?= )/, () => (slots.yearTo = 1999));
  p.take(new RegExp(`\\b(?:in |from |of )?${YEAR}\\b`), (m) => {
    if (slots.season && slots.year == null) slots.year = Number(m[1]);
    else range(Number(m[1]), Number(m[1]));
  });
}
