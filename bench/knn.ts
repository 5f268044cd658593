// kNN suite: the embedded HNSW store (usearch) against exact brute-force search over the full
// catalog, in the same run, at 384 (MiniLM-sized) and 128 dimensions: latency p50/p99, recall@10,
// index build time, load time from disk, memory. Vectors are feature-hashed catalog records
// (bench/catalog-feature-vectors.ts); queries are hashed from a different token set of sampled
// records (tags and facets, no title words), so they are near, not identical to, stored vectors.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../src/catalog/index.js';
import { EmbeddedVectorStore, ExactVectorStore, type VectorHit, type VectorSearch } from '../src/vector/index.js';
import { hashedVector, recordItems, recordTokens } from './catalog-feature-vectors.js';
import { atLeast, atMost, BenchError, comparedRow, type Row } from './report.js';

export const KNN_GOAL_P50_MS = 1;
export const KNN_GOAL_RECALL = 0.99;
const K = 10;

export interface KnnOptions {
  catalog: Catalog;
  quick: boolean;
  log(line: string): void;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeSearches(queries: Float32Array[], calls: number, search: (q: Float32Array) => Promise<VectorHit[]>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(20, calls); i++) await search(queries[i % queries.length]!); // warm-up
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const q = queries[i % queries.length]!;
    const started = performance.now();
    await search(q);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * recall@k by score: a hit counts when its cosine reaches the exact k-th best. Records with the
 * same tags hash to identical vectors, so among ties any id is right; id overlap is in the details.
 */
function recall(approx: VectorHit[][], exact: VectorHit[][]): { byScore: number; byId: number } {
  let byScore = 0;
  let byId = 0;
  let total = 0;
  exact.forEach((truth, i) => {
    const kth = truth[truth.length - 1]?.score ?? -Infinity;
    const ids = new Set(truth.map((h) => h.id));
    byScore += approx[i]!.filter((h) => h.score >= kth - 1e-5).length;
    byId += approx[i]!.filter((h) => ids.has(h.id)).length;
    total += truth.length;
  });
  return { byScore: byScore / total, byId: byId / total };
}

async function runDimension(options: KnnOptions, dimension: number, queryRecords: number): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const records = options.catalog.records;
  const items = recordItems(records, 'text', dimension);
  const queries = records
    .filter((_, i) => i % Math.max(1, Math.floor(records.length / queryRecords)) === 3)
    .map((r) => hashedVector(recordTokens(r, 'meta'), dimension))
    .filter((v): v is Float32Array => v !== null)
    .slice(0, queryRecords);
  const search: VectorSearch = { k: K, filter: { includeAdult: true } };
  const filtered: VectorSearch = { k: K, filter: { formats: ['TV' as never], yearFrom: 2010 } };

  const rssBefore = process.memoryUsage().rss;
  const buildStarted = performance.now();
  const dir = await mkdtemp(join(tmpdir(), `bench-knn-${dimension}-`));
  try {
    const hnsw = await EmbeddedVectorStore.open(dir, { text: dimension });
    await hnsw.upsert('text', items);
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const rssDeltaMB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    await hnsw.persist();
    const indexBytes = (await stat(join(dir, 'text.usearch'))).size;
    const vectorBytes = (await stat(join(dir, 'text.vectors'))).size;

    const loadStarted = performance.now();
    const loaded = await EmbeddedVectorStore.open(dir, { text: dimension });
    const loadMs = performance.now() - loadStarted;
    if (loaded.loadReport.text?.state !== 'loaded' || (await loaded.count('text')) !== items.length) {
      throw new BenchError(`kNN ${dimension}d: reopening the persisted index did not load it (${JSON.stringify(loaded.loadReport.text)})`);
    }

    const exact = new ExactVectorStore({ text: dimension });
    await exact.upsert('text', items);

    const truth = await Promise.all(queries.map((q) => exact.search('text', q, search)));
    const found = await Promise.all(queries.map((q) => loaded.search('text', q, search)));
    const r = recall(found, truth);
    const truthFiltered = await Promise.all(queries.map((q) => exact.search('text', q, filtered)));
    const foundFiltered = await Promise.all(queries.map((q) => loaded.search('text', q, filtered)));
    const rFiltered = recall(foundFiltered, truthFiltered);
    if (found.some((hits) => hits.length !== K)) throw new BenchError(`kNN ${dimension}d: a search returned fewer than ${K} hits`);

    const calls = options.quick ? 200 : 2000;
    const exactCalls = options.quick ? 40 : 400;
    const hnswTimes = await timeSearches(queries, calls, (q) => loaded.search('text', q, search));
    const exactTimes = await timeSearches(queries, exactCalls, (q) => exact.search('text', q, search));
    const hnswFiltered = await timeSearches(queries, calls, (q) => loaded.search('text', q, filtered));
    const exactFiltered = await timeSearches(queries, exactCalls, (q) => exact.search('text', q, filtered));
    options.log(`  kNN ${dimension}d: ${items.length} vectors, p50 ${hnswTimes.p50.toFixed(3)} ms (exact ${exactTimes.p50.toFixed(3)} ms), recall@10 ${r.byScore.toFixed(4)}`);

    const d = `${dimension}d`;
    const rows = [
      comparedRow('knn', `kNN p50, HNSW vs exact (${d}, k=${K})`, hnswTimes.p50, exactTimes.p50, 'ms', exactTimes.p50 / hnswTimes.p50, [atMost(hnswTimes.p50, KNN_GOAL_P50_MS, 'ms')]),
      comparedRow('knn', `kNN p99, HNSW vs exact (${d}, k=${K})`, hnswTimes.p99, exactTimes.p99, 'ms', exactTimes.p99 / hnswTimes.p99),
      comparedRow('knn', `kNN p50 filtered TV since 2010 (${d})`, hnswFiltered.p50, exactFiltered.p50, 'ms', exactFiltered.p50 / hnswFiltered.p50),
      comparedRow('knn', `kNN recall@10 vs exact (${d})`, r.byScore, null, 'ratio', null, [atLeast(r.byScore, KNN_GOAL_RECALL, '')]),
      comparedRow('knn', `kNN recall@10 filtered (${d})`, rFiltered.byScore, null, 'ratio', null, [atLeast(rFiltered.byScore, KNN_GOAL_RECALL, '')]),
      comparedRow('knn', `HNSW build, ${items.length} vectors (${d})`, buildSeconds, null, 's', null),
      comparedRow('knn', `HNSW load from disk (${d})`, loadMs, null, 'ms', null),
      comparedRow('knn', `HNSW index + vectors on disk (${d})`, (indexBytes + vectorBytes) / 2 ** 20, null, 'MB', null),
      comparedRow('knn', `RSS growth while building (${d})`, rssDeltaMB, null, 'MB', null),
    ];
    const details = {
      vectors: items.length,
      queries: queries.length,
      hnsw: hnsw.hnsw,
      recallById: r.byId,
      recallByScore: r.byScore,
      filteredRecallById: rFiltered.byId,
      filteredRecallByScore: rFiltered.byScore,
      latencyMs: { hnsw: hnswTimes, exact: exactTimes, hnswFiltered, exactFiltered },
      buildSeconds,
      loadMs,
      indexBytes,
      vectorBytes,
      rssDeltaDuringBuildMB: Math.round(rssDeltaMB),
    };
    return { rows, details };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runKnnSuite(options: KnnOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const dimension of [384, 128]) {
    const result = await runDimension(options, dimension, options.quick ? 40 : 500);
    rows.push(...result.rows);
    details[`${dimension}d`] = result.details;
  }
  return { rows, details };
}

// `node dist/bench/knn.js [--quick]`: this suite alone (npm run bench runs it with the others).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadCatalog } = await import('../src/catalog/index.js');
  const { loadConfig } = await import('../src/config/index.js');
  const { formatTable } = await import('./report.js');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const catalog = await loadCatalog(loadConfig({}));
  const { rows, details } = await runKnnSuite({ catalog, quick: process.argv.includes('--quick'), log });
  console.log(formatTable(rows));
  console.log(JSON.stringify(details, null, 2));
}
