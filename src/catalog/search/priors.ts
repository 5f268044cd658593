// What is known about an entry before any query: how popular it is, what kind of entry it is and
// where it sits in its franchise. Title search adds these to the text match so that, among names
// that match equally, the one fans mean comes first (docs/decisions.md, "Title search ranking").
import { AnimeFormat, Platform, RelationKind, type AnimeRecord } from '../../domain/index.js';
import { declaredSequel, NOTHING_DECLARED, type DeclaredSequel } from './sequel.js';
import type { IndexedRecord } from './title-index.js';

/** Every weight of the ranking, in one place (the text-match levels are in title-index.ts). */
export const PRIOR_WEIGHTS = {
  /** Per factor of 10 in MyAnimeList members (1M members is 2 decades above 10k); see popularityScale. */
  popularityPerDecade: 0.25,
  format: {
    [AnimeFormat.TV]: 0.3,
    [AnimeFormat.ONA]: 0.15,
    [AnimeFormat.MOVIE]: 0.15,
    [AnimeFormat.TV_SHORT]: 0.05,
    [AnimeFormat.OVA]: 0.05,
    [AnimeFormat.SPECIAL]: 0,
    [AnimeFormat.UNKNOWN]: 0,
    [AnimeFormat.MUSIC]: -0.3,
  } satisfies Record<AnimeFormat, number>,
  /** A recap or compilation of episodes shown elsewhere. */
  recap: -0.4,
  /** A later season, part or sequel, when the query names none. */
  sequel: -0.3,
  /**
   * An entry MyAnimeList does not list, as far as any source knows: rarely what a fan means, and
   * often a source's own copy of an entry that failed to merge (a bangumi-data film without its
   * MAL id), whose popularity is only estimated.
   */
  notOnMal: -0.5,
  /** Each provider that lists the entry (a weak sign of how well known it is). */
  perProvider: 0.05,
  maxProviders: 4,
} as const;

const TV_LIKE = new Set<AnimeFormat>([AnimeFormat.TV, AnimeFormat.ONA, AnimeFormat.TV_SHORT]);
const RECAP = /(?<![\p{L}\p{N}])(recap|recaps|soushuuhen|digest|compilation)(?![\p{L}\p{N}])|総集編|总集篇|總集篇/iu;

export interface RecordProfile {
  /** The query-independent part of the score. */
  prior: number;
  /** The part of `prior` that is the sequel penalty (dropped when the query names a season). */
  sequelPenalty: number;
  /** log10 of MyAnimeList members (estimated when unknown: popularityScale). */
  popularity: number;
  /** Start date as a sortable number (YYYYMMDD; 99999999 when unknown). */
  date: number;
  tvLike: boolean;
  recap: boolean;
  declared: DeclaredSequel;
}

function dateNumber(record: IndexedRecord): number {
  const iso = record.startDate?.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/);
  if (iso) return Number(iso[1]) * 10000 + Number(iso[2] ?? 12) * 100 + Number(iso[3] ?? 31);
  return record.year != null ? record.year * 10000 + 1231 : 99999999;
}

export function allNames(record: Pick<AnimeRecord, 'title' | 'titleEnglish' | 'titleRomaji' | 'titleJapanese' | 'synonyms'>): string[] {
  return [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms].filter((n): n is string => Boolean(n));
}

const MAX_OFFERS = 10;
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * log10 of MyAnimeList members. An entry nobody counted (MAL's 2016 list predates it, or no source
 * has it) is given the median of the counted entries streamed on as many services (bangumi-data's
 * regional offers): among counted entries, 0 offers is a median of ~600 members, 5 of ~38k and 10
 * or more of ~130k, so a 2019 hit is not ranked as an obscure 1990s OVA.
 */
export function popularityScale(records: readonly IndexedRecord[]): { log: (r: IndexedRecord) => number } {
  const offers = (r: IndexedRecord) => Math.min(r.streaming.length, MAX_OFFERS);
  const byOffers: number[][] = Array.from({ length: MAX_OFFERS + 1 }, () => []);
  const all: number[] = [];
  for (const r of records) {
    if (r.popularity == null || r.popularity < 0) continue;
    const log = Math.log10(1 + r.popularity);
    byOffers[offers(r)]!.push(log);
    all.push(log);
  }
  const overall = all.length ? median(all) : 0;
  const imputed = byOffers.map((logs) => (logs.length >= 10 ? median(logs) : overall));
  return { log: (r) => (r.popularity != null && r.popularity >= 0 ? Math.log10(1 + r.popularity) : imputed[offers(r)]!) };
}

/**
 * A TV entry that aired on one day with at most one episode is a special broadcast, not a season:
 * bangumi-data files the 2020 Demon Slayer compilation broadcasts (Asakusa Arc, Tsuzumi Mansion
 * Arc) and MAL's 2016 list its TV specials (Lupin III's yearly films) as TV. Counted as seasons,
 * they made "demon slayer season 3" the Tsuzumi Mansion broadcast. An ONA series released all at
 * once also starts and ends on one day, so only TV formats are read this way, and an entry whose
 * names declare a season stays one.
 */
function oneDayBroadcast(record: IndexedRecord): boolean {
  return (
    record.format !== AnimeFormat.ONA &&
    (record.episodes == null || record.episodes <= 1) &&
    record.startDate?.length === 10 &&
    record.startDate === record.endDate
  );
}

export function profileOf(record: IndexedRecord, popularityLog: number, isSequelByRelation: boolean): RecordProfile {
  const names = allNames(record);
  const declared = declaredSequel(names);
  // Unless its names say it is one (Magia Record's "Final Season" aired its four episodes in one day).
  const tvLike = TV_LIKE.has(record.format) && !(declared === NOTHING_DECLARED && oneDayBroadcast(record));
  const recap = names.some((n) => RECAP.test(n));
  const laterSeason = tvLike && (declared.seasons.some((s) => s >= 2) || declared.parts.some((p) => p >= 2) || declared.final);
  const sequelPenalty = laterSeason || isSequelByRelation ? PRIOR_WEIGHTS.sequel : 0;
  const prior =
    PRIOR_WEIGHTS.popularityPerDecade * popularityLog +
    PRIOR_WEIGHTS.format[record.format] +
    (recap ? PRIOR_WEIGHTS.recap : 0) +
    sequelPenalty +
    (record.platformIds.some((id) => id.platform === Platform.MAL) ? 0 : PRIOR_WEIGHTS.notOnMal) +
    PRIOR_WEIGHTS.perProvider * Math.min(record.providers.length, PRIOR_WEIGHTS.maxProviders);
  return { prior, sequelPenalty, popularity: popularityLog, date: dateNumber(record), tvLike, recap, declared };
}

/** Whether the catalog's relations say this entry follows another (a PREQUEL link from it). */
export function followsAnother(links: readonly { kind: RelationKind }[]): boolean {
  return links.some((l) => l.kind === RelationKind.PREQUEL);
}
