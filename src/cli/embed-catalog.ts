// `npm run embed:catalog [-- --kinds meta,text,image]`: embeds the catalog into the configured
// vector store with a progress bar; resumable (Ctrl-C checkpoints), incremental after a catalog
// update. Posters (image kind) are fetched politely from the allow-listed poster hosts.
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import { attributesOf } from '../similarity/index.js';
import { loadEngines } from '../similarity/engines.js';
import { VECTOR_KINDS, type VectorKind } from '../vector/index.js';
import { runEmbedJob, type EmbedSource } from '../embed/job.js';
import { DEFAULT_POSTER_HOSTS, PosterFetcher } from '../embed/poster-fetch.js';
import { metaSource, posterSource, synopsisSource } from '../embed/sources.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const flag = process.argv.indexOf('--kinds');
  const arg = process.argv.find((a) => a.startsWith('--kinds='))?.slice(8) ?? (flag > 0 ? process.argv[flag + 1] : undefined);
  const kinds = new Set((arg ?? 'meta,text').split(',').map((k) => k.trim()));
  const unknown = [...kinds].filter((k) => !VECTOR_KINDS.includes(k as VectorKind));
  if (unknown.length) throw new Error(`unknown kind(s) ${unknown.join(', ')}; expected ${VECTOR_KINDS.join(', ')}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const catalog = await loadCatalog(config);
  log(`catalog: ${catalog.size} entries`);
  // The same engines and store the similarity service opens, so both use one vector space.
  const { store, meta, text, image } = await loadEngines(catalog, config);
  const sources: EmbedSource[] = [];
  if (kinds.has('meta')) sources.push(metaSource(meta));
  if (kinds.has('text') && text) sources.push(synopsisSource(text));
  if (kinds.has('image') && image) {
    const fetcher = new PosterFetcher({ allowHosts: DEFAULT_POSTER_HOSTS, userAgent: config.USER_AGENT, timeoutMs: config.UPSTREAM_TIMEOUT_MS });
    sources.push(posterSource(image, fetcher, { onSkip: (r, e) => log(`  poster skipped for ${r.id}: ${e.message}`) }));
  }
  const stop = new AbortController();
  process.once('SIGINT', () => {
    log('\nstopping after this batch (checkpoint kept; run again to resume)…');
    stop.abort();
  });
  const bars = new cliProgress.MultiBar({ stream: process.stderr, format: '{kind} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
  const byKind = new Map<VectorKind, cliProgress.SingleBar>();
  const report = await runEmbedJob({
    store,
    records: catalog.records,
    sources,
    attributesOf,
    manifestPath: resolve(config.root, config.VECTOR_INDEX_DIR, 'embed-manifest.json'),
    signal: stop.signal,
    onProgress: (kind, done, total) => {
      let bar = byKind.get(kind);
      if (!bar) byKind.set(kind, (bar = bars.create(Math.max(total, 1), 0, { kind: kind.padEnd(5) })));
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { kind: kind.padEnd(5) });
    },
  });
  bars.stop();
  await store.close();
  for (const [kind, r] of Object.entries(report.kinds)) log(`${kind}: ${r.embedded} embedded, ${r.unchanged} unchanged, ${r.empty} without content${r.failed ? `, ${r.failed} failed (retried next run)` : ''}`);
  log(`${report.deleted} removed ids deleted${report.aborted ? '; interrupted — run again to resume' : ''}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`embed:catalog failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
