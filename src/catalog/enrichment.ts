// Merges what `npm run catalog:enrich` harvested (the local store's records) into the merged
// catalog entries at start-up. Precedence (docs/decisions.md, "Catalog enrichment"): the offline
// providers come first; a store record only fills what they left empty and adds names and tags.
// It never creates an entry, never changes an id, and never decides the display title (only the
// English/Japanese/romaji title fields it fills may). Between sources: AniList, then Jikan
// (MyAnimeList), then Kitsu — the harvest asks one of them per anime anyway.
import type { Config } from '../config/index.js';
import { AnimeFormat, AnimeStatus, canonicalTags, Platform, type AnimeRecord } from '../domain/index.js';
import type { FactsFields, FieldPayloads, GenresFields, PicturesFields, ScoresFields, SynopsisFields, TitlesFields } from '../enrich/fields.js';
import { openStore, storeExists, storeTarget, type EnrichmentRecordRow } from '../store/index.js';

const SOURCE_ORDER = ['anilist', 'jikan', 'kitsu'] as const;
const SOURCE_PLATFORMS: Record<(typeof SOURCE_ORDER)[number], Platform> = { anilist: Platform.ANILIST, jikan: Platform.MAL, kitsu: Platform.KITSU };
const LICENCES: Record<(typeof SOURCE_ORDER)[number], string> = {
  anilist: 'AniList API terms',
  jikan: 'MyAnimeList content via Jikan (API terms)',
  kitsu: 'Kitsu API terms',
};
/** AniList ranks tags 0–100 by relevance; below this (or a spoiler) a tag says little about the anime. */
export const MIN_TAG_RANK = 60;

export type EnrichmentOptions = Pick<Config, 'root'> & Partial<Pick<Config, 'STORE_PATH' | 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'CATALOG_ENRICHMENT' | 'NODE_ENV'>>;

export interface EnrichmentReport {
  /** Store records read, grouped by source and source id. */
  answers: number;
  /** Catalog entries that received at least one field. */
  enriched: number;
  /** Answers whose source id no catalog entry has (the catalog changed since the harvest). */
  unmatched: number;
  filled: Record<string, number>;
}

type Answer = Partial<{ [K in keyof FieldPayloads]: FieldPayloads[K] | null }>;

export interface EnrichmentLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Reads the store when there is one to read (never creates one) and merges it into `records`. A
 * store that cannot be read is a warning: the catalog starts without its records.
 */
export async function enrichFromStore(records: AnimeRecord[], options: EnrichmentOptions, log?: EnrichmentLog): Promise<EnrichmentReport | null> {
  // Unset = on, except under NODE_ENV=test: suites must not depend on a developer's harvest.
  const enabled = options.CATALOG_ENRICHMENT ?? options.NODE_ENV !== 'test';
  if (!enabled) return null;
  // The store the harvest wrote: the same target, PostgreSQL schema included (store/index.ts).
  const target = storeTarget({ root: options.root, STORE_PATH: options.STORE_PATH ?? 'data/store.sqlite', DATABASE_URL: options.DATABASE_URL, DATABASE_SCHEMA: options.DATABASE_SCHEMA });
  if (!storeExists(target)) return null;
  let rows: EnrichmentRecordRow[];
  try {
    const store = await openStore(target);
    try {
      rows = await store.enrichment.records();
    } finally {
      await store.close();
    }
  } catch (error) {
    log?.warn({ error: (error as Error).message }, 'local store not readable; the catalog starts without its harvested records');
    return null;
  }
  const report = applyEnrichment(records, rows);
  log?.info({ ...report }, `catalog enriched from the local store: ${report.enriched} entries`);
  return report;
}

export function applyEnrichment(records: AnimeRecord[], rows: readonly EnrichmentRecordRow[]): EnrichmentReport {
  // A store that holds users or keys but no harvest: nothing to index the catalog for (a start
  // would spend ~50 ms mapping ~100k platform ids).
  if (rows.length === 0) return { answers: 0, enriched: 0, unmatched: 0, filled: {} };
  const byPlatform = new Map<string, AnimeRecord>();
  for (const record of records) for (const p of record.platformIds) if (!byPlatform.has(`${p.platform}:${p.id}`)) byPlatform.set(`${p.platform}:${p.id}`, record);

  const answers = new Map<string, { source: (typeof SOURCE_ORDER)[number]; sourceId: string; answer: Answer }>();
  for (const row of rows) {
    if (row.payload === null || row.error_code !== null || !(SOURCE_ORDER as readonly string[]).includes(row.source)) continue;
    const key = `${row.source}:${row.source_id}`;
    let entry = answers.get(key);
    if (!entry) answers.set(key, (entry = { source: row.source as (typeof SOURCE_ORDER)[number], sourceId: row.source_id, answer: {} }));
    (entry.answer as Record<string, unknown>)[row.field_class] = JSON.parse(row.payload);
  }

  const perRecord = new Map<AnimeRecord, Array<{ source: (typeof SOURCE_ORDER)[number]; answer: Answer }>>();
  let unmatched = 0;
  for (const { source, sourceId, answer } of answers.values()) {
    const record = byPlatform.get(`${SOURCE_PLATFORMS[source]}:${sourceId}`);
    if (!record) {
      unmatched += 1;
      continue;
    }
    const list = perRecord.get(record) ?? [];
    list.push({ source, answer });
    perRecord.set(record, list);
  }

  const filled: Record<string, number> = {};
  const count = (field: string) => (filled[field] = (filled[field] ?? 0) + 1);
  for (const [record, list] of perRecord) {
    list.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source));
    for (const { source, answer } of list) {
      const before = JSON.stringify(record);
      fill(record, answer, count);
      if (JSON.stringify(record) !== before) record.providers.push({ provider: `store:${source}`, licence: LICENCES[source] });
    }
  }
  return { answers: answers.size, enriched: [...perRecord.keys()].filter((r) => r.providers.some((p) => p.provider.startsWith('store:'))).length, unmatched, filled };
}

function fill(record: AnimeRecord, answer: Answer, count: (field: string) => void): void {
  const set = <K extends keyof AnimeRecord>(field: K, value: AnimeRecord[K] | null | undefined, empty: (current: AnimeRecord[K]) => boolean) => {
    if (value === null || value === undefined || value === 'UNKNOWN' || (Array.isArray(value) && !value.length) || !empty(record[field])) return;
    record[field] = value;
    count(field);
  };
  const isNull = (v: unknown) => v === null;
  const titles = answer.titles as TitlesFields | null | undefined;
  if (titles) {
    set('titleEnglish', titles.english, isNull);
    set('titleJapanese', titles.native, isNull);
    set('titleRomaji', titles.romaji, isNull);
    const known = new Set([record.title, ...record.synonyms].map((s) => s.toLowerCase()));
    const added = [titles.romaji, titles.english, titles.native, ...titles.synonyms].filter((s): s is string => !!s && !known.has(s.toLowerCase()) && (known.add(s.toLowerCase()), true));
    if (added.length) {
      record.synonyms = [...record.synonyms, ...added];
      count('synonyms');
    }
  }
  set('synopsis', (answer.synopsis as SynopsisFields | null | undefined)?.text, isNull);
  const genres = answer.genres as GenresFields | null | undefined;
  if (genres) {
    const tags = canonicalTags([...record.tags, ...genres.genres, ...genres.tags.filter((t) => !t.spoiler && (t.rank === null || t.rank >= MIN_TAG_RANK)).map((t) => t.name)]);
    if (tags.length > record.tags.length) {
      record.tags = tags;
      count('tags');
    }
  }
  const scores = answer.scores as ScoresFields | null | undefined;
  if (scores) {
    set('score', scores.score, isNull);
    set('popularity', scores.popularity, isNull);
  }
  const pictures = answer.pictures as PicturesFields | null | undefined;
  if (pictures) {
    set('picture', pictures.large ?? pictures.medium, isNull);
    set('thumbnail', pictures.small ?? pictures.medium, isNull);
  }
  const facts = answer.facts as FactsFields | null | undefined;
  if (facts) {
    set('format', facts.format, (v) => v === AnimeFormat.UNKNOWN);
    set('status', facts.status, (v) => v === AnimeStatus.UNKNOWN);
    set('episodes', facts.episodes, isNull);
    set('year', facts.year, isNull);
    set('season', facts.season, isNull);
    set('startDate', facts.startDate, isNull);
    set('endDate', facts.endDate, isNull);
    set('durationSeconds', facts.durationMinutes === null ? null : facts.durationMinutes * 60, isNull);
    set('studios', facts.studios.filter((s) => s.main).map((s) => s.name), (v) => v.length === 0);
  }
}
