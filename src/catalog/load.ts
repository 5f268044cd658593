// Builds the catalog from its providers: reads them in parallel, completes ids from the arm
// mapping, merges by shared platform ids, derives romaji readings, and indexes.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/index.js';
import { loadRomanizer } from '../text/romaji.js';
import { Catalog } from './catalog.js';
import { applyOverlay, readOverlay } from './crosswalk-overlay.js';
import { completeIdsFromArm, mergeRecords, type Licences } from './merge.js';
import { AOD_PROVIDER, loadAod } from './providers/aod.js';
import { BANGUMI_DATA_PROVIDER, loadBangumiData } from './providers/bangumi-data.js';
import { loadAnimestreamMovies, MOVIES_PROVIDER } from './providers/animestream-movies.js';
import type { ProviderResult } from './providers/types.js';

export type CatalogOptions = Pick<Config, 'aodPath' | 'CATALOG_BANGUMI' | 'CATALOG_MOVIES_PATH' | 'CATALOG_ROMAJI' | 'CATALOG_CROSSWALK_PATH' | 'root'>;

export interface CatalogLoadLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const silent: CatalogLoadLog = { info() {}, warn() {} };

/** Loads every configured provider; a missing optional provider file is a warning, not a crash. */
export async function loadCatalog(options: CatalogOptions, log: CatalogLoadLog = silent): Promise<Catalog> {
  const started = performance.now();
  const moviesPath = options.CATALOG_MOVIES_PATH ? resolve(options.root, options.CATALOG_MOVIES_PATH) : null;
  const [aod, movies, bangumi] = await Promise.all([
    loadAod(options.aodPath),
    moviesPath && existsSync(moviesPath) ? loadAnimestreamMovies(moviesPath) : null,
    options.CATALOG_BANGUMI ? loadBangumiData() : null,
  ]);
  if (moviesPath && !movies) log.warn({ path: moviesPath }, 'films catalog not found; continuing without it');
  // Priority: the AOD is the primary source; films add descriptions; bangumi-data adds the rest.
  const results = [aod, movies, bangumi].filter((r): r is ProviderResult => r !== null);
  for (const { report } of results) {
    const level = report.skipped ? 'warn' : 'info';
    log[level]({ ...report, problems: report.problems.slice(0, 3) }, `catalog provider ${report.provider}: ${report.loaded} loaded, ${report.skipped} skipped`);
  }
  if (bangumi) completeIdsFromArm(bangumi.records);
  const licences: Licences = Object.fromEntries(results.map((r) => [r.report.provider, r.report.licence]));
  const records = mergeRecords(results.map((r) => r.records), licences);
  const overlay = await readOverlay(resolve(options.root, options.CATALOG_CROSSWALK_PATH));
  if (overlay) log.info({ ...applyOverlay(records, overlay) }, 'crosswalk completed from upstream-reported ids');
  if (options.CATALOG_ROMAJI) {
    const romanizer = await loadRomanizer();
    for (const record of records) {
      if (!record.titleRomaji && record.titleJapanese) record.titleRomaji = romanizer.toRomaji(record.titleJapanese);
    }
  }
  const catalog = new Catalog(records, results.map((r) => r.report));
  log.info({ entries: catalog.size, ms: Math.round(performance.now() - started) }, 'catalog ready');
  return catalog;
}

export { AOD_PROVIDER, BANGUMI_DATA_PROVIDER, MOVIES_PROVIDER };
