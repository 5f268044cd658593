// REST over the graph, through the real app on the real catalog, with upstream routes answered by
// the loopback replay server from real recordings (test/fixtures/upstream/PROVENANCE.md).
import { readFile } from 'node:fs/promises';
import { createApp, type App } from '../gateway/app.js';
import { MAX_BATCH, OPERATION_ROUTES } from '../src/rest/index.js';
import type { ReplayServer } from './replay/server.js';
import { RECORDED_SCHEDULE_NOW, startRecordedUpstreams } from './support/replay-bebop.js';

const UPSTREAM = 'test/fixtures/upstream';
const recording = async (path: string) => JSON.parse(await readFile(`${UPSTREAM}/${path}`, 'utf8'));

let app: App;
let replay: ReplayServer;
let origin: string;

beforeAll(async () => {
  const upstreams = await startRecordedUpstreams();
  replay = upstreams.replay;
  replay.route({ method: 'GET', path: '/v4/seasons/2020/winter', file: `${UPSTREAM}/jikan/seasons-2020-winter.json` });
  replay.route({ method: 'GET', path: '/v4/random/anime', file: `${UPSTREAM}/jikan/random-anime.json` });
  replay.route({ method: 'GET', path: '/v4/schedules', match: (r) => r.query.get('filter') === 'monday', file: `${UPSTREAM}/jikan/schedules-monday.json` });
  replay.route({ method: 'GET', path: '/v4/genres/anime', file: `${UPSTREAM}/jikan/genres-anime.json` });
  app = await createApp({ logger: false, config: upstreams.config, now: () => RECORDED_SCHEDULE_NOW });
  origin = await app.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await replay?.close();
});

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as any };
}
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('catalog routes', () => {
  it('GET /api/anime/{id} runs GetAnimeById and echoes the correlation id', async () => {
    const res = await call('/api/anime/mal:1', { headers: { 'x-correlation-id': 'rest-test-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('rest-test-1');
    expect(res.body.operation).toBe('GetAnimeById');
    expect(res.body.variables).toEqual({ id: 'mal:1' });
    expect(res.body.data.anime).toMatchObject({ id: 'mal:1', title: 'Cowboy Bebop', malId: 1 });
  });

  it('answers the same data as /graphql (one data path)', async () => {
    const rest = await call('/api/anime/mal:1/ratings');
    const source = await readFile('schema/operations/compare-ratings.graphql', 'utf8');
    const graphql = await post('/graphql', { query: source, variables: { id: 'mal:1' } });
    expect(rest.status).toBe(200);
    expect(rest.body.data).toEqual(graphql.body.data);
  });

  it('unknown id → 404 NOT_FOUND', async () => {
    const res = await call('/api/anime/mal:999999999');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no anime/i) });
  });

  it.each([
    ['/api/search?first=0', /first/],
    ['/api/search?first=abc', /first/],
    ['/api/search?sort=SIDEWAYS', /sort/],
    ['/api/anime/not%20an%20id', /id/],
    ['/api/seasonal/2020/autumn', /season/],
    ['/api/seasonal/1800/winter', /year/],
    ['/api/anime/mal:1/similar?first=51', /first/],
    ['/api/schedule?timezone=Mars/Olympus', /timezone/],
    ['/api/external/anilist/search?formatIn=UNKNOWN', /formatIn/],
    ['/api/external/jikan/seasons/1916/winter', /year/],
  ])('bad input %s → typed 400', async (path, mentions) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toMatch(mentions);
  });

  it('GET /api/search finds a title with its filters', async () => {
    const res = await call('/api/search?q=cowboy%20bebop&formats=TV&first=3');
    expect(res.status).toBe(200);
    expect(res.body.variables).toEqual({ query: 'cowboy bebop', formats: ['TV'], first: 3 });
    expect(res.body.data.search.nodes[0]).toMatchObject({ id: 'mal:1', format: 'TV' });
  });

  it('GET /api/seasonal/{year}/{season} takes either case', async () => {
    const lower = await call('/api/seasonal/1998/spring?first=100');
    const upper = await call('/api/seasonal/1998/SPRING?first=100');
    expect(lower.status).toBe(200);
    expect(lower.body.variables).toEqual({ year: 1998, season: 'SPRING', first: 100 });
    expect(lower.body.data).toEqual(upper.body.data);
    expect(lower.body.data.seasonal.nodes.length).toBeGreaterThan(0);
    expect(lower.body.data.seasonal.nodes.every((n: any) => n.startDate.startsWith('1998-0'))).toBe(true);
  });

  it('GET /api/anime/{id}/similar and /streaming run their operations', async () => {
    const similar = await call('/api/anime/mal:1/similar?first=5');
    expect(similar.status).toBe(200);
    expect(similar.body.data.anime.similar).toHaveLength(5);
    const streaming = await call('/api/anime/mal:1/streaming?region=US');
    expect(streaming.status).toBe(200);
    expect(streaming.body.operation).toBe('GetStreamingInfo');
    expect(Array.isArray(streaming.body.data.anime.streaming)).toBe(true);
  });

  it.each([
    ['DELETE', '/api/anime/mal:1', 'GET, HEAD'],
    ['PUT', '/stats', 'GET, HEAD'],
    ['GET', '/api/query', 'POST'],
  ])('%s %s → 405 with Allow', async (method, path, allow) => {
    const res = await call(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('unknown /api path → 404 in the REST error shape', async () => {
    const res = await call('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('upstream routes (replayed recordings)', () => {
  it('GET /api/schedule?weekly=true gives the recorded AnimeSchedule week', async () => {
    const res = await call('/api/schedule?weekly=true&week=38&year=2026');
    const recorded = await recording('animeschedule/timetables-sub-2026-w38.json');
    expect(res.status).toBe(200);
    expect(res.body.data.week.entries.length).toBeGreaterThan(0);
    expect(res.body.data.week.entries.map((e: any) => e.title)).toContain(recorded[0].title);
  });

  it('GET /api/external/animeschedule/timetables sets weekly itself', async () => {
    const res = await call('/api/external/animeschedule/timetables?week=38&year=2026');
    expect(res.status).toBe(200);
    expect(res.body.variables).toMatchObject({ weekly: true, week: '38', year: 2026 });
    expect(res.body.data.week.week).toBe(38);
  });

  it('GET /api/external/jikan/top gives the recorded MAL top list', async () => {
    const res = await call('/api/external/jikan/top');
    const recorded = await recording('jikan/top-anime.json');
    expect(res.status).toBe(200);
    expect(res.body.data.malTop.nodes[0].title).toBe(recorded.data[0].title);
  });

  it('GET /api/external/jikan/seasons/{year}/{season}, /random and /schedules', async () => {
    const season = await call('/api/external/jikan/seasons/2020/winter');
    expect(season.status).toBe(200);
    expect(season.body.data.malSeason.nodes[0].malId).toBe((await recording('jikan/seasons-2020-winter.json')).data[0].mal_id);
    const random = await call('/api/external/jikan/random');
    expect(random.status).toBe(200);
    expect(random.body.data.malRandom.malId).toBe((await recording('jikan/random-anime.json')).data.mal_id);
    const monday = await call('/api/external/jikan/schedules?day=MONDAY');
    expect(monday.status).toBe(200);
    expect(monday.body.data.malSchedule.nodes[0].malId).toBe((await recording('jikan/schedules-monday.json')).data[0].mal_id);
  });

  it('GET /api/external/jikan/anime/{malId}/recommendations', async () => {
    const res = await call('/api/external/jikan/anime/11757/recommendations');
    expect(res.status).toBe(200);
    expect(res.body.data.anime.mal.recommendations.length).toBeGreaterThan(0);
  });

  it('GET /api/external/jikan/anime/{malId}/characters and /staff', async () => {
    const characters = await call('/api/external/jikan/anime/1/characters?first=3');
    expect(characters.status).toBe(200);
    expect(characters.body.operation).toBe('GetAnimeCharacters');
    const recorded = (await recording('jikan/anime-1-characters.json')).data;
    expect(characters.body.data.anime.mal.characters.map((c: { character: { malId: number } }) => c.character.malId)).toEqual(recorded.slice(0, 3).map((c: { character: { mal_id: number } }) => c.character.mal_id));
    const staff = await call('/api/external/jikan/anime/11757/staff');
    expect(staff.status).toBe(200);
    expect(staff.body.data.anime.mal.staff).toEqual([{ positions: ['Producer'], person: { malId: 14031, name: 'Iwakami, Atsuhiro', url: expect.stringContaining('/people/14031/') } }]);
  });

  it('GET /api/external/jikan/anime/{malId}/episodes and /reviews pass the page and flags on', async () => {
    const episodes = await call('/api/external/jikan/anime/11757/episodes?page=1');
    expect(episodes.status).toBe(200);
    const list = episodes.body.data.anime.mal.episodeList;
    expect(list.nodes).toHaveLength((await recording('jikan/anime-11757-episodes.json')).data.length);
    expect(list.nodes[1]).toMatchObject({ number: 2, title: 'Beater', filler: false, recap: false });
    const reviews = await call('/api/external/jikan/anime/11757/reviews?spoilers=true');
    expect(reviews.status).toBe(200);
    expect(reviews.body.variables).toEqual({ malId: 11757, spoilers: true });
    expect(reviews.body.data.anime.mal.reviews.nodes.map((r: { malId: number; score: number }) => [r.malId, r.score])).toEqual([[138911, 4], [164583, 2]]);
    expect(replay.requests.filter((r) => r.path === '/v4/anime/11757/reviews').at(-1)?.query.get('spoilers')).toBe('true');
  });

  it('GET /api/external/anidb/anime/{anidbId}: AniDB\'s record, then the ratings route with AniDB from the cache', async () => {
    const res = await call('/api/external/anidb/anime/10145');
    expect(res.status).toBe(200);
    expect(res.body.operation).toBe('GetAnimeFromAnidb');
    const anidb = res.body.data.anime.anidb;
    expect(anidb).toMatchObject({ id: 10145, url: 'https://anidb.net/anime/10145', episodeCount: 25 });
    expect(anidb.ratings.permanent.votes).toBeGreaterThan(0);
    const calls = replay.requests.filter((r) => r.path === '/anidb/httpapi').length;
    const ratings = await call(`/api/anime/${encodeURIComponent(res.body.data.anime.id)}/ratings`);
    expect(ratings.status).toBe(200);
    expect(ratings.body.data.anime.ratings.platforms.find((p: { source: string }) => p.source === 'ANIDB')).toMatchObject({ raw: anidb.ratings.permanent.value, votes: anidb.ratings.permanent.votes });
    expect(replay.requests.filter((r) => r.path === '/anidb/httpapi').length).toBe(calls);
    expect((await call('/api/external/anidb/anime/99999999')).status).toBe(404);
    expect((await call('/api/external/anidb/anime/0')).status).toBe(400);
  });

  it('GET /api/external/ann/news lists the feed\'s items; /ann/anime/{annId} answers 404 for an id the catalog lacks', async () => {
    const news = await call('/api/external/ann/news?first=2');
    expect(news.status).toBe(200);
    expect(news.body.data.annNews).toHaveLength(2);
    expect(news.body.data.annNews[0]).toEqual(expect.objectContaining({ title: expect.any(String), url: expect.stringMatching(/^https?:/) }));
    expect((await call('/api/external/ann/news?first=0')).status).toBe(400);
    expect((await call('/api/external/ann/anime/99999999')).status).toBe(404);
  });

  it('GET /api/external/livechart/seasons/{year}/{season} reads the recorded chart; 404 for a season LiveChart lacks, 400 for a year out of range', async () => {
    const res = await call('/api/external/livechart/seasons/2025/spring');
    expect(res.status).toBe(200);
    expect(res.body.operation).toBe('LivechartSeason');
    const entries = res.body.data.livechartSeason.entries;
    expect(entries).toHaveLength(15);
    // The one card LiveChart knows to the minute: a broadcast time; a month-precision card has none.
    expect(entries.find((e: { id: number }) => e.id === 12836)).toMatchObject({ premierePrecision: 'TIME', airsAt: '2025-03-25T15:00:00.000Z' });
    expect(entries[0]).toMatchObject({ premierePrecision: 'MONTH', premiereDate: '2025-04', airsAt: null, anime: { id: 'mal:51818', title: expect.any(String) } });
    expect((await call('/api/external/livechart/seasons/2024/fall')).status).toBe(404);
    expect((await call('/api/external/livechart/seasons/1800/fall')).status).toBe(400);
  });

  it('the MAL list routes refuse a page below 1 and an unknown flag value with 400', async () => {
    for (const path of ['/api/external/jikan/anime/11757/episodes?page=0', '/api/external/jikan/anime/11757/reviews?spoilers=maybe', '/api/external/jikan/anime/1/characters?first=-1']) {
      const res = await call(path);
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 400, code: 'BAD_USER_INPUT' });
    }
  });

  it('an upstream answer that is not JSON → 502 SOURCE_BAD_RESPONSE', async () => {
    replay.fault({ path: '/v4/genres/anime' }, { garbage: true });
    const res = await call('/api/external/jikan/genres');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('SOURCE_BAD_RESPONSE');
  });

  it('an unreachable upstream → 503 with Retry-After', async () => {
    replay.fault({ path: '/v4/seasons/2021/fall' }, { status: 503 });
    const res = await call('/api/external/jikan/seasons/2021/fall');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SOURCE_UNAVAILABLE');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});

describe('natural language and batch', () => {
  it('POST /api/query answers with the operation and variables it ran, which repeat the answer', async () => {
    const res = await post('/api/query', { query: 'in what order should I watch Cowboy Bebop' });
    expect(res.status).toBe(200);
    expect(res.body.variables).toMatchObject({ id: 'mal:1' });
    expect(res.body.answer).not.toBeNull();
    const repeated = await post('/api/batch', { items: [{ operation: res.body.operation, variables: res.body.variables }] });
    expect(repeated.body.results[0].data).toEqual(res.body.answer);
  });

  it.each([
    ['no question', {}, /query/],
    ['an empty question', { query: '' }, /query/],
    ['a question over 2000 characters', { query: 'x'.repeat(2001) }, /query/],
    ['a region that is not a country code', { query: 'hi', region: 'United States' }, /region/],
    ['a time zone IANA does not know', { query: 'hi', timezone: 'Mars/Olympus' }, /timezone/],
    ['a number for a string', { query: 'hi', timezone: 0 }, /timezone must be a string/],
    ['an unknown field', { query: 'hi', lang: 'en' }, /lang is not a known field/],
  ])('POST /api/query with %s → 400', async (_case, body, mentions) => {
    const res = await post('/api/query', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toMatch(mentions);
  });

  it('POST /api/query pins AniDB when asked about it, reads it now, and says the rating in its summary', async () => {
    const res = await post('/api/query', { query: 'what does AniDB rate Haikyuu!!' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ operation: 'GetAnimeFromSource', variables: { source: 'ANIDB', withAnidb: true } });
    const permanent = res.body.answer.anime.anidb.ratings.permanent;
    expect(res.body.summary).toContain(`AniDB rates ${res.body.answer.anime.title} ${permanent.value}/10`);
  });

  it('a body that is not JSON → 400', async () => {
    const res = await call('/api/query', { method: 'POST', body: '{"query":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
  });

  it('POST /api/batch keeps order and answers each item on its own', async () => {
    const res = await post('/api/batch', {
      items: [
        { operation: 'GetAnimeById', variables: { id: 'mal:1' } },
        { query: 'in what order should I watch Cowboy Bebop' },
        { operation: 'NoSuchOperation' },
        { operation: 'GetAnimeById', variables: { id: 'mal:999999999' } },
        { operation: 'GetSeasonalAnime', variables: { year: 1998, season: 'SPRING', first: 2 } },
        { sessionId: 'neither-query-nor-operation' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.status)).toEqual([200, 200, 400, 404, 200, 400]);
    expect(res.body.results[0].data.anime.title).toBe('Cowboy Bebop');
    expect(res.body.results[1].variables).toMatchObject({ id: 'mal:1' });
    expect(res.body.results[2].error.message).toMatch(/unknown operation/);
    expect(res.body.results[3].error.code).toBe('NOT_FOUND');
  });

  it(`POST /api/batch refuses more than ${MAX_BATCH} items and an empty list`, async () => {
    const many = Array.from({ length: MAX_BATCH + 1 }, () => ({ operation: 'GetAnimeById', variables: { id: 'mal:1' } }));
    const tooMany = await post('/api/batch', { items: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/50/);
    expect((await post('/api/batch', { items: [] })).status).toBe(400);
    const full = await post('/api/batch', { items: many.slice(0, MAX_BATCH) });
    expect(full.status).toBe(200);
    expect(full.body.results).toHaveLength(MAX_BATCH);
  });
});

describe('OpenAPI, stats and metrics', () => {
  it('/openapi.json is OpenAPI 3.1 with every route', async () => {
    const res = await call('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const route of OPERATION_ROUTES) expect(paths).toContain(route.url.replace(/:(\w+)/g, '{$1}'));
    expect(paths).toEqual(expect.arrayContaining(['/api/query', '/api/batch', '/stats']));
    expect(res.body.paths['/api/search'].get.parameters.map((p: any) => p.name)).toContain('q');
  });

  it('/metrics moves after requests: latency by door and operation, errors by code', async () => {
    const count = async (pattern: RegExp) => {
      const text = await (await fetch(`${origin}/metrics`)).text();
      return Number(text.match(pattern)?.[1] ?? 0);
    };
    const latency = /anime_request_duration_seconds_count\{door="rest",operation="GetFranchise",status="2xx"\} (\d+)/;
    const notFound = /anime_errors_total\{door="rest",code="NOT_FOUND"\} (\d+)/;
    const graphql = /anime_request_duration_seconds_count\{door="graphql",operation="Franchise",status="2xx"\} (\d+)/;
    const [before, notFoundBefore, graphqlBefore] = [await count(latency), await count(notFound), await count(graphql)];
    await post('/api/batch', { items: [{ operation: 'GetFranchise', variables: { id: 'mal:1' } }] });
    await call('/api/anime/mal:999999999');
    await post('/graphql', { query: 'query Franchise { franchise(id: "mal:1") { id } }', operationName: 'Franchise' });
    expect(await count(/anime_request_duration_seconds_count\{door="rest",operation="Batch",status="2xx"\} (\d+)/)).toBeGreaterThan(0);
    expect(await count(notFound)).toBe(notFoundBefore + 1);
    expect(await count(graphql)).toBe(graphqlBefore + 1);
    expect(before).toBe(0);
    const text = await (await fetch(`${origin}/metrics`)).text();
    expect(text).toMatch(/anime_upstream_requests_total\{source="jikan"\} [1-9]/);
    expect(text).toMatch(/anime_upstream_circuit_state\{source="jikan",state="closed"\} [01]/);
    expect(text).toMatch(/anime_nl_intents_total\{intent="[a-z_]+"\} [1-9]/);
    // The LiveChart season chart read above: scraping counted apart from the API sources.
    expect(text).toMatch(/anime_scrape_requests_total\{source="livechart",outcome="success"\} [1-9]/);
    expect(text).not.toMatch(/anime_scrape_requests_total\{source="jikan"/);
  });

  it('/stats shows the same counters as JSON', async () => {
    const res = await call('/stats');
    expect(res.status).toBe(200);
    expect(res.body.requests).toEqual(expect.arrayContaining([expect.objectContaining({ door: 'rest', operation: 'GetAnimeById', status: '2xx' })]));
    expect(res.body.errors['rest NOT_FOUND']).toBeGreaterThan(0);
    expect(res.body.upstreams.jikan.upstreamRequests).toBeGreaterThan(0);
  });
});
