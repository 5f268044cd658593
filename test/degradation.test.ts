// Degradation levels in `extensions.degradation`, one per level, through the gateway against the
// replay server's real Cowboy Bebop recordings with injected faults (503, hang, garbage, 429): what
// data still comes back, and which level and per-source outcomes the response states. Ages come
// from an injected clock. The last test runs the same failure in distributed mode.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../gateway/app.js';
import { createSubgraphApp } from '../gateway/subgraph-server.js';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../src/http/index.js';
import { shapeAnswer } from '../src/mcp/answer.js';
import { BEBOP_SOURCES_QUERY, startRecordedUpstreams, type RecordedUpstreams } from './support/replay-bebop.js';

const QUERY = BEBOP_SOURCES_QUERY;
const PATHS = { jikan: '/v4/anime/1/full', anilist: '/anilist/', kitsu: '/kitsu/anime/1', animeschedule: '/v3/anime' } as const;
const HOUR_S = 3600;

interface Body {
  data: { anime: Record<string, any> };
  errors?: Array<{ extensions: Record<string, unknown> }>;
  extensions?: { degradation?: { level: string; sources: Array<Record<string, unknown>> } };
}

let upstreams: RecordedUpstreams;
let config: Config;
let catalog: Catalog;
/** The kits' clock (cache freshness and ages); moved forward by the tests. */
let clock = Date.parse('2026-11-26T12:00:00Z');
const opened: Array<{ close(): Promise<unknown> }> = [];

beforeAll(async () => {
  // A timeout generous enough for a loaded machine: only the injected hang may hit it. No
  // background similarity warm-up: on 2 busy cores its CPU pushed live answers past the timeout.
  upstreams = await startRecordedUpstreams({ UPSTREAM_TIMEOUT_MS: '2000', CATALOG_ROMAJI: 'false', SIMILARITY_WARM: 'false' });
  config = upstreams.config;
  catalog = await loadCatalog(config);
}, 120_000);

afterEach(async () => {
  upstreams.replay.reset();
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(() => upstreams?.replay.close());

/** A fresh kit (empty cache) on the test clock, without retries so a hang costs one timeout. */
function freshKit(): UpstreamKitWithStats {
  const kit = createUpstreamKit(config, { now: () => clock, namespace: randomUUID(), policy: { maxAttempts: 1 } });
  opened.push(kit);
  return kit;
}

async function startApp(kit = freshKit(), gatewayConfig = config): Promise<{ app: App; url: string }> {
  const app: App = await createApp({ logger: false, config: gatewayConfig, catalog, upstream: kit });
  opened.push(app);
  return { app, url: `${await app.app.listen({ port: 0, host: '127.0.0.1' })}/graphql` };
}

async function startGateway(kit = freshKit(), gatewayConfig = config): Promise<string> {
  return (await startApp(kit, gatewayConfig)).url;
}

async function ask(url: string, query = QUERY): Promise<Body> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

/** The four sources fail at once, each its own way. */
function breakEverySource(): void {
  const { replay } = upstreams;
  replay.fault({ path: PATHS.jikan }, { status: 503 });
  replay.fault({ path: PATHS.anilist }, { status: 429, retryAfterS: 120 });
  replay.fault({ path: PATHS.kitsu }, { hang: true });
  replay.fault({ path: PATHS.animeschedule }, { garbage: true });
}

describe('extensions.degradation', () => {
  it('FULL: every source live, then every source from fresh cache with its age', async () => {
    const url = await startGateway();
    const live = await ask(url);
    expect(live.errors).toBeUndefined();
    expect(live.data.anime.mal.score).toBeGreaterThan(8);
    expect(live.data.anime.schedule).toEqual({ slug: 'cowboy-bebop' });
    expect(live.extensions?.degradation).toEqual({
      level: 'FULL',
      sources: [
        { name: 'anilist', outcome: 'live', ageSeconds: 0 },
        { name: 'animeschedule', outcome: 'live', ageSeconds: 0 },
        { name: 'jikan', outcome: 'live', ageSeconds: 0 },
        { name: 'kitsu', outcome: 'live', ageSeconds: 0 },
      ],
    });

    clock += 60_000;
    const calls = upstreams.replay.count();
    const cached = await ask(url);
    expect(upstreams.replay.count()).toBe(calls);
    expect(cached.data).toEqual(live.data);
    expect(cached.extensions?.degradation?.level).toBe('FULL');
    expect(cached.extensions?.degradation?.sources.map((s) => [s['name'], s['outcome'], s['ageSeconds']])).toEqual([
      ['anilist', 'cache', 60],
      ['animeschedule', 'cache', 60],
      ['jikan', 'cache', 60],
      ['kitsu', 'cache', 60],
    ]);
  });

  it('FULL with no sources when only the offline catalog was asked', async () => {
    const url = await startGateway();
    const body = await ask(url, '{ anime(malId: 1) { id title year format } }');
    expect(body.data.anime).toEqual({ id: 'mal:1', title: 'Cowboy Bebop', year: 1998, format: 'TV' });
    expect(body.extensions?.degradation).toEqual({ level: 'FULL', sources: [] });
    expect(upstreams.replay.count()).toBe(0);
  });

  it('PARTIAL: Jikan answers 503 and Kitsu hangs; AniList and AnimeSchedule still answer', async () => {
    upstreams.replay.fault({ path: PATHS.jikan }, { status: 503 });
    upstreams.replay.fault({ path: PATHS.kitsu }, { hang: true });
    const body = await ask(await startGateway());
    expect(body.data.anime).toMatchObject({ id: 'mal:1', title: 'Cowboy Bebop', mal: null, kitsu: null, schedule: { slug: 'cowboy-bebop' } });
    expect(body.data.anime.anilist.averageScore).toBeGreaterThan(80);
    expect(body.extensions?.degradation).toEqual({
      level: 'PARTIAL',
      sources: [
        { name: 'anilist', outcome: 'live', ageSeconds: 0 },
        { name: 'animeschedule', outcome: 'live', ageSeconds: 0 },
        { name: 'jikan', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' },
        { name: 'kitsu', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' },
      ],
    });
  });

  it('CACHE_ONLY: every source fails 30 h later, and the last good answers come back with their age', async () => {
    const url = await startGateway();
    const good = await ask(url);
    expect(good.extensions?.degradation?.level).toBe('FULL');

    // Past the 6 h TTL and the 12 h stale window of `details`, within CACHE_STALE_IF_ERROR_S (2 d):
    // the kit must ask the upstreams first, and serves the old answers only because they fail.
    clock += 30 * HOUR_S * 1000;
    breakEverySource();
    const body = await ask(url);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(good.data);
    expect(body.data.anime.mal.score).toBeGreaterThan(8);
    expect(body.extensions?.degradation).toEqual({
      level: 'CACHE_ONLY',
      sources: [
        { name: 'anilist', outcome: 'stale', ageSeconds: 30 * HOUR_S, error: 'SOURCE_RATE_LIMITED' },
        { name: 'animeschedule', outcome: 'stale', ageSeconds: 30 * HOUR_S, error: 'SOURCE_BAD_RESPONSE' },
        { name: 'jikan', outcome: 'stale', ageSeconds: 30 * HOUR_S, error: 'SOURCE_UNAVAILABLE' },
        { name: 'kitsu', outcome: 'stale', ageSeconds: 30 * HOUR_S, error: 'SOURCE_UNAVAILABLE' },
      ],
    });
    // Every source was really tried before its old answer was served.
    for (const path of Object.values(PATHS)) expect(upstreams.replay.count(path)).toBeGreaterThan(0);
  });

  it('OFFLINE: every source fails with nothing cached; the catalog fields still come back', async () => {
    breakEverySource();
    const body = await ask(await startGateway());
    expect(body.data.anime).toEqual({
      id: 'mal:1', title: 'Cowboy Bebop', malId: 1, anilistId: 1, kitsuId: 1,
      mal: null, anilist: null, kitsu: null, schedule: null,
    });
    expect(Object.fromEntries(body.errors!.map((e) => [e.extensions['source'], e.extensions['code']]))).toEqual({
      jikan: 'SOURCE_UNAVAILABLE', anilist: 'SOURCE_RATE_LIMITED', kitsu: 'SOURCE_UNAVAILABLE', animeschedule: 'SOURCE_BAD_RESPONSE',
    });
    expect(body.extensions?.degradation).toEqual({
      level: 'OFFLINE',
      sources: [
        { name: 'anilist', outcome: 'failed', error: 'SOURCE_RATE_LIMITED' },
        { name: 'animeschedule', outcome: 'failed', error: 'SOURCE_BAD_RESPONSE' },
        { name: 'jikan', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' },
        { name: 'kitsu', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' },
      ],
    });
  });

  it('is the same in distributed mode, where remote subgraphs report their outcomes in extensions', async () => {
    // Jikan and Kitsu as their own HTTP services; AniList, AnimeSchedule and the catalog embedded.
    const remote: FastifyInstance[] = [];
    const urls: string[] = [];
    for (const name of ['jikan', 'kitsu']) {
      const subgraph = await createSubgraphApp(name, config, { logger: false, upstream: freshKit() });
      opened.push(subgraph);
      remote.push(subgraph);
      urls.push(`${name}=${await subgraph.listen({ port: 0, host: '127.0.0.1' })}/graphql`);
    }
    upstreams.replay.fault({ path: PATHS.jikan }, { status: 503 });
    upstreams.replay.fault({ path: PATHS.kitsu }, { hang: true });
    const distributed = await ask(await startGateway(freshKit(), { ...config, subgraphUrls: new Map(urls.map((u) => u.split(/=(.*)/s, 2) as [string, string])) }));
    const embedded = await ask(await startGateway());
    expect(distributed.data).toEqual(embedded.data);
    expect(distributed.data.anime.anilist.averageScore).toBeGreaterThan(80);
    expect(distributed.extensions?.degradation).toEqual(embedded.extensions?.degradation);
    expect(Object.keys(distributed.extensions ?? {})).toEqual(['degradation']); // sourceOutcomes stay between gateway and subgraph
    expect(distributed.extensions?.degradation?.level).toBe('PARTIAL');
    expect(distributed.extensions?.degradation?.sources.find((s) => s['name'] === 'kitsu')).toEqual({ name: 'kitsu', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' });
  });

  it('reaches in-process callers: App.execute carries it, the MCP answer says it, and `ask` reports its inner operation', async () => {
    upstreams.replay.fault({ path: PATHS.jikan }, { status: 503 });
    const { app, url } = await startApp();
    const executed = await app.execute(QUERY);
    expect(executed.data?.['anime']).toMatchObject({ id: 'mal:1', mal: null });
    expect(executed.extensions?.['degradation']).toMatchObject({ level: 'PARTIAL' });
    const answer = shapeAnswer(executed, undefined, 50_000);
    expect(answer.structuredContent?.['note']).toBe('Degraded answer (PARTIAL): jikan failed (SOURCE_UNAVAILABLE).');

    const asked = await ask(url, '{ ask(text: "compare ratings of cowboy bebop") { operation result } }');
    expect(asked.data).toMatchObject({ ask: { operation: 'CompareRatings', result: { anime: { id: 'mal:1', mal: null } } } });
    expect(asked.extensions?.degradation?.level).toBe('PARTIAL');
    expect(asked.extensions?.degradation?.sources).toContainEqual({ name: 'jikan', outcome: 'failed', error: 'SOURCE_UNAVAILABLE' });
    expect(asked.extensions?.degradation?.sources).toContainEqual({ name: 'kitsu', outcome: 'cache', ageSeconds: 0 });
  });
});
