// Builds the catalog from its providers: reads them in parallel, completes ids from the arm
// mapping, merges by shared platform ids (deriving romaji readings), and indexes.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/index.js';
import type { AnimeRecord } from '../domain/index.js';
import { loadRomanizer } from '../text/romaji.js';
import { Catalog } from './catalog.js';
import { TitleIndexSnapshotError } from './search/title-index.js';
import { readTitleIndex, titleIndexKey, titleIndexKeyOfRecords, writeTitleIndex } from './title-index-cache.js';
import { applyOverlay, readOverlay } from './crosswalk-overlay.js';
import { derivedCacheKey, readDerivedRecords, writeDerivedRecords, type DerivedRecords } from './derived-cache.js';
import { shareRepeatedParts } from './shared-parts.js';
import { enrichFromStore } from './enrichment.js';
import { completeIdsFromArm, mergeRecords, type Licences } from './merge.js';
import { anidbNameSource, readAnidbTitles } from './providers/anidb-titles.js';
import { AOD_PROVIDER, loadAod } from './providers/aod.js';
import { BANGUMI_DATA_PROVIDER, loadBangumiData } from './providers/bangumi-data.js';
import { loadAnimestreamMovies, MOVIES_PROVIDER } from './providers/animestream-movies.js';
import { loadMal2016, MAL_2016_PROVIDER } from './providers/mal-2016.js';
import type { ProviderReport, ProviderResult } from './providers/types.js';

export type CatalogOptions = Pick<
  Config,
  'aodPath' | 'CATALOG_BANGUMI' | 'CATALOG_MOVIES_PATH' | 'CATALOG_MAL' | 'CATALOG_MAL_PATH' | 'CATALOG_ROMAJI' | 'CATALOG_CROSSWALK_PATH' | 'CATALOG_CACHE_DIR' | 'root'
> &
  Partial<Pick<Config, 'CATALOG_ANIDB_TITLES_PATH' | 'CATALOG_ANIDB_TITLES_SNAPSHOT_PATH'>>;

export interface CatalogLoadLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const silent: CatalogLoadLog = { info() {}, warn() {} };

/** Loads every configured provider; a missing optional provider file is a warning, not a crash. */
export async function loadCatalog(options: CatalogOptions, log: CatalogLoadLog = silent): Promise<Catalog> {
  const started = performance.now();
  const moviesPath = options.CATALOG_MOVIES_PATH && options.CATALOG_MOVIES_PATH !== 'off' ? resolve(options.root, options.CATALOG_MOVIES_PATH) : null;
  const malPath = options.CATALOG_MAL && options.CATALOG_MAL_PATH ? resolve(options.root, options.CATALOG_MAL_PATH) : null;
  const titlesPath = anidbTitlesFile(options);
  const cacheDir = options.CATALOG_CACHE_DIR && options.CATALOG_CACHE_DIR !== 'off' ? resolve(options.root, options.CATALOG_CACHE_DIR) : null;
  const key = cacheDir
    ? await derivedCacheKey({
        files: [options.aodPath, moviesPath, malPath, titlesPath],
        options: { bangumi: options.CATALOG_BANGUMI, romaji: options.CATALOG_ROMAJI },
      })
    : null;
  const cached =
    cacheDir && key
      ? await readDerivedRecords(cacheDir, key, (reason, path) => log.warn({ path, reason }, 'derived-data cache file unreadable; deriving the catalog again'))
      : null;
  // A start that derives says so before the wait: merging the providers and reading Japanese
  // titles in romaji take several seconds that a cached start skips.
  if (!cached) log.info({ dir: cacheDir }, cacheDir ? 'deriving the catalog from its providers (first start or changed inputs; a few seconds, kept in the cache folder for the next starts)' : 'deriving the catalog from its providers (CATALOG_CACHE_DIR=off: at every start)');
  // Records read back from the cache come with their parts shared; derived ones are shared here.
  const derived = cached ? null : await deriveRecords(options, { moviesPath, malPath, titlesPath }, log);
  if (derived) shareRepeatedParts(derived.records);
  const { records, reports } = cached ?? derived!;
  for (const report of reports) {
    const level = report.skipped ? 'warn' : 'info';
    log[level]({ ...report, problems: report.problems.slice(0, 3) }, `catalog provider ${report.provider}: ${report.loaded} loaded, ${report.skipped} skipped`);
  }
  if (cached) log.info({ dir: cacheDir, key }, 'catalog records read from the derived-data cache (inputs unchanged)');
  else if (cacheDir && key) {
    // Written before the overlay and the store change them, which are read fresh at every start.
    await writeDerivedRecords(cacheDir, key, { records, reports }).catch((error: Error) =>
      log.warn({ dir: cacheDir, error: error.message }, 'could not write the derived-data cache; the next start derives the catalog again'),
    );
  }
  const overlay = await readOverlay(resolve(options.root, options.CATALOG_CROSSWALK_PATH));
  const overlaid = overlay ? applyOverlay(records, overlay) : null;
  if (overlaid) log.info({ ...overlaid }, 'crosswalk completed from upstream-reported ids');
  const enrichment = await enrichFromStore(records, options, log);
  // Records exactly as the derived-data cache keeps them: the index key can come from its key.
  const unchanged = key !== null && !overlaid?.idsAdded && !enrichment?.answers;
  const { catalog, titleIndexCached } = await indexCatalog(records, reports, cacheDir, log, unchanged ? key : null);
  log.info({ entries: catalog.size, ms: Math.round(performance.now() - started), cached: cached !== null, titleIndexCached }, 'catalog ready');
  return catalog;
}

/**
 * The catalog over the final records, its title index read from the cache when one was computed
 * over the same indexed fields (title-index-cache.ts), else built and written for the next start.
 */
async function indexCatalog(
  records: AnimeRecord[],
  reports: ProviderReport[],
  cacheDir: string | null,
  log: CatalogLoadLog,
  recordsKey: string | null,
): Promise<{ catalog: Catalog; titleIndexCached: boolean }> {
  if (!cacheDir) return { catalog: new Catalog(records, reports), titleIndexCached: false };
  const key = recordsKey ? await titleIndexKeyOfRecords(recordsKey) : await titleIndexKey(records);
  const snapshot = await readTitleIndex(cacheDir, key, records.length, (reason, path) =>
    log.warn({ path, reason }, 'title index cache file unreadable; building the index again'),
  );
  if (snapshot) {
    try {
      return { catalog: new Catalog(records, reports, { titleIndex: snapshot }), titleIndexCached: true };
    } catch (error) {
      if (!(error instanceof TitleIndexSnapshotError)) throw error;
      log.warn({ dir: cacheDir, key, reason: error.message }, 'title index cache file unreadable; building the index again');
    }
  }
  log.info({ dir: cacheDir, entries: records.length }, 'building the title index (a few seconds; kept in the cache folder for the next starts)');
  const catalog = new Catalog(records, reports);
  await writeTitleIndex(cacheDir, key, catalog.titleIndexSnapshot()).catch((error: Error) =>
    log.warn({ dir: cacheDir, error: error.message }, 'could not write the title index cache; the next start builds it again'),
  );
  return { catalog, titleIndexCached: false };
}

/**
 * AniDB's titles dump to read: the fresh one `catalog:update` fetched, else the snapshot shipped in
 * data/; null when both are off or absent. `off` or an empty CATALOG_ANIDB_TITLES_PATH leaves
 * AniDB's names out altogether.
 */
export function anidbTitlesFile(options: CatalogOptions): string | null {
  const on = (path: string | undefined): path is string => Boolean(path) && path !== 'off';
  if (!on(options.CATALOG_ANIDB_TITLES_PATH)) return null;
  const fresh = resolve(options.root, options.CATALOG_ANIDB_TITLES_PATH);
  if (existsSync(fresh)) return fresh;
  const snapshot = on(options.CATALOG_ANIDB_TITLES_SNAPSHOT_PATH) ? resolve(options.root, options.CATALOG_ANIDB_TITLES_SNAPSHOT_PATH) : null;
  return snapshot && existsSync(snapshot) ? snapshot : null;
}

interface ProviderFiles {
  moviesPath: string | null;
  malPath: string | null;
  titlesPath: string | null;
}

/** Reads the providers and merges them: the slow part the derived-data cache keeps. */
async function deriveRecords(options: CatalogOptions, { moviesPath, malPath, titlesPath }: ProviderFiles, log: CatalogLoadLog): Promise<DerivedRecords> {
  const [aod, movies, bangumi, mal, romanizer, anidbTitles] = await Promise.all([
    loadAod(options.aodPath),
    moviesPath && existsSync(moviesPath) ? loadAnimestreamMovies(moviesPath) : null,
    options.CATALOG_BANGUMI ? loadBangumiData() : null,
    malPath && existsSync(malPath) ? loadMal2016(malPath) : null,
    options.CATALOG_ROMAJI ? loadRomanizer() : null,
    titlesPath
      ? readAnidbTitles(titlesPath).catch((error: Error) => {
          log.warn({ path: titlesPath, error: error.message }, 'AniDB titles dump unreadable; continuing without it');
          return null;
        })
      : null,
  ]);
  if (moviesPath && !movies) log.warn({ path: moviesPath }, 'films catalog not found; continuing without it');
  if (malPath && !mal) log.warn({ path: malPath }, 'MyAnimeList 2016 catalog not found; continuing without it');
  // Priority: the AOD is the primary source; films add descriptions; bangumi-data adds the rest;
  // MAL 2016 comes last, so its 2016 snapshot (score, episodes, format) only fills what the others
  // lack. It still decides the display title (display-title.ts) and gives popularity.
  const results = [aod, movies, bangumi, mal].filter((r): r is ProviderResult => r !== null);
  if (bangumi) completeIdsFromArm(bangumi.records);
  const licences: Licences = Object.fromEntries(results.map((r) => [r.report.provider, r.report.licence]));
  // AniDB's titles dump adds its English, romaji and Japanese names, joined by AniDB id inside the
  // merge (so the display-title rule weighs its English title once, with the others). Read here,
  // so the records cache keeps the result: parsing the dump (~9 MB of XML) at every start cost
  // ~0.6 s and ~100 MB of RSS. An AniDB id the crosswalk overlay adds later does not get these names.
  const anidbNames = anidbTitles ? anidbNameSource(anidbTitles) : null;
  const records = mergeRecords(results.map((r) => r.records), licences, {
    ...(romanizer ? { romanize: (japanese: string) => romanizer.toRomaji(japanese) } : {}),
    ...(anidbNames ? { namesOf: anidbNames.namesOf } : {}),
  });
  // MAL 2016 rows join by their MAL id alone (one MAL id is one MAL entry, whatever another
  // mapping says); entries only MAL knows then get their AniList/Annict/Syobocal ids from arm.
  if (mal) completeIdsFromArm(records.filter(isMalOnly), new Set(records.flatMap((r) => r.platformIds.map((p) => `${p.platform}:${p.id}`))));
  const reports = [...results.map((r) => r.report), ...(anidbNames ? [anidbNames.report()] : [])];
  return { records, reports };
}

function isMalOnly(record: AnimeRecord): boolean {
  return record.providers.every((p) => p.provider === MAL_2016_PROVIDER);
}

export { AOD_PROVIDER, BANGUMI_DATA_PROVIDER, MAL_2016_PROVIDER, MOVIES_PROVIDER };
