// HTTP suite, every figure against a baseline measured in the same run:
// - the embedded gateway against the same catalog subgraph schema served by a plain Apollo Server
//   on Fastify (no gateway, no query planning, no limits plugin);
// - the distributed gateway (calling the catalog subgraph, served by createSubgraphApp, over
//   loopback HTTP) against the embedded gateway.
// Load comes from a forked process (bench/load-worker.ts) running autocannon.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp, type App } from '../gateway/app.js';
import { createSubgraphApp } from '../gateway/subgraph-server.js';
import type { Catalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { buildCatalogSchema, CATALOG_SUBGRAPH } from '../subgraphs/catalog/schema.js';
import type { LoadRequest, LoadResult, WorkerMessage } from './load-worker.js';
import { atLeast, atMost, BenchError, comparedRow, median, type Goal, type Row } from './report.js';

export const HTTP_QUERIES = [
  { name: 'anime(malId: 1)', query: '{ anime(malId: 1) { id title year format } }' },
  {
    name: 'search "shingeki no kyojin"',
    query: '{ search(query: "shingeki no kyojin", first: 10) { totalCount nodes { id title year } } }',
  },
] as const;

/** Issue 21's goals for the embedded gateway against the plain Apollo Server on the same schema. */
export const GOALS = { p50Ms: 2, requestsPerSecond: 2000, gatewayDirectThroughputRatio: 0.85, gatewayDirectP99Ratio: 1.5 } as const;
const LATENCY_CONNECTIONS = 1;
const THROUGHPUT_CONNECTIONS = 50;
/** Per-request timeout of the load generator; generous, so a slow server is measured, not failed. */
export const REQUEST_TIMEOUT_SECONDS = 30;

export interface HttpOptions {
  catalog: Catalog;
  gatewayUrl: string;
  /** Seconds per measured run. */
  duration: number;
  /** Seconds of warm-up before each measured run. */
  warmup: number;
  /** Runs of the direct server and the embedded gateway per load shape (medians reported). */
  rounds: number;
  log(line: string): void;
}

/** One run's result with each figure the median over `runs` (counts summed, so no error hides). */
export function medianRun(runs: LoadResult[]): LoadResult {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    ...first,
    ok: sum((r) => r.ok),
    seconds: sum((r) => r.seconds),
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    latency: {
      p50: median(runs.map((r) => r.latency.p50)),
      p90: median(runs.map((r) => r.latency.p90)),
      p99: median(runs.map((r) => r.latency.p99)),
      mean: median(runs.map((r) => r.latency.mean)),
      max: Math.max(...runs.map((r) => r.latency.max)),
    },
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    graphqlErrors: sum((r) => r.graphqlErrors),
  };
}

/** The baseline: the catalog subgraph schema served directly by Apollo Server. */
export async function startDirectServer(catalog: Catalog): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  const apollo = new ApolloServer({
    schema: await buildCatalogSchema(catalog),
    // Inline tracing only answers a gateway's trace header; disabling it just silences its notice.
    plugins: [ApolloServerPluginInlineTraceDisabled(), fastifyApolloDrainPlugin(app)],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), { path: '/graphql', method: ['POST'] });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/graphql`, app };
}

/**
 * Distributed mode: the catalog subgraph as its own HTTP service (createSubgraphApp) and a gateway
 * reaching it over loopback HTTP (SUBGRAPH_URLS), both in this process, sharing the loaded catalog.
 * Default configuration otherwise, like the embedded gateway of bench/run.ts.
 */
export async function startDistributedGateway(catalog: Catalog): Promise<{ url: string; subgraphUrl: string; close(): Promise<void> }> {
  const subgraph = await createSubgraphApp(CATALOG_SUBGRAPH, loadConfig({}), { logger: false, catalog });
  let gateway: App | undefined;
  const close = async () => {
    await gateway?.close();
    await subgraph.close();
  };
  try {
    const subgraphUrl = `${await subgraph.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    gateway = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: `${CATALOG_SUBGRAPH}=${subgraphUrl}` }) });
    // A subgraph left embedded (one added to SUBGRAPHS but not here) would measure a mixed mode.
    if (gateway.catalog !== null) throw new BenchError('distributed gateway: some subgraphs still run embedded; give each one a URL in startDistributedGateway');
    const url = `${await gateway.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    return { url, subgraphUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The forked autocannon process; one request at a time. */
export class LoadWorker {
  private readonly child: ChildProcess;
  private nextId = 1;
  private pending: { id: number; resolve(r: LoadResult): void; reject(e: Error): void } | null = null;
  private exited = false;

  constructor() {
    const script = fileURLToPath(new URL('./load-worker.js', import.meta.url));
    // No inherited --cpu-prof etc.: the load generator stays as light as it can be.
    this.child = fork(script, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: WorkerMessage) => {
      const pending = this.pending;
      if (!pending) return;
      const id = message.type === 'result' ? message.result.id : message.id;
      if (id !== pending.id) return;
      this.pending = null;
      if (message.type === 'result') pending.resolve(message.result);
      else pending.reject(new BenchError(`load worker failed: ${message.message}`));
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.pending?.reject(new BenchError(`load worker exited (code ${code}, signal ${signal}) before answering`));
      this.pending = null;
    });
    this.child.on('error', (error) => {
      this.pending?.reject(new BenchError(`load worker: ${error.message}`));
      this.pending = null;
    });
  }

  run(request: Omit<LoadRequest, 'id'>): Promise<LoadResult> {
    if (this.exited) return Promise.reject(new BenchError('load worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.child.send({ ...request, id });
    });
  }

  stop(): void {
    if (!this.exited && this.child.connected) this.child.disconnect();
    if (!this.exited) this.child.kill();
  }
}

/**
 * Throws on errors; timeouts are timings (a server too slow for the load), so they are only
 * warned about — unless nothing succeeded at all.
 */
export function check(label: string, result: LoadResult, warn: (line: string) => void = () => {}): LoadResult {
  const problems: string[] = [];
  const connectionErrors = result.errors - result.timeouts;
  if (connectionErrors) problems.push(`${connectionErrors} connection errors`);
  if (result.timeouts) warn(`  warning: ${label}: ${result.timeouts} requests timed out after ${REQUEST_TIMEOUT_SECONDS} s (not counted)`);
  if (result.non2xx) problems.push(`${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodes)})`);
  if (result.graphqlErrors) problems.push(`${result.graphqlErrors} responses with GraphQL errors or without data`);
  if (result.ok === 0) problems.push('no successful responses');
  if (problems.length) {
    throw new BenchError(`${label}: ${problems.join('; ')}${result.sample ? `\n  first bad body: ${result.sample}` : ''}`);
  }
  return result;
}

/** What is measured, in this order for each query and load shape. */
const TARGETS = ['direct', 'gateway', 'planned', 'distributed'] as const;
type Target = (typeof TARGETS)[number];

/** One target's two runs for one query: c=1 for latency, c=50 for throughput. */
interface Measured {
  latency: LoadResult;
  throughput: LoadResult;
}

type HttpFigure = 'p50' | 'p99' | 'throughput';

/** The goals of the issue, for the embedded gateway only. */
function gatewayGoals(figure: HttpFigure, value: number, ratio: number): Goal[] {
  if (figure === 'p50') return [atMost(value, GOALS.p50Ms, 'ms')];
  if (figure === 'p99') return [atMost(ratio, GOALS.gatewayDirectP99Ratio, '', 'ratio ')];
  if (figure === 'throughput') return [atLeast(value, GOALS.requestsPerSecond, 'req/s'), atLeast(ratio, GOALS.gatewayDirectThroughputRatio, '', 'ratio ')];
  return [];
}

/** p50 and p99 at c=1 and req/s at c=50 of `value`, each beside `baseline`, ratio value/baseline. */
function httpRows(prefix: string, value: Measured, baseline: Measured, goals: (figure: HttpFigure, value: number, ratio: number) => Goal[] = () => []): Row[] {
  const row = (figure: HttpFigure, label: string, v: number, b: number, unit: Row['unit']) => comparedRow('http', `${prefix}: ${label}`, v, b, unit, v / b, goals(figure, v, v / b));
  return [
    row('p50', `p50 latency, c=${LATENCY_CONNECTIONS}`, value.latency.latency.p50, baseline.latency.latency.p50, 'ms'),
    row('p99', `p99 latency, c=${LATENCY_CONNECTIONS}`, value.latency.latency.p99, baseline.latency.latency.p99, 'ms'),
    row('throughput', `throughput, c=${THROUGHPUT_CONNECTIONS}`, value.throughput.requestsPerSecond, baseline.throughput.requestsPerSecond, 'req/s'),
  ];
}

export async function runHttpSuite(options: HttpOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const direct = await startDirectServer(options.catalog);
  const cleanup: Array<() => Promise<void> | void> = [() => direct.app.close()];
  const gatewayRows: Row[] = [];
  const distributedRows: Row[] = [];
  const runs: unknown[] = [];
  const details: Record<string, unknown> = { directUrl: direct.url, gatewayUrl: options.gatewayUrl, runs };
  try {
    const distributed = await startDistributedGateway(options.catalog);
    cleanup.unshift(distributed.close);
    // The embedded gateway as it was before the single-fetch fast path: every operation planned.
    const planned = await createApp({ logger: false, catalog: options.catalog, config: loadConfig({ SIMILARITY_WARM: 'false', GATEWAY_FAST_PATH: 'false' }) });
    cleanup.unshift(() => planned.close());
    const plannedUrl = `${await planned.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    Object.assign(details, { distributedUrl: distributed.url, distributedSubgraphUrl: distributed.subgraphUrl });
    const worker = new LoadWorker();
    cleanup.unshift(() => worker.stop());

    const targets: Record<Target, string> = { direct: direct.url, gateway: options.gatewayUrl, planned: plannedUrl, distributed: distributed.url };
    for (const { name, query } of HTTP_QUERIES) {
      const body = JSON.stringify({ query });
      const measure = async (target: Target, connections: number) => {
        const label = `${target} ${name} c=${connections}`;
        options.log(`  http: ${label} (${options.warmup}s warm-up + ${options.duration}s)`);
        const result = check(
          label,
          await worker.run({ url: targets[target], body, connections, duration: options.duration, warmup: options.warmup, timeout: REQUEST_TIMEOUT_SECONDS }),
          options.log,
        );
        runs.push({ target, query: name, connections, ...result });
        return result;
      };
      // Baseline first, then the embedded and the distributed gateway, for each load shape; then
      // more rounds of the pair the goals compare (direct and embedded gateway), in alternating
      // order, so that a drift of the machine (another job, GC of earlier runs) does not land on
      // one side of the ratio. Each figure of the pair is the median of its rounds.
      const shape = async (connections: number): Promise<Record<Target, LoadResult>> => {
        const runsOf = Object.fromEntries(TARGETS.map((t) => [t, [] as LoadResult[]])) as Record<Target, LoadResult[]>;
        for (const target of TARGETS) runsOf[target].push(await measure(target, connections));
        for (let round = 1; round < options.rounds; round++) {
          for (const target of round % 2 ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const)) runsOf[target].push(await measure(target, connections));
        }
        return Object.fromEntries(TARGETS.map((t) => [t, medianRun(runsOf[t])])) as Record<Target, LoadResult>;
      };
      const latency = await shape(LATENCY_CONNECTIONS);
      const throughput = await shape(THROUGHPUT_CONNECTIONS);
      const of = (target: Target): Measured => ({ latency: latency[target], throughput: throughput[target] });

      gatewayRows.push(...httpRows(`http ${name}`, of('gateway'), of('direct'), gatewayGoals));
      gatewayRows.push(...httpRows(`http planner only ${name}`, of('planned'), of('direct')));
      distributedRows.push(...httpRows(`http distributed ${name}`, of('distributed'), of('gateway')));
    }
  } finally {
    for (const close of cleanup) await close();
  }
  return { rows: [...gatewayRows, ...distributedRows], details };
}
