// Peer suite: the same checked-in supergraph and the same subgraphs served through Hive Gateway
// (@graphql-hive/gateway-runtime, The Guild's federation gateway) beside ours, in the same run, on
// the same load worker and checks as the HTTP suite:
// - embedded: our embedded gateway (subgraphs in-process) against Hive Gateway with every subgraph
//   schema in-process too, through a local transport (Hive's `transports` option: an executor per
//   subgraph that runs graphql `execute` on the schema, no HTTP hop);
// - distributed: our gateway with SUBGRAPH_URLS against Hive Gateway over HTTP, both calling the
//   same subgraph processes started by `startDistributed` (one process per subgraph, as
//   `npm run start:distributed` does).
// Before any timing, both gateways answer each query once and their `data` must be equal.
// Hive Gateway failing to start or to answer is reported as a row with its error, never a crash:
// the peer is a reference, our own gateways failing still fails the bench.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createApp } from '../gateway/app.js';
import { readSupergraph } from '../gateway/compose.js';
import { assertPortsFree, startDistributed } from '../gateway/distributed.js';
import { buildSubgraphSchemas, SUBGRAPHS } from '../gateway/subgraphs.js';
import type { Catalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { createUpstreamKit } from '../src/http/index.js';
import { check, HTTP_QUERIES, LoadWorker, REQUEST_TIMEOUT_SECONDS } from './http.js';
import type { LoadResult } from './load-worker.js';
import { atLeast, atMost, BenchError, comparedRow, type Goal, type Row } from './report.js';

/** Issue 19: ours ≥ 1.2× Hive Gateway's throughput at equal p50 or better. */
export const PEER_GOALS = { throughputRatio: 1.2, p50Ratio: 1 } as const;
/** Issue 19: our distributed mode (a process per subgraph) against our embedded one, same run. */
export const DISTRIBUTED_GOAL = { throughputRatio: 0.8 } as const;
const LATENCY_CONNECTIONS = 1;
const THROUGHPUT_CONNECTIONS = 50;

export interface PeerOptions {
  catalog: Catalog;
  /** Our embedded gateway (bench/startup.ts), already listening. */
  embeddedUrl: string;
  /** Our distributed gateway and its subgraph processes, if the caller started them; else this suite does. */
  distributed?: { url: string; subgraphs: Map<string, string> };
  duration: number;
  warmup: number;
  log(line: string): void;
}

/** The supergraph with each subgraph's `@join__graph(url:)` replaced by the given address. */
export function pointSupergraphAt(supergraph: string, urls: Map<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = urls.get(name);
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}

/**
 * The part of @graphql-hive/gateway-runtime used here. Loaded by a specifier TypeScript does not
 * resolve: the package's types pull in @types/node 25 (its own dependency), whose globals clash
 * with the project's @types/node 20. Loading it at run time also lets the bench report a missing
 * or broken package as a row instead of failing to start.
 */
interface HiveRuntimeModule {
  createGatewayRuntime(config: Record<string, unknown>): ((req: unknown, res: unknown) => void) & { dispose(): Promise<void> | void };
}
const HIVE_PACKAGE: string = '@graphql-hive/gateway-runtime';

/** What Hive's transports hand an executor (ExecutionRequest of @graphql-tools/utils, the fields used). */
interface SubgraphRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  context?: unknown;
  rootValue?: unknown;
}

export interface HiveGateway {
  url: string;
  /** Subgraph operations Hive has sent so far, by subgraph (its onSubgraphExecute hook). */
  subgraphCalls: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Hive Gateway over `supergraph`, on 127.0.0.1 (port 0), served by node:http. With `local`, every
 * subgraph the supergraph names runs in-process on its schema (a custom transport for the `http`
 * kind the supergraph's subgraphs have); without it, Hive calls the `@join__graph` URLs over HTTP.
 */
export async function startHiveGateway(supergraph: string, local?: Map<string, GraphQLSchema>): Promise<HiveGateway> {
  const { createGatewayRuntime } = (await import(HIVE_PACKAGE)) as HiveRuntimeModule;
  const subgraphCalls = new Map<string, number>();
  const runtime = createGatewayRuntime({
    // Parsed: Hive reads a string that looks like a path or URL from there instead.
    supergraph: parse(supergraph, { noLocation: true }),
    logging: 'error',
    landingPage: false,
    graphiql: false,
    // The real error in a failure row, not "Unexpected error.".
    maskedErrors: false,
    plugins: () => [
      {
        onSubgraphExecute({ subgraphName }: { subgraphName: string }) {
          subgraphCalls.set(subgraphName, (subgraphCalls.get(subgraphName) ?? 0) + 1);
        },
      },
    ],
    ...(local
      ? {
          transports: {
            http: {
              getSubgraphExecutor({ subgraphName }: { subgraphName: string }) {
                const schema = local.get(subgraphName);
                if (!schema) throw new BenchError(`Hive Gateway (embedded): no in-process schema for subgraph "${subgraphName}"`);
                return (request: SubgraphRequest) =>
                  execute({ schema, document: request.document, variableValues: request.variables, operationName: request.operationName, contextValue: request.context ?? {}, rootValue: request.rootValue });
              },
            },
          },
        }
      : {}),
  });
  const server: Server = createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new BenchError('Hive Gateway: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    subgraphCalls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

/** POSTs one query; the parsed body, or an Error saying what came back. */
async function ask(url: string, query: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
  });
  const text = await response.text();
  let body: { data?: unknown; errors?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new BenchError(`${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors !== undefined || body.data == null) throw new BenchError(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return body;
}

/** Stable JSON (keys sorted) so two answers compare by content, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 240);

/** A row that says the peer could not be measured, and why. */
function notMeasuredRow(label: string, error: unknown): Row {
  return comparedRow('http', `${label}: not measured — ${errorText(error)}`, Number.NaN, null, 'req/s', null, [{ text: 'Hive Gateway answers', met: false }]);
}

/** Finds DISTRIBUTED ports (gateway + one per subgraph) free on loopback, below the ephemeral range. */
async function freePortBase(count: number): Promise<number> {
  for (const base of [27_400, 27_700, 28_000, 28_300, 28_600, 28_900]) {
    try {
      await assertPortsFree(
        Array.from({ length: count }, (_, i) => [`port ${base + i}`, base + i] as [string, number]),
        '127.0.0.1',
      );
      return base;
    } catch {
      // taken: try the next range
    }
  }
  throw new BenchError('no free range of ports for the distributed gateway and its subgraph processes (tried 27400–29200)');
}

interface Pair {
  ours: string;
  hive: HiveGateway | Error;
}

export async function runPeerSuite(options: PeerOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const cleanup: Array<() => Promise<void> | void> = [];
  const rows: Row[] = [];
  const runs: unknown[] = [];
  const details: Record<string, unknown> = { peer: '@graphql-hive/gateway-runtime', runs };
  const config = loadConfig({ SIMILARITY_WARM: 'false' });
  try {
    const supergraph = await readSupergraph(config.root);

    // Embedded: every subgraph schema built in this process from the shared catalog, as createApp does.
    const upstream = createUpstreamKit(config);
    cleanup.unshift(() => upstream.close());
    const pairs: Record<'embedded' | 'distributed', Pair> = {
      embedded: { ours: options.embeddedUrl, hive: new Error('not started') },
      distributed: { ours: '', hive: new Error('not started') },
    };
    try {
      const local = await buildSubgraphSchemas({ catalog: options.catalog, upstream, config, now: () => new Date() });
      pairs.embedded.hive = await startHiveGateway(supergraph, local);
    } catch (error) {
      pairs.embedded.hive = error instanceof Error ? error : new Error(String(error));
    }

    // Distributed: one process per subgraph, our gateway and Hive's both calling them over HTTP.
    // Not starting (a taken port range, a start slower than startDistributed's timeout on a loaded
    // machine) is a row, not a failure: our distributed mode's correctness is the HTTP suite's.
    let distributed = options.distributed;
    if (!distributed) {
      options.log('  peer: starting every subgraph as its own process (startDistributed)…');
      const said: string[] = [];
      try {
        const base = await freePortBase(SUBGRAPHS.length + 1);
        const started = await startDistributed({
          // Defaults only, like the embedded gateway; quiet, and the output kept for an error message.
          env: { PORT: String(base), HOST: '127.0.0.1', DISTRIBUTED_BASE_PORT: String(base + 1), LOG_LEVEL: 'warn', SIMILARITY_WARM: 'false' },
          subgraphArgs: (name) => [fileURLToPath(new URL('../gateway/cli/start-subgraph.js', import.meta.url)), name],
          write: (line) => {
            said.push(line);
            if (said.length > 20) said.shift();
          },
        });
        cleanup.unshift(() => started.close());
        distributed = { url: started.url.endsWith('/graphql') ? started.url : `${started.url}/graphql`, subgraphs: started.subgraphs };
      } catch (error) {
        options.log(`  peer: the distributed gateway did not start: ${errorText(error)}${said.length ? `\n  last output: ${said.join('\n  ')}` : ''}`);
        pairs.distributed.hive = new Error(`our distributed gateway did not start: ${errorText(error)}`);
      }
    }
    if (distributed) {
      pairs.distributed.ours = distributed.url;
      try {
        pairs.distributed.hive = await startHiveGateway(pointSupergraphAt(supergraph, distributed.subgraphs));
      } catch (error) {
        pairs.distributed.hive = error instanceof Error ? error : new Error(String(error));
      }
    }
    for (const pair of Object.values(pairs)) if (!(pair.hive instanceof Error)) cleanup.unshift((pair.hive as HiveGateway).close);
    Object.assign(details, {
      embedded: { ours: pairs.embedded.ours, hive: pairs.embedded.hive instanceof Error ? pairs.embedded.hive.message : pairs.embedded.hive.url },
      distributed: { ours: pairs.distributed.ours, hive: pairs.distributed.hive instanceof Error ? pairs.distributed.hive.message : pairs.distributed.hive.url, subgraphs: Object.fromEntries(distributed?.subgraphs ?? []) },
    });

    const worker = new LoadWorker();
    cleanup.unshift(() => worker.stop());
    const sameData: Record<string, boolean> = {};
    details['sameData'] = sameData;
    /** Our throughput per mode and query, for the distributed / embedded rows. */
    const oursRps = new Map<string, number>();
    const subgraphCallsPerRequest: Record<string, Record<string, number>> = {};
    details['hiveSubgraphCallsPerRequest'] = subgraphCallsPerRequest;

    for (const [mode, pair] of Object.entries(pairs) as Array<[keyof typeof pairs, Pair]>) {
      const label = `http hive ${mode}`;
      if (pair.hive instanceof Error) {
        options.log(`  peer: ${mode}: not measured: ${pair.hive.message}`);
        rows.push(notMeasuredRow(`${label}: did not start`, pair.hive));
        continue;
      }
      const hive = pair.hive;
      for (const { name, query } of HTTP_QUERIES) {
        // Same question, same answer: compared before any timing.
        const oursBody = await ask(pair.ours, query);
        let same: boolean;
        try {
          const before = new Map(hive.subgraphCalls);
          const hiveBody = await ask(hive.url, query);
          // How Hive planned it: the subgraph operations one request took (ours: one catalog fetch).
          const calls = [...hive.subgraphCalls].map(([subgraph, n]) => [subgraph, n - (before.get(subgraph) ?? 0)] as const).filter(([, n]) => n > 0);
          subgraphCallsPerRequest[`${mode} ${name}`] = Object.fromEntries(calls);
          options.log(`  peer: hive ${mode} ${name}: subgraph operations per request: ${calls.map(([subgraph, n]) => `${subgraph} ${n}`).join(', ') || 'none'}`);
          same = canonical(oursBody.data) === canonical(hiveBody.data);
          if (!same) {
            options.log(`\n  !!!!! MISMATCH: ${mode} ${name}: Hive Gateway and ours answer different data !!!!!`);
            options.log(`  ours: ${canonical(oursBody.data).slice(0, 600)}`);
            options.log(`  hive: ${canonical(hiveBody.data).slice(0, 600)}\n`);
          }
        } catch (error) {
          options.log(`  peer: Hive Gateway (${mode}) failed on ${name}: ${errorText(error)}`);
          rows.push(notMeasuredRow(`${label} ${name}`, error));
          continue;
        }
        sameData[`${mode} ${name}`] = same;

        const body = JSON.stringify({ query });
        const measure = async (target: 'ours' | 'hive', connections: number): Promise<LoadResult> => {
          const what = `${target} ${mode} ${name} c=${connections}`;
          options.log(`  peer: ${what} (${options.warmup}s warm-up + ${options.duration}s)`);
          const url = target === 'ours' ? pair.ours : hive.url;
          const raw = await worker.run({ url, body, connections, duration: options.duration, warmup: options.warmup, timeout: REQUEST_TIMEOUT_SECONDS });
          // A peer that answered nothing within the run, without any error, is slow, not broken:
          // 0 req/s (and no latency) is its figure.
          const slowOnly = target === 'hive' && raw.ok === 0 && raw.errors === 0 && raw.non2xx === 0 && raw.graphqlErrors === 0;
          const result = slowOnly ? raw : check(what, raw, options.log);
          if (slowOnly) options.log(`  warning: ${what}: no response completed within the ${options.duration} s run`);
          runs.push({ target, mode, query: name, connections, ...result });
          // Requests still queued in the server when the load stopped would run into the next
          // measurement (both gateways share this process): one more request waits them out.
          await ask(url, query).catch(() => undefined);
          return result;
        };
        // Ours first, then Hive, back to back for each load shape; our failures fail the bench.
        let hiveLatency: LoadResult, hiveThroughput: LoadResult;
        const oursLatency = await measure('ours', LATENCY_CONNECTIONS);
        try {
          hiveLatency = await measure('hive', LATENCY_CONNECTIONS);
        } catch (error) {
          rows.push(notMeasuredRow(`${label} ${name}`, error));
          continue;
        }
        const oursThroughput = await measure('ours', THROUGHPUT_CONNECTIONS);
        oursRps.set(`${mode} ${name}`, oursThroughput.requestsPerSecond);
        try {
          hiveThroughput = await measure('hive', THROUGHPUT_CONNECTIONS);
        } catch (error) {
          rows.push(notMeasuredRow(`${label} ${name}`, error));
          continue;
        }
        const sameGoal: Goal[] = [{ text: 'same data as hive', met: same }];
        const p50 = oursLatency.latency.p50 / hiveLatency.latency.p50;
        const rps = oursThroughput.requestsPerSecond / hiveThroughput.requestsPerSecond;
        rows.push(
          comparedRow('http', `${label} ${name}: p50 latency, c=${LATENCY_CONNECTIONS} (ours vs hive)`, oursLatency.latency.p50, hiveLatency.latency.p50, 'ms', p50, [
            ...sameGoal,
            atMost(p50, PEER_GOALS.p50Ratio, '', 'ours/hive '),
          ]),
          comparedRow('http', `${label} ${name}: p99 latency, c=${LATENCY_CONNECTIONS} (ours vs hive)`, oursLatency.latency.p99, hiveLatency.latency.p99, 'ms', oursLatency.latency.p99 / hiveLatency.latency.p99),
          comparedRow('http', `${label} ${name}: throughput, c=${THROUGHPUT_CONNECTIONS} (ours vs hive)`, oursThroughput.requestsPerSecond, hiveThroughput.requestsPerSecond, 'req/s', rps, [
            atLeast(rps, PEER_GOALS.throughputRatio, '', 'ours/hive '),
          ]),
        );
      }
    }
    // What the distributed figure owes to the gateway keeping the catalog service's answers
    // (REMOTE_ANSWER_TTL_MS): the same subgraph processes behind a gateway that keeps none, so
    // every request is a hop to the catalog service. Reported, no goal.
    if (distributed) {
      const subgraphUrls = [...distributed.subgraphs].map(([name, url]) => `${name}=${url.endsWith('/graphql') ? url : `${url}/graphql`}`).join(',');
      const uncached = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: subgraphUrls, REMOTE_ANSWER_TTL_MS: '0', SIMILARITY_WARM: 'false' }) });
      cleanup.unshift(() => uncached.close());
      const url = `${await uncached.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
      for (const { name, query } of HTTP_QUERIES) {
        const embeddedRps = oursRps.get(`embedded ${name}`);
        const what = `ours distributed without the answer cache ${name} c=${THROUGHPUT_CONNECTIONS}`;
        options.log(`  peer: ${what} (${options.warmup}s warm-up + ${options.duration}s)`);
        const result = check(what, await worker.run({ url, body: JSON.stringify({ query }), connections: THROUGHPUT_CONNECTIONS, duration: options.duration, warmup: options.warmup, timeout: REQUEST_TIMEOUT_SECONDS }), options.log);
        runs.push({ target: 'ours-uncached', mode: 'distributed', query: name, connections: THROUGHPUT_CONNECTIONS, ...result });
        await ask(url, query).catch(() => undefined);
        rows.push(
          comparedRow('http', `http ours distributed, REMOTE_ANSWER_TTL_MS=0, vs embedded ${name}: throughput, c=${THROUGHPUT_CONNECTIONS}`, result.requestsPerSecond, embeddedRps ?? null, 'req/s', embeddedRps ? result.requestsPerSecond / embeddedRps : null),
        );
      }
    }
    // Where both of ours were measured (a Hive failure may have cut a pair short).
    for (const { name } of HTTP_QUERIES) {
      const distributedRps = oursRps.get(`distributed ${name}`);
      const embeddedRps = oursRps.get(`embedded ${name}`);
      if (distributedRps === undefined || embeddedRps === undefined) continue;
      const ratio = distributedRps / embeddedRps;
      rows.push(
        comparedRow('http', `http ours distributed (a process per subgraph) vs embedded ${name}: throughput, c=${THROUGHPUT_CONNECTIONS}`, distributedRps, embeddedRps, 'req/s', ratio, [
          atLeast(ratio, DISTRIBUTED_GOAL.throughputRatio, '', 'ratio '),
        ]),
      );
    }
  } finally {
    for (const close of cleanup) await close();
  }
  return { rows, details };
}
