// Provider for the manami anime-offline-database format (ODbL): the primary catalog for users,
// ~40k entries with synonyms, tags, studios, scores and relations. `CATALOG_PATH` points at a
// full copy (`npm run catalog:update`); data/aod-sample.json holds a small real sample.
import { readFile } from 'node:fs/promises';
import { AnimeFormat, RelationKind, toUniversalFormat, toUniversalSeason, toUniversalStatus, type PlatformId } from '../../domain/index.js';
import { Platform } from '../../domain/index.js';
import { parseSourceUrl } from '../../crosswalk/index.js';
import { aodEntrySchema, aodFileSchema, type AodEntry } from '../aod/schema.js';
import { emptyRecord, mapValidEntries, type ProviderResult, type SourceRecord } from './types.js';

export const AOD_PROVIDER = 'anime-offline-database';
const LICENCE = 'ODbL-1.0';

export class CatalogFileError extends Error {
  readonly code = 'CATALOG_FILE_INVALID';
  constructor(path: string, why: string) {
    super(`Catalog file ${path} cannot be used: ${why}`);
  }
}

/** Loads an AOD file: the release format `{ data: [...] }` or a bare array of AOD entries. */
export async function loadAod(path: string): Promise<ProviderResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CatalogFileError(path, (error as Error).message);
  }
  const entries = Array.isArray(parsed) ? parsed : aodFileSchema.safeParse(parsed).data?.data;
  if (!entries) throw new CatalogFileError(path, 'not the anime-offline-database format (no "data" array)');
  return mapValidEntries(AOD_PROVIDER, LICENCE, entries, aodEntrySchema, 'entry', toRecord);
}

function toRecord(entry: AodEntry): SourceRecord {
  const record = emptyRecord(AOD_PROVIDER, entry.title);
  record.titleRomaji = entry.title;
  record.synonyms = [...new Set(entry.synonyms)];
  record.format = toUniversalFormat(entry.type);
  record.episodes = entry.episodes && entry.episodes > 0 ? entry.episodes : null;
  record.status = toUniversalStatus(entry.status);
  record.season = toUniversalSeason(entry.animeSeason?.season);
  record.year = entry.animeSeason?.year ?? null;
  record.durationSeconds = entry.duration && entry.duration.unit === 'SECONDS' ? entry.duration.value : null;
  record.picture = entry.picture ?? null;
  record.thumbnail = entry.thumbnail ?? null;
  record.tags = entry.tags;
  record.studios = entry.studios;
  record.producers = entry.producers;
  record.score = entry.score?.arithmeticMean ?? null;
  record.platformIds = uniqueIds(entry.sources.map(parseSourceUrl));
  // AOD lists related entries as URLs without the kind of relation.
  record.relations = entry.relatedAnime
    .map(parseSourceUrl)
    .filter((target) => target.platform !== Platform.OTHER)
    .map((target) => ({ target, kind: RelationKind.UNKNOWN }));
  if (record.format === AnimeFormat.UNKNOWN && /music/i.test(entry.type)) record.format = AnimeFormat.MUSIC;
  return record;
}

function uniqueIds(ids: PlatformId[]): PlatformId[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = `${id.platform}:${id.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
