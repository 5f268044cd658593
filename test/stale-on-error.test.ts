// Stale-if-error and per-request outcomes in the upstream kit, against the loopback replay server
// serving the real Jikan recording of Cowboy Bebop: past the stale window a failing upstream is
// answered with the last good entry (marked stale, with its age) up to CACHE_STALE_IF_ERROR_S, never
// for a 404 or a rejected request; every call records live/cache/stale/failed in its request's recorder.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../src/config/index.js';
import { ErrorCode } from '../src/errors/index.js';
import { createUpstreamKit, OutcomeRecorder, withOutcomes, type SourceDefinition, type UpstreamKitWithStats } from '../src/http/index.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { appErrorOf } from './support/errors.js';

const BEBOP = 'test/fixtures/upstream/jikan/anime-1-full.json';
const animeFull = z.object({ data: z.object({ mal_id: z.number().int(), title: z.string(), score: z.number().nullable() }) });
const TTL_S = 60;

let replay: ReplayServer;
let now = Date.parse('2026-11-26T12:00:00Z');
const kits: UpstreamKitWithStats[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: /^\/v4\/anime\/\d+\/full$/, file: BEBOP });
});
afterEach(async () => {
  replay.reset();
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});
afterAll(() => replay.close());

/** A kit on the test clock: details live 60 s, stale up to 120 s, served on error up to 1 h; no retries. */
function makeKit(policy: Record<string, number> = {}): UpstreamKitWithStats {
  const config = loadConfig({ JIKAN_BASE_URL: `${replay.url}/v4`, UPSTREAM_TIMEOUT_MS: '1000', CACHE_TTL_DETAILS_S: String(TTL_S), CACHE_STALE_IF_ERROR_S: '3600' });
  const kit = createUpstreamKit(config, { now: () => now, namespace: randomUUID(), policy: { maxAttempts: 1, ...policy } });
  kits.push(kit);
  return kit;
}

const jikan = (): SourceDefinition => ({ name: 'jikan', baseUrl: `${replay.url}/v4`, rateLimits: [{ points: 1000, durationMs: 1000 }], maxConcurrent: 10 });
const spec = (id = 1) => ({ path: `/anime/${id}/full`, schema: animeFull, dataClass: 'details' as const });


describe('stale-if-error', () => {
  it.each([
    ['503', { status: 503 }, ErrorCode.SOURCE_UNAVAILABLE],
    ['a hang (timeout)', { hang: true }, ErrorCode.SOURCE_UNAVAILABLE],
    ['garbage', { garbage: true }, ErrorCode.SOURCE_BAD_RESPONSE],
    ['429 with a long Retry-After', { status: 429, retryAfterS: 600 }, ErrorCode.SOURCE_RATE_LIMITED],
  ])('serves the last good answer, marked stale with its age, when the upstream answers %s', async (_, fault, code) => {
    const client = makeKit().client(jikan());
    const first = await client.requestWithMeta(spec());
    expect(first).toMatchObject({ origin: 'upstream', fetchedAt: now });

    now += 30 * 60_000; // past the 120 s stale window, within the 1 h stale-if-error limit
    replay.fault({ path: '/v4/anime/1/full' }, fault);
    const answer = await client.requestWithMeta(spec());
    expect(replay.count()).toBeGreaterThan(1); // the upstream was asked first
    expect(answer).toEqual({ data: first.data, origin: 'stale', fetchedAt: first.fetchedAt, servedOnError: code });
    expect(answer.data.data.title).toBe('Cowboy Bebop');
  });

  it('fails once the last good answer is older than CACHE_STALE_IF_ERROR_S', async () => {
    const client = makeKit().client(jikan());
    await client.request(spec());
    now += 3601_000;
    replay.fault({ path: '/v4/anime/1/full' }, { status: 503 });
    expect((await appErrorOf(client.request(spec()))).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
  });

  it('serves it while the circuit is open, without calling the upstream', async () => {
    const kit = makeKit({ breakerThreshold: 1, halfOpenAfterMs: 60_000, maxAttempts: 1 });
    const client = kit.client(jikan());
    await client.request(spec(1));
    now += 30 * 60_000;
    replay.fault({ path: /.*/ }, { status: 503 });
    expect((await appErrorOf(client.request(spec(2)))).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(kit.stats()['jikan']!.circuit).toBe('open');
    const calls = replay.count();
    const answer = await client.requestWithMeta(spec(1));
    expect(answer).toMatchObject({ origin: 'stale', servedOnError: ErrorCode.SOURCE_UNAVAILABLE });
    expect(replay.count()).toBe(calls);
    expect(kit.stats()['jikan']!.staleOnError).toBe(1);
  });

  it('does not hide a 404 or a rejected request behind an old answer', async () => {
    const client = makeKit().client(jikan());
    await Promise.all([client.request(spec(1)), client.request(spec(5))]);
    now += 30 * 60_000;
    replay.fault({ path: '/v4/anime/1/full' }, { status: 404 });
    replay.fault({ path: '/v4/anime/5/full' }, { status: 400 });
    expect((await appErrorOf(client.request(spec(1)))).code).toBe(ErrorCode.NOT_FOUND);
    const rejected = await appErrorOf(client.request(spec(5)));
    expect(rejected.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect(rejected.details['status']).toBe(400);
  });
});

describe('request outcomes', () => {
  it('records live, cache, stale and failed calls with their ages in the running request only', async () => {
    const client = makeKit().client(jikan());
    const recorder = new OutcomeRecorder();
    await withOutcomes(recorder, () => client.request(spec(1)));
    now += 30_000;
    await withOutcomes(recorder, () => client.request(spec(1)));
    now += 60_000; // 90 s: stale (within 2× TTL), refreshed in the background
    await withOutcomes(recorder, () => client.request(spec(1)));
    replay.fault({ path: '/v4/anime/2/full' }, { status: 503 });
    await withOutcomes(recorder, () => appErrorOf(client.request(spec(2))));
    // Outside a recorder nothing is recorded, and nothing breaks.
    await client.request(spec(1));
    expect(recorder.outcomes).toEqual([
      { source: 'jikan', outcome: 'live', ageSeconds: 0 },
      { source: 'jikan', outcome: 'cache', ageSeconds: 30 },
      { source: 'jikan', outcome: 'stale', ageSeconds: 90 },
      { source: 'jikan', outcome: 'failed', errorCode: ErrorCode.SOURCE_UNAVAILABLE },
    ]);
  });

  it('keeps concurrent requests apart, even when they share one upstream call', async () => {
    const client = makeKit().client(jikan());
    replay.fault({ path: '/v4/anime/1/full' }, { latencyMs: 100 });
    const [a, b] = [new OutcomeRecorder(), new OutcomeRecorder()];
    await Promise.all([withOutcomes(a, () => client.request(spec(1))), withOutcomes(b, () => client.request(spec(1)))]);
    expect(replay.count()).toBe(1);
    expect(a.outcomes).toEqual([{ source: 'jikan', outcome: 'live', ageSeconds: 0 }]);
    expect(b.outcomes).toEqual([{ source: 'jikan', outcome: 'live', ageSeconds: 0 }]);
  });
});
