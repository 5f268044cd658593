// Start-up suite: loads the catalog and starts the embedded gateway exactly as the server does,
// timing each step; the app it returns is the one the HTTP suite then measures. runStartupSuite
// times cold and warm starts in fresh processes (bench/startup-probe.ts) against the goals.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../gateway/app.js';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import { atMost, BenchError, comparedRow, median, type Row } from './report.js';

export interface Started {
  catalog: Catalog;
  gateway: App;
  /** http://127.0.0.1:<port>/graphql */
  gatewayUrl: string;
  rows: Row[];
  details: Record<string, number>;
}

const MB = 2 ** 20;

export async function startGateway(config: Config): Promise<Started> {
  const t0 = performance.now();
  const catalog = await loadCatalog(config);
  const t1 = performance.now();
  const gateway = await createApp({ logger: false, config, catalog });
  const address = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const t2 = performance.now();
  const memory = process.memoryUsage();

  const row = (figure: string, value: number, unit: Row['unit']): Row => comparedRow('startup', figure, value, null, unit, null);
  return {
    catalog,
    gateway,
    gatewayUrl: `${address}/graphql`,
    rows: [
      row('start-up: time to ready (loadCatalog + createApp + listen)', (t2 - t0) / 1000, 's'),
      row('start-up:   of which loadCatalog', (t1 - t0) / 1000, 's'),
      row('start-up:   of which createApp + listen', (t2 - t1) / 1000, 's'),
      row('start-up: RSS after load', memory.rss / MB, 'MB'),
      row('start-up: JS heap used after load', memory.heapUsed / MB, 'MB'),
    ],
    details: {
      catalogEntries: catalog.size,
      processStartToReadyMs: Math.round(t2),
      loadCatalogMs: Math.round(t1 - t0),
      createAppAndListenMs: Math.round(t2 - t1),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      externalBytes: memory.external,
    },
  };
}

/** One start as bench/startup-probe.ts reports it. */
export interface ProbedStart {
  importMs: number;
  loadCatalogMs: number;
  createAppMs: number;
  /** CPU time of the process (all threads) during each part: what the start cost on a busy machine. */
  loadCatalogCpuMs: number;
  createAppCpuMs: number;
  readyMs: number;
  processUptimeMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Heap and array buffers still in use after two full collections at ready. */
  liveHeapBytes: number | null;
  entries: number;
  /** Harvested store records merged into the catalog, and the entries they enriched. */
  storeAnswers: number;
  storeEnriched: number;
  cached: { records: boolean; titleIndex: boolean } | null;
}

/** Issue 21's start-up goals: time to ready with a warm derived-data cache, and memory after it. */
export const STARTUP_GOALS = { warmReadySeconds: 2, rssMB: 400 } as const;

/**
 * The catalog of the bundled AOD sample alone (10 entries): started beside the full one, it tells
 * the app's own memory from what the catalog's entries cost.
 */
const SAMPLE_ONLY = {
  CATALOG_BANGUMI: 'false',
  CATALOG_MAL: 'false',
  CATALOG_MOVIES_PATH: 'off',
  CATALOG_ANIDB_TITLES_PATH: 'off',
  CATALOG_ANIDB_TITLES_SNAPSHOT_PATH: 'off',
} as const;

/** The catalog size issue 14's goals are set for (the full anime-offline-database). */
const FULL_AOD_ENTRIES = 40_000;

/**
 * Runs bench/startup-probe.js once in a fresh Node process against `cacheDir` (with --expose-gc,
 * for its live-heap figure, taken after the timings and RSS).
 */
function probeStart(cacheDir: string, env: Record<string, string> = {}): Promise<ProbedStart> {
  const script = fileURLToPath(new URL('./startup-probe.js', import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const options = { maxBuffer: 1 << 20, timeout: 180_000, env: { ...process.env, ...env } };
    execFile(process.execPath, ['--expose-gc', script, cacheDir], options, (error, stdout, stderr) => {
      if (error) return reject(new BenchError(`start-up probe failed: ${error.message}\n${stderr.slice(-2000)}`));
      try {
        resolvePromise(JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbedStart);
      } catch {
        reject(new BenchError(`start-up probe printed no result: ${stdout.slice(-500)}`));
      }
    });
  });
}

/**
 * Start-up in fresh processes: once with an empty cache folder (cold: the catalog is merged and
 * the title index built, then both written), then `warmRuns` times over what that start wrote
 * (warm: both read back). Warm figures are medians. The folder is a temporary one, so the
 * developer's .cache/catalog is neither used nor disturbed.
 */
export async function runStartupSuite(options: { quick: boolean; log: (line: string) => void }): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-startup-'));
  const sampleDir = await mkdtemp(join(tmpdir(), 'bench-startup-sample-'));
  try {
    options.log('  start-up: cold start (empty cache) in a fresh process…');
    const cold = await probeStart(dir);
    if (cold.cached?.records || cold.cached?.titleIndex) throw new BenchError('the cold start read a cache it should not have had');
    const warm: ProbedStart[] = [];
    const warmRuns = options.quick ? 2 : 3;
    for (let i = 0; i < warmRuns; i += 1) {
      options.log(`  start-up: warm start ${i + 1}/${warmRuns}…`);
      const run = await probeStart(dir);
      if (!run.cached?.records || !run.cached.titleIndex) throw new BenchError(`a warm start did not read the cache (${JSON.stringify(run.cached)})`);
      warm.push(run);
    }
    options.log('  start-up: the AOD sample alone (the app without a catalog), cold then warm…');
    await probeStart(sampleDir, SAMPLE_ONLY);
    const sample = await probeStart(sampleDir, SAMPLE_ONLY);
    const w = (pick: (s: ProbedStart) => number) => median(warm.map(pick));
    const row = (figure: string, value: number, unit: Row['unit'], goals: Row['goals'] = []): Row => comparedRow('startup', figure, value, null, unit, null, goals);
    const warmReady = w((s) => s.readyMs) / 1000;
    const warmRss = w((s) => s.rssBytes) / MB;
    // Per entry, from the difference between the full catalog and the sample (both warm, RSS and
    // live heap alike); the 40k figure scales it, which assumes an AOD entry costs what a
    // bundled one does (they carry more names and ids than most of the AOD's, so it errs high).
    const entries = warm[0]!.entries;
    const extraEntries = entries - sample.entries;
    const perEntryKB = extraEntries > 0 ? ((warmRss - sample.rssBytes / MB) * 1024) / extraEntries : null;
    const liveHeap = warm.every((s) => s.liveHeapBytes !== null) ? w((s) => s.liveHeapBytes!) / MB : null;
    const livePerEntryKB = liveHeap !== null && sample.liveHeapBytes !== null && extraEntries > 0 ? ((liveHeap - sample.liveHeapBytes / MB) * 1024) / extraEntries : null;
    const memoryRows: Row[] = [];
    if (liveHeap !== null) memoryRows.push(row('start-up warm: live heap when ready (after a full GC)', liveHeap, 'MB'));
    memoryRows.push(row(`start-up: RSS of the app alone (the ${sample.entries}-entry AOD sample)`, sample.rssBytes / MB, 'MB'));
    if (perEntryKB !== null) memoryRows.push(row('start-up: RSS per catalog entry', perEntryKB, 'KB'));
    if (livePerEntryKB !== null) memoryRows.push(row('start-up: live heap per catalog entry', livePerEntryKB, 'KB'));
    if (perEntryKB !== null && entries < FULL_AOD_ENTRIES) {
      const projected = warmRss + (perEntryKB * (FULL_AOD_ENTRIES - entries)) / 1024;
      memoryRows.push(row(`start-up: RSS projected for a ${FULL_AOD_ENTRIES / 1000}k catalog (estimate)`, projected, 'MB'));
    }
    return {
      rows: [
        row('start-up warm (fresh process): time to ready', warmReady, 's', [atMost(warmReady, STARTUP_GOALS.warmReadySeconds, 's')]),
        row('start-up warm:   of which loadCatalog', w((s) => s.loadCatalogMs) / 1000, 's'),
        row('start-up warm:   of which createApp + listen', w((s) => s.createAppMs) / 1000, 's'),
        row('start-up warm: CPU time of loadCatalog (all threads)', w((s) => s.loadCatalogCpuMs) / 1000, 's'),
        row('start-up warm: CPU time of createApp + listen (all threads)', w((s) => s.createAppCpuMs) / 1000, 's'),
        row('start-up warm: module loading before it', w((s) => s.importMs) / 1000, 's'),
        row('start-up warm: RSS when ready', warmRss, 'MB', [atMost(warmRss, STARTUP_GOALS.rssMB, 'MB')]),
        ...memoryRows,
        // What was started: the catalog's size and the harvest merged into it (issue 14 asks for
        // these goals on a ~40k catalog with the store loaded: CATALOG_PATH and STORE_PATH).
        row('start-up: catalog entries', warm[0]!.entries, 'count'),
        row('start-up: catalog entries enriched from the local store', warm[0]!.storeEnriched, 'count'),
        row('start-up cold (fresh process, empty cache): time to ready', cold.readyMs / 1000, 's'),
        row('start-up cold:   of which loadCatalog', cold.loadCatalogMs / 1000, 's'),
      ],
      details: { cold, warm, sample },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(sampleDir, { recursive: true, force: true });
  }
}
