// The ann subgraph end to end against the loopback replay server serving real recordings
// (test/fixtures/upstream/ann and rss, see PROVENANCE.md): batched entity resolution, ids ANN has
// no result for, both entity keys, the news feed, and the faults (5xx, malformed XML, HTML, slow body).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayRequest, type ReplayServer } from '../../test/replay/server.js';
import { buildAnnSchema } from './schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const read = (path: string) => readFileSync(resolve(FIXTURES, path), 'utf8');

/** The recorded `<anime>` element of each answer, by id, unedited. */
const RECORDED = new Map<number, string>(
  (
    [
      [4658, 'ann/bacowan_annExample_anime_4658_jinki_extend.xml'],
      [885, 'ann/sprak3000_api_anime_885_rebuilt.xml'],
      [10076, 'ann/sprak3000_api_anime_10076_rebuilt.xml'],
    ] as const
  ).map(([id, file]) => [id, /<anime[\s>][\s\S]*<\/anime>/.exec(read(file))![0]]),
);

/**
 * A batch answer as ANN composes it: `<ann>` holding the recorded `<anime>` of each requested id
 * it knows, and `<warning>no result for anime=…</warning>` for each other id.
 */
function batchAnswer(req: ReplayRequest): string {
  const ids = (req.query.get('anime') ?? '').split('/').map(Number);
  return `<ann>${ids.map((id) => RECORDED.get(id) ?? `<warning>no result for anime=${id}</warning>`).join('\n')}</ann>`;
}

const XML = { 'content-type': 'text/xml; charset=utf-8' };
const POLICY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };

let replay: ReplayServer;
let kit: UpstreamKitWithStats;
let schema: GraphQLSchema;
let catalog: Catalog;

const configFor = (url: string, extra: Record<string, string> = {}) =>
  loadConfig({ ANN_BASE_URL: url, ANN_NEWS_URL: `${url}/all/rss.xml`, LOG_LEVEL: 'silent', ...extra });

async function run(source: string, variableValues?: Record<string, unknown>, on = schema): Promise<ExecutionResult> {
  return graphql({ schema: on, source, variableValues, contextValue: {} });
}

/** Fault tests get their own kit: nothing cached by earlier tests, a closed circuit. */
async function withFreshKit<T>(url: string, body: (fresh: GraphQLSchema) => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  const config = configFor(url, extra);
  const fresh = createUpstreamKit(config, { namespace: `ann-fault-${process.pid}-${Math.random()}`, policy: POLICY });
  try {
    return await body(await buildAnnSchema({ upstream: fresh, config, catalog }));
  } finally {
    await fresh.close();
  }
}

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { id annId ann { id name mainTitle ratings { votes bayesianScore } episodes { num } } } } }`;
type Entity = { id: string; annId: number | null; ann: { id: number; name: string | null; mainTitle: string | null; ratings: { votes: number; bayesianScore: number | null } | null; episodes: unknown[] } | null };
const entitiesOf = (result: ExecutionResult) => (result.data as { _entities: Entity[] })._entities;
const codesOf = (result: ExecutionResult) => (result.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  // The bundled sample only (no romaji, no other providers): fast, and it lists ANN ids.
  catalog = await loadCatalog(loadConfig({ LOG_LEVEL: 'silent', CATALOG_BANGUMI: 'false', CATALOG_MAL: 'false', CATALOG_MOVIES_PATH: '', CATALOG_ROMAJI: 'false' }));
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: '/api.xml', headers: XML, body: batchAnswer });
  replay.route({ method: 'GET', path: '/all/rss.xml', headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, file: resolve(FIXTURES, 'rss/weblabor.hu.xml') });
  const config = configFor(replay.url);
  kit = createUpstreamKit(config, { namespace: `ann-test-${process.pid}`, policy: POLICY });
  schema = await buildAnnSchema({ upstream: kit, config, catalog });
});

afterEach(() => replay.reset());

afterAll(async () => {
  await kit.close();
  await replay.close();
});

describe('Anime.ann via _entities', () => {
  it('resolves many references with one api.xml call, and an id ANN has no result for is null, not an error', async () => {
    const result = await run(ENTITIES, { reps: [4658, 885, 10076, 999999].map((annId) => ({ __typename: 'Anime', annId })) });
    expect(result.errors).toBeUndefined();
    expect(replay.count('/api.xml')).toBe(1);
    expect(replay.requests[0]!.query.get('anime')).toBe('885/4658/10076/999999');
    const entities = entitiesOf(result);
    expect(entities.map((e) => e.ann?.name ?? null)).toEqual(['Jinki:Extend', 'Lupin III: Part II', 'Lupin III: Sweet Lost Night - Mahō no Lamp wa Akumu no Yokan', null]);
    expect(entities[0]!.ann).toMatchObject({ id: 4658, ratings: { votes: 406, bayesianScore: 6.02802 } });
    expect(entities[0]!.ann!.episodes).toHaveLength(13);
    // Ids ANN lists that the catalog does not: the `ann:` alias, which the catalog resolves.
    expect(entities[0]!.id).toBe('ann:4658');
    expect(entities[3]).toEqual({ id: 'ann:999999', annId: 999999, ann: null });
  });

  it('completes a reference by either key from the catalog (an entry listing two ANN pages exposes the lowest)', async () => {
    const dandadan = catalog.byId('mal:57334')!;
    expect(dandadan.title).toBe('Dandadan');
    const result = await run(ENTITIES, { reps: [{ __typename: 'Anime', id: 'mal:57334' }, { __typename: 'Anime', annId: 34211 }] });
    expect(result.errors).toBeUndefined();
    const [byId, byAnnId] = entitiesOf(result);
    expect(byId).toMatchObject({ id: 'mal:57334', annId: 30869 });
    expect(byAnnId).toMatchObject({ id: 'mal:57334', annId: 34211 });
    // Neither id is recorded: ANN's answer is two warnings, so both are absent.
    expect(replay.requests[0]!.query.get('anime')).toBe('30869/34211');
    expect(byId!.ann).toBeNull();
  });

  it('keeps to one request per second across operations', async () => {
    await withFreshKit(replay.url, async (fresh) => {
      await run(ENTITIES, { reps: [{ __typename: 'Anime', annId: 4658 }] }, fresh);
      await run(ENTITIES, { reps: [{ __typename: 'Anime', annId: 885 }] }, fresh);
    });
    const [first, second] = replay.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });
});

describe('Anime.annCached (what the merges read)', () => {
  const CACHED = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { annCached { id origin } } } }`;
  const BOTH = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { ann { id } annCached { id origin } } } }`;
  const reps = [{ __typename: 'Anime', annId: 4658 }];
  type Cached = { annCached: { id: number; origin: string } | null; ann?: { id: number } | null };
  const cachedOf = (result: ExecutionResult) => (result.data as { _entities: Cached[] })._entities[0]!;

  it('never calls ANN: null until a lone call for the id is cached, then that answer', async () => {
    await withFreshKit(replay.url, async (fresh) => {
      expect(cachedOf(await run(CACHED, { reps }, fresh)).annCached).toBeNull();
      expect(replay.count('/api.xml')).toBe(0);
      await run(ENTITIES, { reps }, fresh);
      expect(replay.count('/api.xml')).toBe(1);
      expect(cachedOf(await run(CACHED, { reps }, fresh)).annCached).toEqual({ id: 4658, origin: 'CACHE' });
      expect(replay.count('/api.xml')).toBe(1);
    });
  });

  it('shares the `ann` load of the same operation, and stays null (no error) when that load fails', async () => {
    await withFreshKit(replay.url, async (fresh) => {
      const result = await run(BOTH, { reps }, fresh);
      expect(result.errors).toBeUndefined();
      expect(cachedOf(result)).toEqual({ ann: { id: 4658 }, annCached: { id: 4658, origin: 'UPSTREAM' } });
      expect(replay.count('/api.xml')).toBe(1);
    });
    replay.fault({ path: '/api.xml' }, { status: 503 });
    const failed = await withFreshKit(replay.url, (fresh) => run(BOTH, { reps }, fresh));
    expect(cachedOf(failed)).toEqual({ ann: null, annCached: null });
    expect(codesOf(failed)).toEqual(['SOURCE_UNAVAILABLE']);
  });
});

describe('faults: only the ann field fails, with a typed error', () => {
  it('an upstream 503 is SOURCE_UNAVAILABLE for every id of the batch', async () => {
    replay.fault({ path: '/api.xml' }, { status: 503 });
    const result = await withFreshKit(replay.url, (fresh) => run(ENTITIES, { reps: [4658, 885].map((annId) => ({ __typename: 'Anime', annId })) }, fresh));
    expect(entitiesOf(result).map((e) => [e.annId, e.ann])).toEqual([
      [4658, null],
      [885, null],
    ]);
    expect(new Set(codesOf(result))).toEqual(new Set(['SOURCE_UNAVAILABLE']));
    expect(result.errors![0]!.extensions).toMatchObject({ source: 'ann' });
  });

  it('malformed XML (a real answer cut short) is SOURCE_BAD_RESPONSE', async () => {
    replay.fault({ path: '/api.xml' }, { garbage: true });
    const result = await withFreshKit(replay.url, (fresh) => run(ENTITIES, { reps: [{ __typename: 'Anime', annId: 4658 }] }, fresh));
    expect(entitiesOf(result)[0]!.ann).toBeNull();
    expect(codesOf(result)).toEqual(['SOURCE_BAD_RESPONSE']);
    expect(result.errors![0]!.extensions).toMatchObject({ source: 'ann', reason: 'malformed-xml' });
  });

  it('an HTML page where XML was expected is SOURCE_BAD_RESPONSE', async () => {
    const html = await startReplayServer();
    try {
      // A real web-server page (AniDB's nginx 403 page), served with 200 the way a CDN error page comes.
      html.route({ path: '/api.xml', headers: { 'content-type': 'text/html' }, file: resolve(FIXTURES, 'anidb/modb_anidb_nginx_error_page.html') });
      const result = await withFreshKit(html.url, (fresh) => run(ENTITIES, { reps: [{ __typename: 'Anime', annId: 4658 }] }, fresh));
      expect(entitiesOf(result)[0]!.ann).toBeNull();
      expect(codesOf(result)).toEqual(['SOURCE_BAD_RESPONSE']);
      expect(result.errors![0]!.extensions).toMatchObject({ source: 'ann', reason: 'html' });
    } finally {
      await html.close();
    }
  });

  it('a body that trickles past the timeout is SOURCE_UNAVAILABLE', async () => {
    const body = Buffer.from(`<ann>${RECORDED.get(4658)}</ann>`, 'utf8');
    // Headers and the first bytes at once, then nothing within the timeout: a slow body, not a slow server.
    const slow: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': body.length });
      res.write(body.subarray(0, 200));
      const timer = setTimeout(() => res.end(body.subarray(200)), 2000);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((ready) => slow.listen(0, '127.0.0.1', ready));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      const result = await withFreshKit(url, (fresh) => run(ENTITIES, { reps: [{ __typename: 'Anime', annId: 4658 }] }, fresh), { UPSTREAM_TIMEOUT_MS: '300' });
      expect(entitiesOf(result)[0]!.ann).toBeNull();
      expect(codesOf(result)).toEqual(['SOURCE_UNAVAILABLE']);
    } finally {
      slow.closeAllConnections();
      await new Promise((done) => slow.close(done));
    }
  });
});

describe('annNews', () => {
  const NEWS = `query($first: Int, $animeId: ID) { annNews(first: $first, animeId: $animeId) { title url guid description publishedAt categories anime { id annId } matchedNames } }`;
  type Item = { title: string; url: string | null; publishedAt: Date | null; categories: string[]; description: string | null; anime: unknown[] };

  it('reads the RSS feed as configured, newest first as the feed orders it, cut to `first`', async () => {
    const result = await run(NEWS, { first: 3 });
    expect(result.errors).toBeUndefined();
    const items = (result.data as { annNews: Item[] }).annNews;
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      title: 'Webfejlesztőt keresünk',
      url: 'http://weblabor.hu/forumok/temak/11167',
      publishedAt: new Date('2006-01-04T16:19:44.000Z'),
      categories: ['Munka / Állás'],
      anime: [],
    });
    // Descriptions are plain text (the feed escapes HTML inside them).
    expect(items[0]!.description).toMatch(/^Az Antikkönyv\.hu Kft\. webfejlesztőt keres: Feladat:/);
    expect(replay.count('/all/rss.xml')).toBe(1);
    // The feed is cached: a second question costs no call.
    await run(NEWS, { first: 15 });
    expect(replay.count('/all/rss.xml')).toBe(1);
  });

  it('keeps only the items naming the anime asked for (none in this feed)', async () => {
    const result = await run(NEWS, { animeId: 'mal:57334' });
    expect(result.errors).toBeUndefined();
    expect((result.data as { annNews: Item[] }).annNews).toEqual([]);
  });

  it.each([
    [{ first: 0 }, 'BAD_USER_INPUT'],
    [{ first: 101 }, 'BAD_USER_INPUT'],
    [{ animeId: 'mal:999999999' }, 'NOT_FOUND'],
  ])('answers %j with %s', async (variables, code) => {
    const result = await run(NEWS, variables);
    expect(result.data).toEqual({ annNews: null });
    expect(codesOf(result)).toEqual([code]);
  });

  it('an unavailable feed is SOURCE_UNAVAILABLE with annNews null', async () => {
    replay.fault({ path: '/all/rss.xml' }, { status: 503 });
    const result = await withFreshKit(replay.url, (fresh) => run(NEWS, {}, fresh));
    expect(result.data).toEqual({ annNews: null });
    expect(codesOf(result)).toEqual(['SOURCE_UNAVAILABLE']);
    expect(result.errors![0]!.extensions).toMatchObject({ source: 'ann-news' });
  });
});
