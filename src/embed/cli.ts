// `npm run embed:catalog [-- --kinds meta,text,image]`: embeds the catalog into the configured
// vector store with a progress bar; resumable (Ctrl-C checkpoints), incremental after a catalog
// update. Posters (image kind) are fetched politely from the allow-listed poster hosts.
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import { attributesOf } from '../similarity/index.js';
import { createVectorStore, type VectorKind, type VectorSpace } from '../vector/index.js';
import { PerceptualImageEmbedder } from './image.js';
import { runEmbedJob, type EmbedSource } from './job.js';
import { fitMetadataEmbedder } from './meta.js';
import { ClipEmbedder, TransformersTextEmbedder } from './neural.js';
import { DEFAULT_POSTER_HOSTS, PosterFetcher } from './poster-fetch.js';
import { metaSource, posterSource, synopsisSource } from './sources.js';
import { loadWordVectorTextEmbedder } from './text.js';
import { stderrProgress, type ModelSource } from './transformers-env.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const arg = process.argv.find((a) => a.startsWith('--kinds='))?.slice(8) ?? process.argv[process.argv.indexOf('--kinds') + 1];
  const kinds = new Set((arg && !arg.startsWith('--') ? arg : 'meta,text').split(',').map((k) => k.trim()) as VectorKind[]);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const catalog = await loadCatalog(config);
  log(`catalog: ${catalog.size} entries`);
  const cacheDir = resolve(config.root, config.EMBED_CACHE_DIR);
  const model = (id: string): ModelSource => ({
    model: id,
    modelDir: resolve(config.root, config.EMBED_MODEL_DIR),
    cacheDir,
    remoteHost: config.EMBED_REMOTE_HOST,
    dtype: config.EMBED_DTYPE,
    onProgress: stderrProgress(log),
  });

  const sources: EmbedSource[] = [];
  if (kinds.has('meta')) sources.push(metaSource(fitMetadataEmbedder(catalog.records)));
  if (kinds.has('text')) {
    const text = config.EMBED_NEURAL ? await TransformersTextEmbedder.load(model(config.EMBED_TEXT_MODEL)) : await loadWordVectorTextEmbedder({ cacheDir });
    sources.push(synopsisSource(text));
  }
  if (kinds.has('image')) {
    const image = config.EMBED_NEURAL ? await ClipEmbedder.load(model(config.EMBED_IMAGE_MODEL)) : new PerceptualImageEmbedder();
    const fetcher = new PosterFetcher({ allowHosts: DEFAULT_POSTER_HOSTS, userAgent: config.USER_AGENT, timeoutMs: config.UPSTREAM_TIMEOUT_MS });
    sources.push(posterSource(image, fetcher, { onSkip: (r, e) => log(`  poster skipped for ${r.id}: ${e.message}`) }));
  }
  const space: VectorSpace = {};
  for (const s of sources) space[s.kind] = (await s.embed([catalog.records.find((r) => s.content(r) !== null)!]))[0]!.length;

  const store = await createVectorStore(config, space);
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
  for (const [kind, r] of Object.entries(report.kinds)) log(`${kind}: ${r.embedded} embedded, ${r.unchanged} unchanged, ${r.empty} without content`);
  log(`${report.deleted} removed ids deleted${report.aborted ? '; interrupted — run again to resume' : ''}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`embed:catalog failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
