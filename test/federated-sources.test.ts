// One anime's catalog fields plus its MyAnimeList, AniList, Kitsu and AnimeSchedule fields in one
// federated query: the gateway fetches the four sources in parallel (seen in the replay server's
// request times) and answers the second time from the cache without calling any upstream.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../gateway/app.js';
import { writeOverlay } from '../src/catalog/crosswalk-overlay.js';
import { loadConfig } from '../src/config/index.js';
import { animeSchema } from '../subgraphs/animeschedule/upstream.js';
import { crosswalkEntryOf } from '../subgraphs/animeschedule/crosswalk.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { BEBOP_SOURCES_QUERY } from './support/replay-bebop.js';

const recording = async (path: string) => JSON.parse(await readFile(`test/fixtures/upstream/${path}`, 'utf8'));
// The four calls are answered only once all four are waiting (a barrier, not a latency: a loaded
// 2-core CI staggered their starts by over 500 ms). Called one after another they could never all
// wait at once, and each would be answered only when the barrier's time ran out.
const BARRIER = { count: 4, timeoutMs: 10_000 };

const QUERY = BEBOP_SOURCES_QUERY;

let replay: ReplayServer;
let app: App;
let url: string;

beforeAll(async () => {
  replay = await startReplayServer();
  const bebopSchedule = await recording('animeschedule/anime-cowboy-bebop.json');
  // Recorded bodies; where a recording is the bare object of an envelope (AniList `data.Media`,
  // Kitsu JSON:API `data`, AnimeSchedule's list page) the envelope is put back around it unchanged.
  replay.route({ method: 'GET', path: '/v4/anime/1/full', file: 'test/fixtures/upstream/jikan/anime-1-full.json' });
  replay.route({ method: 'POST', path: '/anilist/', body: JSON.stringify({ data: { Media: await recording('anilist/media-1-cowboy-bebop.json') } }) });
  replay.route({ method: 'GET', path: '/kitsu/anime/1', body: JSON.stringify({ data: (await recording('kitsu/kitsu_cowboy_bebop_dump.json')).anime }) });
  replay.route({
    method: 'GET',
    path: '/v3/anime',
    match: (r) => r.query.get('mal-ids') === '1',
    body: JSON.stringify({ page: 1, totalAmount: 1, anime: [bebopSchedule] }),
  });
  replay.fault({ path: /.*/ }, { barrier: BARRIER, times: BARRIER.count });

  // The catalog learns Cowboy Bebop's Kitsu id from AnimeSchedule, as `npm run crosswalk:harvest` would.
  const dir = await mkdtemp(join(tmpdir(), 'crosswalk-'));
  const overlayPath = join(dir, 'overlay.json');
  await writeOverlay(overlayPath, { source: 'animeschedule', harvestedAt: '2026-11-26T00:00:00Z', entries: [crosswalkEntryOf(animeSchema.parse(bebopSchedule))!] });

  const config = loadConfig({
    JIKAN_BASE_URL: `${replay.url}/v4`,
    ANILIST_URL: `${replay.url}/anilist`,
    KITSU_BASE_URL: `${replay.url}/kitsu`,
    ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`,
    ANIMESCHEDULE_TOKEN: 'test-token',
    CATALOG_CROSSWALK_PATH: overlayPath,
    // No timeout on a loaded machine: a timed-out call is retried, and the test counts calls.
    UPSTREAM_TIMEOUT_MS: '20000',
  });
  app = await createApp({ logger: false, config });
  url = `${await app.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await replay?.close();
});

async function ask() {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  return (await response.json()) as { data?: { anime: Record<string, any> }; errors?: unknown[] };
}

describe('one anime from every JSON source', () => {
  it('fetches MAL, AniList, Kitsu and AnimeSchedule in parallel and merges them under the catalog entry', async () => {
    const body = await ask();
    expect(body.errors).toBeUndefined();
    const anime = body.data!.anime;
    expect(anime).toMatchObject({ id: 'mal:1', malId: 1, anilistId: 1, kitsuId: 1, schedule: { slug: 'cowboy-bebop' } });
    expect(anime.mal.score).toBeGreaterThan(8);
    expect(anime.anilist.averageScore).toBeGreaterThan(80);
    expect(anime.kitsu.averageRating).toBeGreaterThan(80);

    const calls = replay.requests;
    expect(calls.map((r) => r.path).sort()).toEqual(['/anilist/', '/kitsu/anime/1', '/v3/anime', '/v4/anime/1/full']);
    // Parallel: all four were waiting at once, so the barrier let them go together.
    expect(calls.map((r) => r.releasedBy)).toEqual(['barrier', 'barrier', 'barrier', 'barrier']);
    const lastStart = Math.max(...calls.map((r) => r.at));
    const firstDone = Math.min(...calls.map((r) => r.doneAt!));
    expect(lastStart).toBeLessThanOrEqual(firstDone);
  });

  it('answers the same query from the cache the second time', async () => {
    const before = replay.count();
    const body = await ask();
    expect(body.errors).toBeUndefined();
    expect(body.data!.anime.kitsu.averageRating).toBeGreaterThan(80);
    expect(replay.count()).toBe(before);
  });
});

describe('when sources fail', () => {
  let broken: App;
  let brokenUrl: string;
  beforeAll(async () => {
    // Same catalog, a fresh kit (empty cache) and a short upstream timeout.
    const config = { ...app.config, UPSTREAM_TIMEOUT_MS: 400 };
    broken = await createApp({ logger: false, config, catalog: app.catalog! });
    brokenUrl = `${await broken.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
  });
  afterAll(() => broken?.close());
  beforeEach(() => replay.reset());

  it('answers the catalog fields and the healthy sources, with a typed error per failed source', async () => {
    replay.fault({ path: '/v4/anime/1/full' }, { garbage: true });
    replay.fault({ path: '/kitsu/anime/1' }, { status: 503 });
    replay.fault({ path: '/v3/anime' }, { hang: true });
    const response = await fetch(brokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const body = (await response.json()) as { data: { anime: Record<string, any> }; errors: Array<{ extensions: Record<string, unknown> }> };
    expect(response.status).toBe(200);
    expect(body.data.anime).toMatchObject({ id: 'mal:1', title: 'Cowboy Bebop', mal: null, kitsu: null, schedule: null });
    expect(body.data.anime.anilist.averageScore).toBeGreaterThan(80);
    const bySource = Object.fromEntries(body.errors.map((e) => [e.extensions['source'], e.extensions['code']]));
    expect(bySource).toEqual({ jikan: 'SOURCE_BAD_RESPONSE', kitsu: 'SOURCE_UNAVAILABLE', animeschedule: 'SOURCE_UNAVAILABLE' });
  });
});
