// Merges provider records into one AnimeRecord per anime, joined by shared platform ids.
// Providers are applied in priority order; a record joins the first cluster that shares a strong
// id and has no record of its own provider yet (two entries of one provider are two anime).
import { createHash } from 'node:crypto';
import { arm } from '@kawaiioverflow/arm';
import { Platform, type AnimeRecord, type PlatformId } from '../domain/index.js';
import { canonicalId, platformUrl } from '../crosswalk/index.js';
import type { SourceRecord } from './providers/types.js';

const JOIN_PLATFORMS = [Platform.MAL, Platform.ANILIST, Platform.ANIDB, Platform.KITSU, Platform.IMDB] as const;

interface Cluster {
  records: SourceRecord[];
  providers: Set<string>;
}

export interface Licences {
  [provider: string]: string;
}

export function mergeRecords(providersInPriority: SourceRecord[][], licences: Licences): AnimeRecord[] {
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
  return clusters.map((cluster) => toAnimeRecord(cluster.records, licences, taken));
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

function toAnimeRecord(records: SourceRecord[], licences: Licences, taken: Set<string>): AnimeRecord {
  const head = records[0]!;
  const platformIds = union(records.map((r) => r.platformIds), key);
  const title = head.title;
  const allNames = union([records.flatMap((r) => [r.title, ...r.synonyms])], (s) => s.toLowerCase());
  const base = platformIds.some((p) => p.platform !== Platform.OTHER) ? canonicalId(platformIds) : contentId(head);
  let id = base;
  // Two entries of one provider sharing an id (rare split entries) must still get distinct ids.
  for (let n = 2; taken.has(id); n += 1) id = `${base}~${n}`;
  taken.add(id);
  return {
    id,
    title,
    titleEnglish: first(records, (r) => r.titleEnglish),
    titleJapanese: first(records, (r) => r.titleJapanese),
    titleRomaji: first(records, (r) => r.titleRomaji),
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
    tags: union(records.map((r) => r.tags.map((t) => t.toLowerCase()))),
    studios: union(records.map((r) => r.studios)),
    producers: union(records.map((r) => r.producers)),
    score: first(records, (r) => r.score),
    platformIds,
    relations: union(records.map((r) => r.relations), (rel) => key(rel.target)),
    streaming: union(records.map((r) => r.streaming), (s) => `${s.service}|${s.url}`),
    officialSite: first(records, (r) => r.officialSite),
    providers: records.map((r) => ({ provider: r.provider, licence: licences[r.provider] ?? 'unknown' })),
  };
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

/** Completes MAL/AniList/Annict/Syobocal ids from the arm mapping (MIT) where a record has one of them. */
export function completeIdsFromArm(records: SourceRecord[]): number {
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
      if (value === undefined || record.platformIds.some((p) => p.platform === platform)) continue;
      record.platformIds.push({ platform, id: String(value), url: platformUrl(platform, String(value)) });
      added += 1;
    }
  }
  return added;
}
