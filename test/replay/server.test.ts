// The replay server itself: routing real recordings, misses, and each fault it can inject.
import { resolve } from 'node:path';
import { startReplayServer, type ReplayServer } from './server.js';

const BEBOP = resolve(process.cwd(), 'test/fixtures/upstream/jikan/anime-1-full.json');

describe('replay server', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer();
    replay.route({ method: 'GET', path: '/v4/anime/1/full', file: BEBOP });
    replay.route({ method: 'GET', path: /^\/v4\/anime\/1$/, file: BEBOP, jsonPath: 'data' });
    replay.route({ method: 'POST', path: '/graphql', match: (req) => req.body.includes('"id":1'), body: '{"data":{"Media":null}}' });
  });
  afterEach(() => replay.reset());
  afterAll(() => replay.close());

  it('serves a routed recording and records the request', async () => {
    const response = await fetch(`${replay.url}/v4/anime/1/full?x=1`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { mal_id: number } }).data.mal_id).toBe(1);
    expect(replay.count('/v4/anime/1/full')).toBe(1);
    expect(replay.requests[0]?.query.get('x')).toBe('1');
    expect(replay.requests[0]?.doneAt).toBeGreaterThanOrEqual(replay.requests[0]!.at);
  });

  it('serves one top-level key with jsonPath and matches POST bodies', async () => {
    const data = (await (await fetch(`${replay.url}/v4/anime/1`)).json()) as { mal_id: number };
    expect(data.mal_id).toBe(1);
    const hit = await fetch(`${replay.url}/graphql`, { method: 'POST', body: '{"variables":{"id":1}}' });
    expect(hit.status).toBe(200);
    const miss = await fetch(`${replay.url}/graphql`, { method: 'POST', body: '{"variables":{"id":2}}' });
    expect(miss.status).toBe(404);
  });

  it('answers unrouted requests with a marked 404', async () => {
    const response = await fetch(`${replay.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-replay')).toBe('miss');
    expect(await response.json()).toMatchObject({ status: 404, message: 'not recorded' });
  });

  it('injects a status with Retry-After for the next N requests only', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { status: 429, retryAfterS: 2, times: 1 });
    const first = await fetch(`${replay.url}/v4/anime/1/full`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${replay.url}/v4/anime/1/full`)).status).toBe(200);
  });

  it('adds latency', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { latencyMs: 150, times: 1 });
    const started = Date.now();
    await (await fetch(`${replay.url}/v4/anime/1/full`)).arrayBuffer();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('holds answers at a barrier until enough requests wait together; one at a time, each waits out its time', async () => {
    const get = async () => (await fetch(`${replay.url}/v4/anime/1/full`)).arrayBuffer();
    replay.fault({ path: '/v4/anime/1/full' }, { barrier: { count: 3, timeoutMs: 5_000 }, times: 3 });
    await Promise.all([get(), get(), get()]);
    expect(replay.requests.map((r) => r.releasedBy)).toEqual(['barrier', 'barrier', 'barrier']);
    replay.reset();
    replay.fault({ path: '/v4/anime/1/full' }, { barrier: { count: 2, timeoutMs: 200 }, times: 2 });
    await get();
    await get();
    expect(replay.requests.map((r) => r.releasedBy)).toEqual(['timeout', 'timeout']);
  });

  it('serves garbage: half the body, a matching length, not JSON', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { garbage: true, times: 1 });
    const response = await fetch(`${replay.url}/v4/anime/1/full`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('truncates: the body read fails', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { truncate: true, times: 1 });
    await expect(fetch(`${replay.url}/v4/anime/1/full`).then((r) => r.text())).rejects.toThrow();
  });

  it('hangs until the client gives up', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { hang: true, times: 1 });
    await expect(fetch(`${replay.url}/v4/anime/1/full`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});
