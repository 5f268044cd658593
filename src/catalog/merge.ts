// Merges provider records into one AnimeRecord per anime, joined by shared platform ids.
// Providers are applied in priority order; a record joins the first cluster that shares a strong
// id and has no record of its own provider yet (two entries of one provider are two anime).
// Fields take the first known value in that order, except the display title (display-title.ts),
// tags (the union, in the canonical vocabulary of domain/genres.ts) and popularity (the largest).
// A names-only source (AniDB's titles dump) joins each merged entry by its ids last: its names
// join the entry's, and its English title counts where no provider has one.
import { createHash } from 'node:crypto';
import { arm } from '@kawaiioverflow/arm';
import { canonicalTags, Platform, type AnimeRecord, type PlatformId } from '../domain/index.js';
import { canonicalId, platformUrl } from '../crosswalk/index.js';
import { displayTitle, isStyled } from './display-title.js';
import { AOD_PROVIDER } from './providers/aod.js';
import { MAL_2016_PROVIDER } from './providers/mal-2016.js';
import type { SourceRecord } from './providers/types.js';

/** A trailing "(2018)": how AniDB tells apart entries of one name. */
const YEAR_LABEL = /\(\d{4}\)\s*$/;

const JOIN_PLATFORMS = [Platform.MAL, Platform.ANILIST, Platform.ANIDB, Platform.KITSU, Platform.IMDB] as const;

interface Cluster {
  records: SourceRecord[];
  providers: Set<string>;
}

export interface Licences {
  [provider: string]: string;
}

/** Names a source that only names anime (never creates one) gives an entry, found by its ids. */
export interface JoinedNames {
  provider: string;
  licence: string;
  /** Taken when no provider of the entry has an English title, or a provider's is only a styling (merge.ts). */
  english: string | null;
  /** Taken when no provider of the entry has a romaji title, before a reading derived by kuromoji. */
  romaji: string | null;
  /** Added to the entry's names (search finds it by them). */
  names: string[];
}

export interface MergeOptions {
  /** Reads a Japanese title in romaji when no source gives one (kuromoji; off when absent). */
  romanize?: (japanese: string) => string | null;
  /** A names-only source joined by platform id (AniDB's titles dump): null when it knows none of the ids. */
  namesOf?: (platformIds: readonly PlatformId[]) => JoinedNames | null;
}

export function mergeRecords(providersInPriority: SourceRecord[][], licences: Licences, options: MergeOptions = {}): AnimeRecord[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  for (const records of providersInPriority) {
    for (const record of records) {
      const keys = record.platformIds.filter((p) => (JOIN_PLATFORMS as readonly Platform[]).includes(p.platform)).map(key);
      let cluster = keys.map((k) => byKey.get(k)).find((c) => c && !c.providers.has(record.provider));
      if (!cluster) {
        cluster = { records: [], providers: new Set() };
        clusters.push(cluster);
      }
      cluster.records.push(record);
      cluster.providers.add(record.provider);
      for (const k of keys) if (!byKey.has(k)) byKey.set(k, cluster);
    }
  }
  const taken = new Set<string>();
  return clusters.map((cluster) => toAnimeRecord(cluster.records, licences, taken, options));
}

function key(id: Pick<PlatformId, 'platform' | 'id'>): string {
  return `${id.platform}:${id.id}`;
}

function first<T>(records: SourceRecord[], pick: (r: SourceRecord) => T | null | undefined): T | null {
  for (const r of records) {
    const value = pick(r);
    if (value !== null && value !== undefined && value !== 'UNKNOWN') return value;
  }
  return null;
}

function union<T>(lists: T[][], keyOf: (t: T) => string = String): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

function toAnimeRecord(records: SourceRecord[], licences: Licences, taken: Set<string>, options: MergeOptions): AnimeRecord {
  const head = records[0]!;
  const platformIds = union(records.map((r) => r.platformIds), key);
  const providerNames = union([records.flatMap((r) => [r.title, ...r.synonyms])], (s) => s.toLowerCase());
  const joined = options.namesOf?.(platformIds) ?? null;
  // A provider's English title that is only a styling gives way to the names-only source's
  // official English title when that one is written plainly: bangumi-data's "SPY FAMILY" (the ×
  // lost) for AniDB's "Spy x Family". Not when AniDB tells entries apart by a year ("Fairy Tail
  // (2018)" for the final series): that is a catalog's label, no title.
  const providerEnglish = first(records, (r) => r.titleEnglish);
  const plainJoinedEnglish = joined?.english && !isStyled(joined.english) && !YEAR_LABEL.test(joined.english) ? joined.english : null;
  const titleEnglish = (providerEnglish && isStyled(providerEnglish) ? plainJoinedEnglish : null) ?? providerEnglish ?? joined?.english ?? null;
  const titleJapanese = first(records, (r) => r.titleJapanese);
  const titleOf = (provider: string) => records.find((r) => r.provider === provider)?.title ?? null;
  const providerRomaji = first(records, (r) => r.titleRomaji);
  const derivedRomaji = !providerRomaji && titleJapanese && options.romanize ? options.romanize(titleJapanese) : null;
  // The display title rule is documented where it is applied, in display-title.ts. A styled title
  // takes a plain spelling from the providers' names only: a names-only source spells by its own
  // conventions (AniDB's "To Loveru" for MAL's "To LOVE-Ru", where undoing the styling gives
  // "To Love-Ru").
  const shown = displayTitle(
    { mal: titleOf(MAL_2016_PROVIDER), aod: titleOf(AOD_PROVIDER), english: titleEnglish, romaji: providerRomaji, namedRomaji: joined?.romaji ?? null, derivedRomaji, fallback: head.title },
    providerNames,
  );
  const title = shown.title;
  // The names-only source's romaji (AniDB's main title) is the romaji only where the rule shows it:
  // elsewhere AniDB's main titles, plain for a franchise's first entry and "(2008)" for later ones,
  // would make two entries share a title (the Strike Witches pilot OVA and TV series), which the
  // ANN news linker reads as ambiguous. Where it is shown, kuromoji's reading stays a name search
  // knows: people type the literal reading too ("Koisuru Shouwakusei" for "Koisuru Asteroid").
  const namedShown = shown.from === 'namedRomaji';
  const titleRomaji = providerRomaji ?? (namedShown ? joined!.romaji : derivedRomaji);
  const displaced = namedShown && derivedRomaji ? [derivedRomaji] : [];
  const allNames = joined ? union([providerNames, joined.names, displaced], (s) => s.toLowerCase()) : providerNames;
  const base = platformIds.some((p) => p.platform !== Platform.OTHER) ? canonicalId(platformIds) : contentId(head);
  let id = base;
  // Two entries of one provider sharing an id (rare split entries) must still get distinct ids.
  for (let n = 2; taken.has(id); n += 1) id = `${base}~${n}`;
  taken.add(id);
  return {
    id,
    title,
    titleEnglish,
    titleJapanese,
    titleRomaji,
    // Every name any source gives, the styled and the previously displayed ones included.
    synonyms: allNames.filter((s) => s !== title),
    format: first(records, (r) => r.format) ?? head.format,
    episodes: first(records, (r) => r.episodes),
    status: first(records, (r) => r.status) ?? head.status,
    season: first(records, (r) => r.season),
    year: first(records, (r) => r.year),
    startDate: first(records, (r) => r.startDate),
    endDate: first(records, (r) => r.endDate),
    durationSeconds: first(records, (r) => r.durationSeconds),
    picture: first(records, (r) => r.picture),
    thumbnail: first(records, (r) => r.thumbnail),
    synopsis: first(records, (r) => r.synopsis),
    tags: canonicalTags(records.flatMap((r) => r.tags)),
    studios: union(records.map((r) => r.studios)),
    producers: union(records.map((r) => r.producers)),
    score: first(records, (r) => r.score),
    popularity: largest(records.map((r) => r.popularity)),
    platformIds,
    relations: union(records.map((r) => r.relations), (rel) => key(rel.target)),
    streaming: union(records.map((r) => r.streaming), (s) => `${s.service}|${s.url}`),
    officialSite: first(records, (r) => r.officialSite),
    providers: [
      ...records.map((r) => ({ provider: r.provider, licence: licences[r.provider] ?? 'unknown' })),
      ...(joined ? [{ provider: joined.provider, licence: joined.licence }] : []),
    ],
  };
}

function largest(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/** For entries no platform knows: the provider's own identity of it (title and first air date). */
function contentId(record: SourceRecord): string {
  const digest = createHash('sha1').update(`${record.title}|${record.startDate ?? record.year ?? ''}`).digest('hex');
  return `${record.provider}:${digest.slice(0, 12)}`;
}

type ArmEntry = (typeof arm)[number];
const ARM_FIELDS: Array<[keyof ArmEntry, Platform]> = [
  ['mal_id', Platform.MAL],
  ['anilist_id', Platform.ANILIST],
  ['annict_id', Platform.ANNICT],
  ['syobocal_tid', Platform.SYOBOCAL],
];

/**
 * Completes MAL/AniList/Annict/Syobocal ids from the arm mapping (MIT) where a record has one of
 * them. Ids in `taken` (already another entry's) are not added, so an alias never points two ways.
 */
export function completeIdsFromArm(records: Array<Pick<SourceRecord, 'platformIds'>>, taken: ReadonlySet<string> = new Set()): number {
  const index = new Map<string, ArmEntry>();
  for (const entry of arm) {
    if (entry.mal_id) index.set(`${Platform.MAL}:${entry.mal_id}`, entry);
    if (entry.anilist_id) index.set(`${Platform.ANILIST}:${entry.anilist_id}`, entry);
  }
  let added = 0;
  for (const record of records) {
    const entry = record.platformIds.map((p) => index.get(key(p))).find(Boolean);
    if (!entry) continue;
    for (const [field, platform] of ARM_FIELDS) {
      const value = entry[field];
      if (value === undefined || record.platformIds.some((p) => p.platform === platform) || taken.has(`${platform}:${value}`)) continue;
      record.platformIds.push({ platform, id: String(value), url: platformUrl(platform, String(value)) });
      added += 1;
    }
  }
  return added;
}
