// The load generator, run in its own process (child_process.fork from bench/http.ts) so that
// autocannon never shares the server's event loop. It receives one LoadRequest at a time, runs a
// short warm-up and then the measured run, and answers with a LoadResult.
//
// Latency comes from autocannon's per-response 'response' event (float milliseconds), not from
// its histogram: the histogram records whole milliseconds, too coarse for a 2 ms goal.
import autocannon from 'autocannon';

export interface LoadRequest {
  id: number;
  url: string;
  /** A JSON GraphQL request body, POSTed as application/json. */
  body: string;
  connections: number;
  /** Seconds of measured load. */
  duration: number;
  /** Seconds of load before the measured run, discarded. */
  warmup: number;
  /** Seconds before a request counts as timed out. */
  timeout: number;
}

export interface LoadResult {
  id: number;
  /** 2xx responses without GraphQL errors in the measured run. */
  ok: number;
  seconds: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses whose body was not `{"data": …}` without `errors`. */
  graphqlErrors: number;
  /** The first bad body seen (non-2xx or GraphQL errors), for the error message. */
  sample?: string;
  statusCodes: Record<string, number>;
}

export type WorkerMessage = { type: 'result'; result: LoadResult } | { type: 'error'; id: number; message: string };

/** A body is good when it parses as `{ data: {...} }` with no `errors` entry. */
function isGoodGraphqlBody(body: string | Buffer | undefined): boolean {
  if (!body) return false;
  try {
    const parsed: unknown = JSON.parse(String(body));
    return typeof parsed === 'object' && parsed !== null && !('errors' in parsed) && (parsed as { data?: unknown }).data != null;
  } catch {
    return false;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

interface RawRun {
  result: autocannon.Result;
  latencies: number[];
  seconds: number;
  sample?: string;
}

function cannon(request: LoadRequest, seconds: number, collect: boolean): Promise<RawRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let sample: string | undefined;
    let started = performance.now();
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: request.body,
        connections: request.connections,
        duration: seconds,
        timeout: request.timeout,
        // Every body is checked; a failed check counts as a mismatch (GraphQL error or non-JSON).
        verifyBody: isGoodGraphqlBody,
      },
      (err, result) => {
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve({ result, latencies, seconds: (performance.now() - started) / 1000, sample });
      },
    );
    const events = instance as unknown as NodeJS.EventEmitter;
    events.on('start', () => {
      started = performance.now();
    });
    // autocannon emits ('response', client, statusCode, resBytes, responseTime) — the published
    // types leave out the client argument.
    events.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (collect && statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    events.on('reqMismatch', (body: string) => {
      sample ??= String(body).slice(0, 500);
    });
  });
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const runs: RawRun[] = [];
  if (request.warmup > 0) runs.push(await cannon(request, request.warmup, false));
  const measured = await cannon(request, request.duration, true);
  runs.push(measured);
  const sorted = Float64Array.from(measured.latencies).sort();
  const sum = measured.latencies.reduce((a, b) => a + b, 0);
  // Problems found during the warm-up count too: an error is an error.
  const total = (pick: (r: autocannon.Result) => number) => runs.reduce((n, r) => n + pick(r.result), 0);
  const statusCodes: Record<string, number> = {};
  for (const { result } of runs) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + (count ?? 0);
  }
  const graphqlErrors = total((r) => r.mismatches);
  const ok = Math.max(0, measured.result['2xx'] - measured.result.mismatches);
  return {
    id: request.id,
    ok,
    seconds: measured.seconds,
    requestsPerSecond: ok / measured.seconds,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      mean: sorted.length ? sum / sorted.length : Number.NaN,
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    },
    non2xx: total((r) => r.non2xx),
    errors: total((r) => r.errors),
    timeouts: total((r) => r.timeouts),
    graphqlErrors,
    sample: runs.find((r) => r.sample)?.sample,
    statusCodes,
  };
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.on('message', (request: LoadRequest) => {
  run(request).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent went away (finished or crashed): nothing left to do.
process.on('disconnect', () => process.exit(0));
