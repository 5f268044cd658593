// One start of the embedded gateway in a process of its own (bench/startup.ts runs it cold and
// warm): loads the catalog through the cache folder given as the first argument, builds the app,
// listens, prints one JSON line of timings and memory, and exits. A fresh process is what a user
// restarting the server pays; timing a second start inside the bench process would reuse its
// compiled code and warmed heap.
const processStart = performance.now();
const { createApp } = await import('../gateway/app.js');
const { loadCatalog } = await import('../src/catalog/index.js');
const { loadConfig } = await import('../src/config/index.js');

const cacheDir = process.argv[2];
if (!cacheDir) throw new Error('usage: startup-probe <catalog cache folder>');
const imported = performance.now();
// The bench's configuration (defaults, similarity index not warmed), with the cache folder given.
// The catalog and the store come from the environment when set: `CATALOG_PATH=<full AOD>
// STORE_PATH=<harvested store>` measures the start of a full catalog with its harvest merged.
// The bundled providers' switches let the bench start a catalog of the AOD sample alone, to tell
// the app's own memory from what each entry costs.
const FROM_ENV = [
  'CATALOG_PATH',
  'CATALOG_ANIDB_TITLES_PATH',
  'CATALOG_ANIDB_TITLES_SNAPSHOT_PATH',
  'CATALOG_BANGUMI',
  'CATALOG_MAL',
  'CATALOG_MOVIES_PATH',
  'STORE_PATH',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'CATALOG_ENRICHMENT',
] as const;
const fromEnv = Object.fromEntries(FROM_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
const config = loadConfig({ ...fromEnv, SIMILARITY_WARM: 'false', CATALOG_CACHE_DIR: cacheDir });
let cached: { records: boolean; titleIndex: boolean } | null = null;
/** Harvested records the catalog merged from the local store (0 without one). */
let storeAnswers = 0;
let storeEnriched = 0;
const log = {
  info(obj: object, msg: string) {
    if (msg === 'catalog ready') {
      const o = obj as { cached?: boolean; titleIndexCached?: boolean };
      cached = { records: o.cached === true, titleIndex: o.titleIndexCached === true };
    }
    if (msg.startsWith('catalog enriched from the local store')) {
      const o = obj as { answers?: number; enriched?: number };
      storeAnswers = o.answers ?? 0;
      storeEnriched = o.enriched ?? 0;
    }
  },
  warn() {},
};
// CPU time (all threads) beside wall time: on a machine shared with other jobs it says what the
// start itself cost.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const t0 = performance.now();
const c0 = process.cpuUsage();
const catalog = await loadCatalog(config, log);
const t1 = performance.now();
const loadCatalogCpuMs = cpuMs(c0);
const c1 = process.cpuUsage();
const gateway = await createApp({ logger: false, config, catalog });
await gateway.app.listen({ host: '127.0.0.1', port: 0 });
const t2 = performance.now();
const createAppCpuMs = cpuMs(c1);
const memory = process.memoryUsage();
// What stays alive once the start's garbage is collected (started with --expose-gc): RSS when
// ready also holds whatever the start left for the collector, this is what the data costs.
const gc = (globalThis as { gc?: () => void }).gc;
let liveHeapBytes: number | null = null;
if (gc) {
  gc();
  gc();
  const after = process.memoryUsage();
  liveHeapBytes = after.heapUsed + after.arrayBuffers;
}
process.stdout.write(
  `${JSON.stringify({
    importMs: imported - processStart,
    loadCatalogMs: t1 - t0,
    createAppMs: t2 - t1,
    loadCatalogCpuMs,
    createAppCpuMs,
    readyMs: t2 - t0,
    processUptimeMs: process.uptime() * 1000,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    liveHeapBytes,
    entries: catalog.size,
    storeAnswers,
    storeEnriched,
    cached,
  })}\n`,
);
await gateway.close();
process.exit(0);
