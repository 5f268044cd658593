// Takes the non-title phrases out of a question: ids, zones, regions, services, platforms, dates,
// counts, scores, formats and genres.
import { AnimeStatus, canonicalTag, type Platform } from '../domain/index.js';
import { FORMATS, GENRES, PLATFORMS, REGIONS, SERVICES, TIME_ZONES } from './lexicon.js';
import type { Phrase } from './phrase.js';
import { extractTime } from './time.js';
import type { Slots } from './types.js';

export interface IdSlot {
  variable: 'malId' | 'anilistId' | 'kitsuId' | 'anidbId' | 'annId';
  value: number;
}

const ID_WORDS: ReadonlyArray<[string, IdSlot['variable']]> = [
  ['mal|myanimelist', 'malId'],
  ['anilist', 'anilistId'],
  ['kitsu', 'kitsuId'],
  ['anidb', 'anidbId'],
  ['ann|anime news network', 'annId'],
];

const alt = (table: ReadonlyArray<readonly [string, ...unknown[]]>) => table.map(([words]) => words).join('|');
const lookup = <T>(table: ReadonlyArray<readonly [string, T, ...unknown[]]>, word: string) =>
  table.find(([words]) => new RegExp(`^(?:${words})$`).test(word));

export function extractIds(p: Phrase): IdSlot | null {
  let found: IdSlot | null = null;
  p.take(new RegExp(`\\b(${alt(ID_WORDS)})(?: anime)? ?(?:id|#|number)? ?#?(\\d+)\\b`), (m) => {
    found = { variable: lookup(ID_WORDS, m[1]!)![1], value: Number(m[2]) };
  });
  return found;
}

export function extractPlaces(p: Phrase, slots: Slots, original: string): void {
  const iana = /\b((?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/.exec(original);
  if (iana) {
    slots.timezone = iana[1];
    p.take(new RegExp(`\\b(?:in |at )?${iana[1]!.toLowerCase().replace('/', '\\/')}\\b(?: time)?`), () => {});
  }
  p.take(new RegExp(`\\b(?:in|at|for|using) (${alt(TIME_ZONES)})(?: time(?: ?zone)?)?(?= |$)|\\b(jst|pst|pdt|est|edt|cet|cest|utc|gmt|aest|kst|japan time|tokyo time|eastern time|pacific time)\\b`), (m) => {
    slots.timezone = lookup(TIME_ZONES, m[1] ?? m[2]!)?.[1];
  });
  p.take(new RegExp(`\\b(?:in|for|from) (${alt(REGIONS)})(?= |$)`), (m) => {
    const hit = lookup(REGIONS, m[1]!)!;
    slots.region = hit[1];
    slots.regionZone = hit[2];
  });
  p.take(new RegExp(`\\b(?:on|via|through|using|with) (${alt(SERVICES)})(?= |$)|\\b(netflix|crunchyroll|hulu|hidive|funimation|disney\\+|bilibili)\\b`), (m) => {
    slots.service = lookup(SERVICES, m[1] ?? m[2]!)![1];
  });
  p.take(
    new RegExp(
      `\\b(?:on|from|at|via|according to|in|using|per|by) (${alt(PLATFORMS)})(?:'s)?(?: (?:scores?|ratings?|data|users))?(?= |$)|\\b(${alt(PLATFORMS)})(?:'s)? (?:says?|scores?|ratings?|synopsis|description|summary|entry|page|data|info|take|view|opinion|episode count|status|tags)\\b|\\b(?:does|do|did) (${alt(PLATFORMS)}) (?=say|think|list|have|rate|show)|\\b(${alt(PLATFORMS)})(?:'s)? (?=(?:cast|staff|characters|episodes|episode list|reviews?|news)\\b)`,
    ),
    (m) => {
      slots.source = lookup(PLATFORMS, m[1] ?? m[2] ?? m[3] ?? m[4]!)![1] as Platform;
    },
  );
}

export function extractNumbers(p: Phrase, slots: Slots): void {
  p.take(
    /\b(?:(?:rated|scored?|score|rating|scoring)(?: of)? (?:above|over|at least|higher than|more than|>=?|of) ?(\d+(?:\.\d+)?)|(?:above|over|at least) (\d+(?:\.\d+)?) ?(?:\/ ?10|stars?|points?|rating|score)|(\d+(?:\.\d+)?) ?(?:\/ ?10 )?(?:\+|or (?:higher|more|better|above)) ?(?:rated|score|rating)?)(?= |$)/,
    (m) => {
      const value = Number(m[1] ?? m[2] ?? m[3]);
      slots.minScore = value > 10 ? value / 10 : value;
    },
  );
  p.take(/\b(?:with )?(?:highly|high|well|very well)[- ](?:rated|ratings?|scores?|scoring|reviewed)\b|\b(?:critically )?acclaimed\b/, () => (slots.minScore ??= 8));
  p.take(/\bpage (\d+)\b/, (m) => (slots.page = Number(m[1])));
  // "top 10" keeps "top" for the intent.
  p.take(/(?<=\b(?:top|best) )(\d{1,3})\b|\b(?:first|show me|give me|list|find|recommend(?: me)?|suggest) (\d{1,3})\b|\b(\d{1,2})(?= (?:\w+ )?(?:anime|shows|series|movies|films|titles|recommendations|results)\b)/, (m) => {
    slots.first = Number(m[1] ?? m[2] ?? m[3]);
  });
}

export function extractTimes(p: Phrase, slots: Slots, now: Date): void {
  extractTime(p, slots, now);
}

const STATUSES: ReadonlyArray<[string, AnimeStatus]> = [
  ['finished|completed|complete|ended', AnimeStatus.COMPLETED],
  ['ongoing|still airing|currently airing|airing (?:right )?now|now airing|on air now|currently running|still running', AnimeStatus.AIRING],
  ['unreleased|not yet aired|announced', AnimeStatus.UPCOMING],
];

/** MyAnimeList genres the lexicon lacks, as the catalog's tag vocabulary spells them. */
const MORE_MAL_GENRES: ReadonlyArray<[string, string]> = [
  ['ecchi', canonicalTag('ecchi')],
  ['yuri', canonicalTag('yuri')],
  ['yaoi', canonicalTag('yaoi')],
  ['shoujo[- ]ai|shojo[- ]ai|girls love', canonicalTag('shoujo ai')],
  ['shounen[- ]ai|shonen[- ]ai|boys love', canonicalTag('shounen ai')],
  ['parody|parodies', canonicalTag('parody')],
  ['police', canonicalTag('police')],
  ['demons?', canonicalTag('demons')],
  ['gender[- ]?bender', canonicalTag('gender bender')],
  ['avant[- ]garde', canonicalTag('dementia')],
  ['cars', canonicalTag('cars')],
];

export function extractKinds(p: Phrase, slots: Slots): void {
  p.takeAll(new RegExp(`\\b(${alt(STATUSES)})(?= |$)`), (m) => {
    const status = lookup(STATUSES, m[1]!)![1];
    slots.statuses = [...new Set([...(slots.statuses ?? []), status])];
  });
  p.takeAll(new RegExp(`\\b(${alt(FORMATS)})(?= |$)`), (m) => {
    const format = lookup(FORMATS, m[1]!)![1];
    slots.formats = [...new Set([...(slots.formats ?? []), format])];
  });
  // Longer phrases first, so "dark fantasy" wins over "fantasy"; the slot keeps the text's order.
  const genres = [...GENRES, ...MORE_MAL_GENRES].sort((a, b) => b[0].length - a[0].length);
  const found: [number, string][] = [];
  for (const [words, tag] of genres) {
    p.takeAll(new RegExp(`\\b(?:${words})(?= |$)`), (m) => {
      if (!found.some(([, t]) => t === tag)) found.push([m.index, tag]);
    });
  }
  if (found.length) slots.genres = [...(slots.genres ?? []), ...found.sort((a, b) => a[0] - b[0]).map(([, tag]) => tag).filter((t) => !slots.genres?.includes(t))];
}
