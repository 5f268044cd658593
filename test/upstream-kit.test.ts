// The upstream client kit against the loopback replay server, serving a real Jikan recording
// (GET /anime/1/full) under made-up paths: dedup, rate limits, every fault class, Redis L2,
// stale-while-revalidate.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@keyv/redis';
import { z } from 'zod';
import { loadConfig } from '../src/config/index.js';
import { ErrorCode } from '../src/errors/index.js';
import { createUpstreamKit, type SourceDefinition, type UpstreamKitOptions, type UpstreamKitWithStats } from '../src/http/index.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { findRedis, pingRedis } from './support/redis.js';
import { describeWithPart } from './support/system-parts.js';
import { appErrorOf } from './support/errors.js';

const BEBOP = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/upstream/jikan/anime-1-full.json');

const animeFull = z.object({
  data: z.object({
    mal_id: z.number().int(),
    title: z.string(),
    type: z.string().nullable(),
    episodes: z.number().int().nullable(),
    score: z.number().nullable(),
    genres: z.array(z.object({ mal_id: z.number().int(), name: z.string() })),
  }),
});
/** Right endpoint, wrong expectation: mal_id is a number upstream. */
const mismatched = z.object({ data: z.object({ mal_id: z.string() }) });

let replay: ReplayServer;
const kits: UpstreamKitWithStats[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: /^\/v4\/(bebop|slow|limited|faulty|stale|budget)\/\d+$/, file: BEBOP });
  replay.route({ method: 'GET', path: '/v4/budget-exhausted/1', file: BEBOP, headers: { 'x-ratelimit-remaining': '0' } });
});
afterEach(async () => {
  replay.reset();
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});
afterAll(() => replay.close());

function makeKit(env: Record<string, string> = {}, options: UpstreamKitOptions = {}): UpstreamKitWithStats {
  const config = loadConfig({ JIKAN_BASE_URL: `${replay.url}/v4`, UPSTREAM_TIMEOUT_MS: '1000', ...env });
  const kit = createUpstreamKit(config, { ...options, policy: { baseDelayMs: 20, maxDelayMs: 100, ...options.policy } });
  kits.push(kit);
  return kit;
}

/** The largest number of arrivals (server clock) inside any window of `windowMs`. */
function busiestWindow(windowMs: number): number {
  const arrivals = replay.requests.map((r) => r.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0; i < arrivals.length; i += 1) {
    let j = i;
    while (j < arrivals.length && arrivals[j]! < arrivals[i]! + windowMs) j += 1;
    busiest = Math.max(busiest, j - i);
  }
  return busiest;
}

/** A Jikan-like source description pointing at the replay server. */
function jikanLike(overrides: Partial<SourceDefinition> = {}): SourceDefinition {
  return { name: 'jikan-test', baseUrl: `${replay.url}/v4`, rateLimits: [{ points: 1000, durationMs: 1000 }], maxConcurrent: 50, ...overrides };
}


async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('in-flight dedup and cache', () => {
  it('sends 100 concurrent identical misses upstream exactly once', async () => {
    const kit = makeKit();
    const client = kit.client(jikanLike());
    const results = await Promise.all(
      Array.from({ length: 100 }, () => client.request({ path: '/bebop/1', schema: animeFull, dataClass: 'details' })),
    );
    expect(results.every((r) => r.data.mal_id === 1 && r.data.title === 'Cowboy Bebop')).toBe(true);
    expect(replay.count()).toBe(1);
    expect(replay.requests[0]?.headers['user-agent']).toContain('anime-federation');
    expect(replay.requests[0]?.headers.accept).toBe('application/json');

    await client.request({ path: '/bebop/1', schema: animeFull, dataClass: 'details' });
    expect(replay.count()).toBe(1);
    expect(kit.stats()['jikan-test']).toMatchObject({ requests: 101, cacheMisses: 100, deduplicated: 99, cacheHits: 1, upstreamRequests: 1 });
  });
});

describe('rate limits', () => {
  it('never lets more than 20 requests reach the upstream in any 200 ms window, queueing the rest', async () => {
    // A long attempt timeout: on a loaded CI an answer can take over a second, and a timed-out
    // attempt is retried, which this test would count as a request too many.
    const kit = makeKit({ UPSTREAM_TIMEOUT_MS: '20000' });
    const client = kit.client(jikanLike({ name: 'jikan-limited', rateLimits: [{ points: 20, durationMs: 200 }] }));
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => client.request({ path: `/limited/${i + 1}`, schema: animeFull, dataClass: 'details' })),
    );
    expect(results).toHaveLength(200);
    expect(replay.count()).toBe(200);
    expect(busiestWindow(200)).toBeLessThanOrEqual(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9 * 200);
    expect(kit.stats()['jikan-limited']!.rateLimitWaits).toBeGreaterThan(0);
  });

  it('fails SOURCE_RATE_LIMITED when the wait would exceed the maximum', async () => {
    const kit = makeKit({}, { policy: { maxRateLimitWaitMs: 100 } });
    const client = kit.client(jikanLike({ name: 'jikan-tight', rateLimits: [{ points: 1, durationMs: 5000 }] }));
    await client.request({ path: '/limited/1', schema: animeFull, dataClass: 'details' });
    const error = await appErrorOf(client.request({ path: '/limited/2', schema: animeFull, dataClass: 'details' }));
    expect(error.code).toBe(ErrorCode.SOURCE_RATE_LIMITED);
    expect(error.details.source).toBe('jikan-tight');
    expect(replay.count()).toBe(1);
  });

  it('waits for the reset when the upstream budget headers say 0 remaining', async () => {
    const kit = makeKit();
    const client = kit.client(
      jikanLike({
        name: 'jikan-budget',
        budgetFromHeaders: (headers) => {
          const remaining = headers.get('x-ratelimit-remaining');
          return remaining === null ? null : { remaining: Number(remaining), resetAtMs: Date.now() + 500 };
        },
      }),
    );
    await client.request({ path: '/budget-exhausted/1', schema: animeFull, dataClass: 'details' });
    await client.request({ path: '/budget/2', schema: animeFull, dataClass: 'details' });
    const [first, second] = replay.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(450);
  });
});

describe('faults become typed errors', () => {
  const request = (kit: UpstreamKitWithStats, path: string, overrides: Partial<SourceDefinition> = {}) =>
    kit.client(jikanLike({ name: 'jikan-faults', ...overrides })).request({ path, schema: animeFull, dataClass: 'details' });

  it('retries a burst of 503s and then succeeds', async () => {
    const kit = makeKit();
    replay.fault({ path: '/v4/faulty/1' }, { status: 503, times: 2 });
    const result = await request(kit, '/faulty/1');
    expect(result.data.mal_id).toBe(1);
    expect(replay.count('/v4/faulty/1')).toBe(3);
    expect(kit.stats()['jikan-faults']!.retries).toBe(2);
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    const kit = makeKit();
    replay.fault({ path: '/v4/faulty/2' }, { status: 429, retryAfterS: 1, times: 1 });
    const started = Date.now();
    const result = await request(kit, '/faulty/2');
    expect(result.data.mal_id).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const [first, second] = replay.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives SOURCE_RATE_LIMITED when 429s outlast the retries', async () => {
    const kit = makeKit();
    replay.fault({ path: '/v4/faulty/3' }, { status: 429 });
    const error = await appErrorOf(request(kit, '/faulty/3'));
    expect(error.code).toBe(ErrorCode.SOURCE_RATE_LIMITED);
    expect(error.details).toMatchObject({ source: 'jikan-faults', status: 429 });
    expect(replay.count()).toBe(3);
  });

  it('gives SOURCE_UNAVAILABLE for a body cut short', async () => {
    const kit = makeKit();
    replay.fault({ path: '/v4/faulty/4' }, { truncate: true });
    const error = await appErrorOf(request(kit, '/faulty/4'));
    expect(error.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(error.details.source).toBe('jikan-faults');
  });

  it('gives SOURCE_BAD_RESPONSE for a body that is not JSON, without retrying', async () => {
    const kit = makeKit();
    replay.fault({ path: '/v4/faulty/5' }, { garbage: true });
    const error = await appErrorOf(request(kit, '/faulty/5'));
    expect(error.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect(error.details.source).toBe('jikan-faults');
    expect(replay.count()).toBe(1);
  });

  it('gives SOURCE_UNAVAILABLE when the upstream hangs past the timeout', async () => {
    const kit = makeKit({ UPSTREAM_TIMEOUT_MS: '200' }, { policy: { maxAttempts: 2 } });
    replay.fault({ path: '/v4/faulty/6' }, { hang: true });
    const started = Date.now();
    const error = await appErrorOf(request(kit, '/faulty/6'));
    expect(error.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(error.details).toMatchObject({ source: 'jikan-faults', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(replay.count()).toBe(2);
  });

  it('gives SOURCE_BAD_RESPONSE with the zod issue path when the shape does not match', async () => {
    const kit = makeKit();
    const client = kit.client(jikanLike({ name: 'jikan-faults' }));
    const error = await appErrorOf(client.request({ path: '/faulty/7', schema: mismatched, dataClass: 'details' }));
    expect(error.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect(error.details).toMatchObject({ source: 'jikan-faults', path: 'data.mal_id' });
    // Nothing was cached for a payload that failed validation; a correct schema still works.
    expect((await client.request({ path: '/faulty/7', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
    expect(replay.count()).toBe(2);
  });

  it('gives NOT_FOUND for a 404 and remembers it without asking again', async () => {
    const kit = makeKit();
    const first = await appErrorOf(request(kit, '/gone/1'));
    expect(first.code).toBe(ErrorCode.NOT_FOUND);
    expect(first.details.source).toBe('jikan-faults');
    const second = await appErrorOf(request(kit, '/gone/1'));
    expect(second.code).toBe(ErrorCode.NOT_FOUND);
    expect(replay.count()).toBe(1);
  });

  it('opens the circuit after repeated failures, then fails fast without reaching the upstream', async () => {
    const kit = makeKit({}, { policy: { maxAttempts: 1, breakerThreshold: 3, halfOpenAfterMs: 60_000 } });
    replay.fault({ path: /^\/v4\/faulty\/\d+$/ }, { status: 500 });
    for (let i = 0; i < 3; i += 1) {
      expect((await appErrorOf(request(kit, `/faulty/${10 + i}`))).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    }
    expect(replay.count()).toBe(3);
    const started = Date.now();
    const open = await appErrorOf(request(kit, '/faulty/20'));
    expect(open.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(open.details).toMatchObject({ source: 'jikan-faults', reason: 'circuit-open' });
    expect(Date.now() - started).toBeLessThan(100);
    expect(replay.count()).toBe(3);
    expect(kit.stats()['jikan-faults']!.circuit).toBe('open');
  });
});

const redis = await findRedis();

describeWithPart('redis', redis.problem, 'Redis L2 suite')('Redis L2', () => {
  const redisUrl = redis.url ?? '';
  const namespace = `test-kit-${randomUUID()}`;
  afterAll(async () => {
    const client = createClient({ url: redisUrl });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `*${namespace}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  });

  it('serves an entry evicted from L1 from Redis, also to a new kit (a restart)', async () => {
    const env = { REDIS_URL: redisUrl, CACHE_L1_MAX_ENTRIES: '1' };
    const first = makeKit(env, { namespace });
    await first.ready();
    const client = first.client(jikanLike({ name: 'jikan-l2' }));
    await client.request({ path: '/bebop/1', schema: animeFull, dataClass: 'details' });
    await client.request({ path: '/bebop/2', schema: animeFull, dataClass: 'details' }); // evicts /bebop/1 from L1
    expect(replay.count()).toBe(2);
    expect((await client.request({ path: '/bebop/1', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
    expect(replay.count()).toBe(2);

    const restarted = makeKit(env, { namespace });
    await restarted.ready();
    const again = restarted.client(jikanLike({ name: 'jikan-l2' }));
    expect((await again.request({ path: '/bebop/2', schema: animeFull, dataClass: 'details' })).data.title).toBe('Cowboy Bebop');
    expect(replay.count()).toBe(2);
    expect(restarted.stats()['jikan-l2']).toMatchObject({ cacheHits: 1, upstreamRequests: 0 });
  });

  it('shares one request budget between replicas', async () => {
    const env = { REDIS_URL: redisUrl };
    const replicas = [makeKit(env, { namespace }), makeKit(env, { namespace })];
    await Promise.all(replicas.map((kit) => kit.ready()));
    const definition = jikanLike({ name: 'jikan-shared', rateLimits: [{ points: 10, durationMs: 200 }] });
    await Promise.all(
      replicas.flatMap((kit, r) =>
        Array.from({ length: 40 }, (_, i) =>
          kit.client(definition).request({ path: `/limited/${1000 + r * 100 + i}`, schema: animeFull, dataClass: 'details' }),
        ),
      ),
    );
    expect(replay.count()).toBe(80);
    expect(busiestWindow(200)).toBeLessThanOrEqual(10);
  });

  it('sends identical concurrent misses of two replicas upstream once, and each gets the answer', async () => {
    const env = { REDIS_URL: redisUrl };
    const replicas = [makeKit(env, { namespace }), makeKit(env, { namespace })];
    await Promise.all(replicas.map((kit) => kit.ready()));
    replay.fault({ path: /^\/v4\/slow\/7$/ }, { latencyMs: 300 });
    const definition = jikanLike({ name: 'jikan-flights' });
    const answers = await Promise.all(
      replicas.flatMap((kit) => Array.from({ length: 5 }, () => kit.client(definition).requestWithMeta({ path: '/slow/7', schema: animeFull, dataClass: 'details' }))),
    );
    expect(replay.count()).toBe(1);
    expect(new Set(answers.map((a) => a.data.data.title))).toEqual(new Set(['Cowboy Bebop']));
    // One replica called; the other waited for its answer in the shared cache.
    expect(replicas.map((kit) => kit.stats()['jikan-flights']!.upstreamRequests).sort()).toEqual([0, 1]);
  });

  it('lets the waiting replica call itself when the replica holding the call fails', async () => {
    const env = { REDIS_URL: redisUrl };
    const replicas = [makeKit(env, { namespace, policy: { maxAttempts: 1 } }), makeKit(env, { namespace, policy: { maxAttempts: 1 } })];
    await Promise.all(replicas.map((kit) => kit.ready()));
    replay.fault({ path: /^\/v4\/faulty\/8$/ }, { latencyMs: 200, status: 503, times: 1 });
    const definition = jikanLike({ name: 'jikan-flights-fail' });
    const results = await Promise.allSettled(replicas.map((kit) => kit.client(definition).request({ path: '/faulty/8', schema: animeFull, dataClass: 'details' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(replay.count()).toBe(2);
  });

  it('keeps serving when Redis goes away mid-run', async () => {
    const port = 20_000 + Math.floor(Math.random() * 12_000); // below the ephemeral range (32768+)
    const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      const url = `redis://127.0.0.1:${port}`;
      for (let i = 0; i < 50 && !(await pingRedis(url)); i += 1) await new Promise((r) => setTimeout(r, 50));
      const kit = makeKit({ REDIS_URL: url }, { namespace });
      await kit.ready();
      const client = kit.client(jikanLike({ name: 'jikan-redis-dies' }));
      await client.request({ path: '/bebop/4', schema: animeFull, dataClass: 'details' });
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      expect((await client.request({ path: '/bebop/4', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
      expect((await client.request({ path: '/bebop/5', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
      expect(replay.count()).toBe(2);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });
});

// Needs no Redis server: the point is that there is none.
describe('Redis unreachable', () => {
  it('keeps serving (L1 only) when Redis cannot be reached', async () => {
    const kit = makeKit({ REDIS_URL: 'redis://127.0.0.1:1' }, { namespace: `test-kit-${randomUUID()}` });
    await kit.ready(300);
    const client = kit.client(jikanLike({ name: 'jikan-no-redis' }));
    expect((await client.request({ path: '/bebop/3', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
    expect((await client.request({ path: '/bebop/3', schema: animeFull, dataClass: 'details' })).data.mal_id).toBe(1);
    expect(replay.count()).toBe(1);
  });
});

describe('stale-while-revalidate', () => {
  it('answers a stale entry at once and refreshes it once in the background', async () => {
    let now = Date.now();
    const kit = makeKit({ CACHE_TTL_DETAILS_S: '60' }, { now: () => now });
    const client = kit.client(jikanLike({ name: 'jikan-swr' }));
    const spec = { path: '/stale/1', schema: animeFull, dataClass: 'details' as const };
    await client.request(spec);
    expect(replay.count()).toBe(1);

    now += 61_000; // past the TTL, within 2× TTL
    replay.reset();
    replay.fault({ path: '/v4/stale/1' }, { latencyMs: 300, times: 1 });
    const started = Date.now();
    const [a, b] = await Promise.all([client.request(spec), client.request(spec)]);
    expect(Date.now() - started).toBeLessThan(150);
    expect(a.data.mal_id).toBe(1);
    expect(b.data.mal_id).toBe(1);
    await until(() => replay.requests[0]?.doneAt !== undefined);
    await new Promise((r) => setTimeout(r, 20));
    expect(replay.count()).toBe(1); // the single (dedup'd) background refresh

    await client.request(spec); // fresh again after the refresh
    expect(replay.count()).toBe(1);
    expect(kit.stats()['jikan-swr']).toMatchObject({ staleHits: 2, cacheHits: 1 });
  });

  it('treats entries older than 2× TTL as misses', async () => {
    let now = Date.now();
    const kit = makeKit({ CACHE_TTL_DETAILS_S: '60' }, { now: () => now });
    const client = kit.client(jikanLike({ name: 'jikan-swr' }));
    const spec = { path: '/stale/2', schema: animeFull, dataClass: 'details' as const };
    await client.request(spec);
    now += 121_000;
    await client.request(spec);
    expect(replay.count()).toBe(2);
  });
});

describe('latency figures', () => {
  const spec = (path: string) => ({ path, schema: animeFull, dataClass: 'details' as const });

  it('records the time of live answers only, larger for a source the replay server slows by 150 ms', async () => {
    const kit = makeKit();
    const fast = kit.client(jikanLike({ name: 'jikan-fast' }));
    const slow = kit.client(jikanLike({ name: 'jikan-slow' }));
    replay.fault({ path: /^\/v4\/slow\// }, { latencyMs: 150 });
    for (const id of [1, 2, 3]) {
      await fast.request(spec(`/bebop/${id}`));
      await slow.request(spec(`/slow/${id}`));
    }
    // Cache hits and calls joining one in flight are not upstream answers.
    await Promise.all([fast.request(spec('/bebop/1')), ...Array.from({ length: 5 }, () => fast.request(spec('/bebop/4')))]);
    const stats = kit.stats();
    const [f, s] = [stats['jikan-fast']!.latency, stats['jikan-slow']!.latency];
    expect(f.samples).toBe(4);
    expect(s.samples).toBe(3);
    // The injected delay is a floor for the slow source (timers may fire a millisecond early).
    expect(s.p50Ms!).toBeGreaterThanOrEqual(145);
    expect(s.ewmaMs!).toBeGreaterThanOrEqual(145);
    expect(s.p90Ms!).toBeGreaterThanOrEqual(s.p50Ms!);
    expect(f.ewmaMs!).toBeLessThan(s.ewmaMs!);
    expect(f.p90Ms!).toBeLessThan(s.p50Ms!);
  });

  it('counts a 404 as an answer (timed, not a failure), a 503 as a failure', async () => {
    const kit = makeKit({}, { policy: { maxAttempts: 1 } });
    const client = kit.client(jikanLike({ name: 'jikan-answers' }));
    await expect(client.request(spec('/not-recorded/1'))).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(kit.stats()['jikan-answers']!.latency.samples).toBe(1);
    replay.fault({ path: '/v4/faulty/1' }, { status: 503 });
    await expect(client.request(spec('/faulty/1'))).rejects.toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE });
    expect(kit.stats()['jikan-answers']).toMatchObject({ upstreamRequests: 2, notFound: 1, failures: 1, latency: { samples: 1 } });
  });
});
