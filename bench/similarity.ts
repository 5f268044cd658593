// Similarity suite: the cost of building the similarity index at start (vectors computed and
// written into a fresh embedded store, then the same with the store already filled, as on every
// later start) and the latency of `similar` and `semanticSearch` on the real catalog.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Catalog } from '../src/catalog/index.js';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { SimilarityService } from '../src/similarity/index.js';
import { loadEngines } from '../src/similarity/engines.js';
import { comparedRow, type Row } from './report.js';

export interface SimilaritySuiteOptions {
  catalog: Catalog;
  quick: boolean;
  log(line: string): void;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function latencies(count: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function runSimilaritySuite({ catalog, quick, log }: SimilaritySuiteOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const root = projectRoot();
  const dir = await mkdtemp(join(tmpdir(), 'bench-similarity-'));
  const config = { ...loadConfig({}), VECTOR_INDEX_DIR: dir };
  const service = () => new SimilarityService(catalog, () => loadEngines(catalog, config), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
  try {
    log('  similarity: building the index into an empty store, then with the store filled…');
    let started = performance.now();
    const cold = await service().warm();
    const coldMs = performance.now() - started;
    started = performance.now();
    const filled = service();
    const warm = await filled.warm();
    const warmMs = performance.now() - started;

    const films = catalog.records.filter((r) => r.synopsis).map((r) => r.id);
    const queries = (JSON.parse(await readFile(resolve(root, 'test/fixtures/semantic-queries.json'), 'utf8')) as { queries: Array<{ text: string }> }).queries.map((q) => q.text);
    const n = quick ? 40 : 400;
    const similar = await latencies(n, (i) => filled.similar(films[(i * 37) % films.length]!, 10));
    const semantic = await latencies(n, (i) => filled.semanticSearch(queries[i % queries.length]!, 10));
    return {
      rows: [
        comparedRow('startup', 'similarity index, empty store (compute + write)', coldMs, null, 'ms', null),
        comparedRow('startup', 'similarity index, filled store (later starts)', warmMs, null, 'ms', null),
        comparedRow('search', 'similar(first: 10) p50, real films', similar.p50, null, 'ms', null),
        comparedRow('search', 'similar(first: 10) p99, real films', similar.p99, null, 'ms', null),
        comparedRow('search', 'semanticSearch(first: 10) p50, narrative queries', semantic.p50, null, 'ms', null),
        comparedRow('search', 'semanticSearch(first: 10) p99, narrative queries', semantic.p99, null, 'ms', null),
      ],
      details: { coldMs, warmMs, cold: cold.vectors, warm: warm.vectors, similar, semantic, samples: n, store: warm.engines.store.name },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
