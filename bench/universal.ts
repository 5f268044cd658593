// Universal suite: ONE federated query for Cowboy Bebop selecting every field of every source
// (mal, anilist, kitsu, schedule) and every merged field of the universal subgraph that the
// schema has, against the loopback replay server (real recordings) with 150 ms injected latency
// per upstream call. Cold (empty cache) is compared with the same query selecting one source
// only: a ratio near 1 shows the sources are fetched in parallel. Warm answers come from the cache.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
} from 'graphql';
import { createApp, type App } from '../gateway/app.js';
import { loadCatalog } from '../src/catalog/index.js';
import { projectRoot } from '../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../src/http/index.js';
import { startRecordedUpstreams } from '../test/support/replay-bebop.js';
import { atMost, BenchError, comparedRow, type Goal, type Row } from './report.js';

export const UPSTREAM_LATENCY_MS = 150;
/** Anime fields resolved by the source and universal subgraphs; those absent from the schema are left out. */
const SOURCE_FIELDS = ['mal', 'anilist', 'kitsu', 'schedule'] as const;
const MERGED_FIELDS = ['ratings', 'mergedSynopsis', 'mergedGenres', 'mergedTags', 'reconciled', 'streaming', 'provenance', 'quality'] as const;
const ARGUMENTS: Record<string, string> = { schedule: '(timezone: "Europe/Berlin")' };
const SELECTION_DEPTH = 4;
/** Fields served by other upstream endpoints (Jikan /characters, /staff, /episodes, /reviews, …) that have no Cowboy Bebop recording. */
const NOT_RECORDED = new Set(['MalAnime.characters', 'MalAnime.staff', 'MalAnime.recommendations', 'MalAnime.statistics', 'MalAnime.episodeList', 'MalAnime.reviews']);
/** AnimeSchedule allows 2 calls/s and the kit holds a slot for the answer plus a window: cold runs are spaced so no rate-limit wait is measured. */
const COLD_SPACING_MS = 1200;
const WARM_GOAL_MS = 10;
const PARALLEL_GOAL_RATIO = 1.5;

export interface UniversalOptions {
  quick: boolean;
  log(line: string): void;
}

interface Body {
  data?: { anime?: Record<string, unknown> | null } | null;
  errors?: Array<{ message: string; path?: unknown[] }>;
  extensions?: { degradation?: { level: string } };
}

/** Every field under `type` reachable without required arguments, never crossing back into `Anime`. */
export function selectAll(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (named.name === 'Anime' || NOT_RECORDED.has(`${type.name}.${field.name}`)) continue;
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0) {
      const inner = selectAll(named, depth - 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** The benchmark query, built from the composed API schema so new fields are measured too. */
export async function buildUniversalQuery(root = projectRoot(), wanted: readonly string[] = [...SOURCE_FIELDS, ...MERGED_FIELDS]): Promise<{ query: string; fields: string[] }> {
  const schema = buildSchema(await readFile(resolve(root, 'schema/api.graphql'), 'utf8'));
  const anime = schema.getType('Anime');
  if (!isObjectType(anime)) throw new BenchError('schema/api.graphql has no Anime type');
  const available = anime.getFields();
  const fields = wanted.filter((name) => available[name]);
  const selections = fields.map((name) => {
    const named = getNamedType(available[name]!.type);
    return isObjectType(named) ? `${name}${ARGUMENTS[name] ?? ''} { ${selectAll(named, SELECTION_DEPTH)} }` : name;
  });
  return { query: `{ anime(malId: 1) { id title malId anilistId kitsuId ${selections.join(' ')} } }`, fields };
}

const ONE_SOURCE_QUERY = '{ anime(malId: 1) { id title malId kitsu { id canonicalTitle averageRating userCount } } }';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runUniversalSuite(options: UniversalOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const { log } = options;
  const coldRuns = options.quick ? 3 : 10;
  const warmRuns = options.quick ? 50 : 300;
  const { query, fields } = await buildUniversalQuery();
  // The same without the merged fields: splits the warm time between the sources and the universal subgraph.
  const { query: sourcesQuery } = await buildUniversalQuery(projectRoot(), SOURCE_FIELDS);
  log(`universal: one query for Cowboy Bebop with ${fields.join(', ')} (${query.length} characters), ${UPSTREAM_LATENCY_MS} ms per upstream call`);

  // No background similarity warm-up: it would block the event loop in the middle of a timed run.
  const upstreams = await startRecordedUpstreams({ CATALOG_ROMAJI: 'false', SIMILARITY_WARM: 'false' });
  upstreams.replay.fault({ path: /.*/ }, { latencyMs: UPSTREAM_LATENCY_MS });
  // The catalog with the recorded crosswalk overlay (Bebop's Kitsu id), as the tests use it.
  const catalog = await loadCatalog(upstreams.config);
  const kit: UpstreamKitWithStats = createUpstreamKit(upstreams.config);
  const app: App = await createApp({ logger: false, config: upstreams.config, catalog, upstream: kit });
  const url = `${await app.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;

  /** One request; `upstreamCalls` is what the replay server must have seen (cold: at least one per source, warm: none). */
  let responseBytes = 0;
  const timed = async (source: string, upstreamCalls: { atLeast: number } | 'none'): Promise<number> => {
    const before = upstreams.replay.count();
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: source }) });
    const text = await response.text();
    const elapsed = performance.now() - started;
    responseBytes = Buffer.byteLength(text);
    const body = JSON.parse(text) as Body;
    if (response.status !== 200 || !body.data?.anime) throw new BenchError(`universal: HTTP ${response.status} without data`);
    if (body.errors?.length) throw new BenchError(`universal: GraphQL errors: ${body.errors.slice(0, 3).map((e) => `${JSON.stringify(e.path)} ${e.message}`).join('; ')}`);
    const level = body.extensions?.degradation?.level;
    if (level !== 'FULL') throw new BenchError(`universal: degradation ${level ?? 'missing'}: ${JSON.stringify(body.extensions?.degradation)}`);
    const calls = upstreams.replay.count() - before;
    const ok = upstreamCalls === 'none' ? calls === 0 : calls >= upstreamCalls.atLeast;
    if (!ok) throw new BenchError(`universal: ${calls} upstream calls, expected ${upstreamCalls === 'none' ? 'none (warm)' : `at least ${upstreamCalls.atLeast} (cold)`}`);
    return elapsed;
  };

  const cold = async (source: string, sources: number): Promise<number[]> => {
    const times: number[] = [];
    // Run 0 is a warm-up (query planning, JIT), not measured.
    for (let i = 0; i <= coldRuns; i += 1) {
      await kit.cache.clearL1();
      const elapsed = await timed(source, { atLeast: sources });
      if (i > 0) times.push(elapsed);
      await sleep(COLD_SPACING_MS);
    }
    return times;
  };

  try {
    const oneSource = await cold(ONE_SOURCE_QUERY, 1);
    const everySource = await cold(query, SOURCE_FIELDS.length);
    const warm: number[] = [];
    for (let i = 0; i < warmRuns; i += 1) warm.push(await timed(query, 'none'));
    const warmSources: number[] = [];
    for (let i = 0; i < warmRuns; i += 1) warmSources.push(await timed(sourcesQuery, 'none'));
    const waitedMs = Object.values(kit.stats()).reduce((sum, s) => sum + s.rateLimitWaitMs, 0);
    if (waitedMs > 50) log(`  warning: ${Math.round(waitedMs)} ms of rate-limit waits inflated the cold figures`);

    const coldP50 = percentile(everySource, 50);
    const oneP50 = percentile(oneSource, 50);
    const warmP50 = percentile(warm, 50);
    const ratio = coldP50 / oneP50;
    const parallel: Goal = { text: `≤ ${PARALLEL_GOAL_RATIO}x one source`, met: ratio <= PARALLEL_GOAL_RATIO };
    const label = `universal anime(malId: 1), ${fields.length} source/merged fields`;
    const rows = [
      comparedRow('http', `${label}: cold p50 vs one source (${UPSTREAM_LATENCY_MS} ms each)`, coldP50, oneP50, 'ms', ratio, [parallel]),
      comparedRow('http', `${label}: warm p50 vs cold`, warmP50, coldP50, 'ms', warmP50 / coldP50, [atMost(warmP50, WARM_GOAL_MS, 'ms')]),
      comparedRow('http', `${label}: warm p99`, percentile(warm, 99), null, 'ms', null),
      comparedRow('http', `universal anime(malId: 1), the ${SOURCE_FIELDS.length} source fields only: warm p50 vs all`, percentile(warmSources, 50), warmP50, 'ms', percentile(warmSources, 50) / warmP50),
    ];
    const details = {
      fields,
      queryCharacters: query.length,
      upstreamLatencyMs: UPSTREAM_LATENCY_MS,
      coldRunsMs: everySource.map(Math.round),
      oneSourceColdRunsMs: oneSource.map(Math.round),
      warmRuns,
      responseBytes,
      rateLimitWaitMs: Math.round(waitedMs),
      // What the kit recorded per source (live answers only): the figures the universal ranks by.
      recordedLatencyMs: Object.fromEntries(Object.entries(kit.stats()).map(([name, s]) => [name, s.latency])),
    };
    return { rows, details };
  } finally {
    await app.close();
    await kit.close();
    await upstreams.replay.close();
  }
}
