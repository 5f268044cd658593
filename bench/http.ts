// HTTP suite: the embedded gateway against a baseline measured in the same run — the same catalog
// subgraph schema served by a plain Apollo Server on Fastify (no gateway, no query planning, no
// limits plugin). Load comes from a forked process (bench/load-worker.ts) running autocannon.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Catalog } from '../src/catalog/index.js';
import { buildCatalogSchema } from '../subgraphs/catalog/schema.js';
import type { LoadRequest, LoadResult, WorkerMessage } from './load-worker.js';
import { atLeast, atMost, BenchError, type Row } from './report.js';

export const HTTP_QUERIES = [
  { name: 'anime(malId: 1)', query: '{ anime(malId: 1) { id title year format } }' },
  {
    name: 'search "shingeki no kyojin"',
    query: '{ search(query: "shingeki no kyojin", first: 10) { totalCount nodes { id title year } } }',
  },
] as const;

export const GOALS = { p50Ms: 2, requestsPerSecond: 2000, gatewayDirectThroughputRatio: 0.5 } as const;
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
  log(line: string): void;
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

export async function runHttpSuite(options: HttpOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const direct = await startDirectServer(options.catalog);
  const worker = new LoadWorker();
  const rows: Row[] = [];
  const details: Record<string, unknown> = { directUrl: direct.url, gatewayUrl: options.gatewayUrl, runs: [] as unknown[] };
  try {
    const targets = { direct: direct.url, gateway: options.gatewayUrl };
    for (const { name, query } of HTTP_QUERIES) {
      const body = JSON.stringify({ query });
      const measure = async (target: keyof typeof targets, connections: number) => {
        const label = `${target} ${name} c=${connections}`;
        options.log(`  http: ${label} (${options.warmup}s warm-up + ${options.duration}s)`);
        const result = check(
          label,
          await worker.run({ url: targets[target], body, connections, duration: options.duration, warmup: options.warmup, timeout: REQUEST_TIMEOUT_SECONDS }),
          options.log,
        );
        (details['runs'] as unknown[]).push({ target, query: name, connections, ...result });
        return result;
      };
      // Baseline first, then the gateway, for each load shape.
      const directLatency = await measure('direct', LATENCY_CONNECTIONS);
      const gatewayLatency = await measure('gateway', LATENCY_CONNECTIONS);
      const directThroughput = await measure('direct', THROUGHPUT_CONNECTIONS);
      const gatewayThroughput = await measure('gateway', THROUGHPUT_CONNECTIONS);

      const p50 = gatewayLatency.latency.p50;
      const p99 = gatewayLatency.latency.p99;
      const rps = gatewayThroughput.requestsPerSecond;
      const rpsRatio = rps / directThroughput.requestsPerSecond;
      rows.push(
        {
          suite: 'http',
          figure: `http ${name}: p50 latency, c=1`,
          value: p50,
          unit: 'ms',
          baseline: directLatency.latency.p50,
          ratio: p50 / directLatency.latency.p50,
          goals: [atMost(p50, GOALS.p50Ms, 'ms')],
        },
        {
          suite: 'http',
          figure: `http ${name}: p99 latency, c=1`,
          value: p99,
          unit: 'ms',
          baseline: directLatency.latency.p99,
          ratio: p99 / directLatency.latency.p99,
          goals: [],
        },
        {
          suite: 'http',
          figure: `http ${name}: throughput, c=50`,
          value: rps,
          unit: 'req/s',
          baseline: directThroughput.requestsPerSecond,
          ratio: rpsRatio,
          goals: [atLeast(rps, GOALS.requestsPerSecond, 'req/s'), atLeast(rpsRatio, GOALS.gatewayDirectThroughputRatio, '', 'ratio ')],
        },
      );
    }
  } finally {
    worker.stop();
    await direct.app.close();
  }
  return { rows, details };
}
