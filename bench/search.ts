// Search suite: Catalog.search (the title index) in-process with tinybench, per query class,
// against a naive linear scan measured in the same run.
import { Bench } from 'tinybench';
import type { Catalog } from '../src/catalog/index.js';
import type { AnimeRecord } from '../src/domain/index.js';
import { atMost, BenchError, comparedRow, type Row } from './report.js';

/** ~20 real queries, grouped by how fans type them. */
export const SEARCH_QUERIES: Record<string, string[]> = {
  'exact English': ['Attack on Titan', 'Cowboy Bebop', 'Fullmetal Alchemist: Brotherhood', 'Spirited Away'],
  romaji: ['shingeki no kyojin', 'kimetsu no yaiba', 'boku no hero academia', 'sen to chihiro no kamikakushi'],
  Japanese: ['進撃の巨人', '鬼滅の刃', '千と千尋の神隠し', '葬送のフリーレン'],
  typos: ['cowbow bebop', 'atack on titan', 'fullmetal alchemsit', 'naruto shipuden'],
  prefix: ['frier', 'jujut', 'spy x fam', 'evangel'],
};

export const SEARCH_GOAL_P50_MS = 2;
const PAGE = 10;

/** The baseline: lower-case every title and synonym on every call and test `includes`. */
export function naiveSearch(records: readonly AnimeRecord[], query: string, first = PAGE): { totalCount: number; nodes: AnimeRecord[] } {
  const needle = query.trim().toLowerCase();
  const hits: AnimeRecord[] = [];
  for (const record of records) {
    const names = [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms];
    if (names.some((name) => name !== null && name.toLowerCase().includes(needle))) hits.push(record);
  }
  return { totalCount: hits.length, nodes: hits.slice(0, first) };
}

/** A benchmark function that runs the next query of the class on each call. */
function cycle(queries: string[], search: (q: string) => unknown): () => void {
  let i = 0;
  return () => {
    search(queries[i]!);
    i = (i + 1) % queries.length;
  };
}

export interface SearchOptions {
  catalog: Catalog;
  /** Milliseconds per tinybench task. */
  time: number;
  warmupTime: number;
  /** Calls per query for the per-query medians in latest.json. */
  perQueryRepeats: number;
  log(line: string): void;
}

export async function runSearchSuite(options: SearchOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const { catalog } = options;
  const records = catalog.records;

  // What each query finds (once, untimed): a sanity check, not a timing.
  const hits: Record<string, { indexed: number; naive: number; top: string | null }> = {};
  for (const queries of Object.values(SEARCH_QUERIES)) {
    for (const query of queries) {
      const page = catalog.search({ query, first: PAGE });
      hits[query] = { indexed: page.totalCount, naive: naiveSearch(records, query).totalCount, top: page.nodes[0]?.title ?? null };
      if (page.totalCount === 0) options.log(`  warning: search "${query}" finds nothing`);
    }
  }

  // Per query (median of a few untimed-by-tinybench calls): shows which queries drive a class.
  const perQueryMs: Record<string, number> = {};
  for (const queries of Object.values(SEARCH_QUERIES)) {
    for (const query of queries) {
      const times: number[] = [];
      for (let i = 0; i < options.perQueryRepeats; i += 1) {
        const t = performance.now();
        catalog.search({ query, first: PAGE });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      perQueryMs[query] = Math.round(times[Math.floor(times.length / 2)]! * 1000) / 1000;
    }
  }

  const bench = new Bench({ time: options.time, warmupTime: options.warmupTime, throws: true });
  for (const [kind, queries] of Object.entries(SEARCH_QUERIES)) {
    bench.add(`indexed ${kind}`, cycle(queries, (query) => catalog.search({ query, first: PAGE })));
    bench.add(`naive ${kind}`, cycle(queries, (query) => naiveSearch(records, query)));
  }
  options.log(`  search: ${bench.tasks.length} tinybench tasks, ${options.time} ms each`);
  await bench.run();

  const stats = (name: string) => {
    const task = bench.tasks.find((t) => t.name === name);
    const result = task?.result;
    if (!result || result.state === 'errored') {
      throw new BenchError(`search task "${name}" failed: ${result?.state === 'errored' ? result.error.message : 'no result'}`);
    }
    if (result.state !== 'completed' && result.state !== 'aborted-with-statistics') throw new BenchError(`search task "${name}" did not complete (${result.state})`);
    return { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, samples: result.latency.samplesCount };
  };

  const rows: Row[] = [];
  const timings: Record<string, unknown> = {};
  for (const kind of Object.keys(SEARCH_QUERIES)) {
    const indexed = stats(`indexed ${kind}`);
    const naive = stats(`naive ${kind}`);
    timings[kind] = { indexed, naive };
    rows.push(
      comparedRow('search', `search ${kind}: p50`, indexed.p50, naive.p50, 'ms', naive.p50 / indexed.p50, [atMost(indexed.p50, SEARCH_GOAL_P50_MS, 'ms')]),
      comparedRow('search', `search ${kind}: p99`, indexed.p99, naive.p99, 'ms', naive.p99 / indexed.p99),
    );
  }
  return { rows, details: { hits, perQueryMedianMs: perQueryMs, timings } };
}
