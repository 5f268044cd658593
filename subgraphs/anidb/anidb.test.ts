// The anidb subgraph against the loopback replay server serving real AniDB recordings
// (test/fixtures/upstream/anidb, see PROVENANCE.md): the anime answer gzip-compressed as AniDB sends
// it, and every fault AniDB is known for: bans (Banned, AntiLeech, code 302) that pause the source
// without a retry, HTML where XML was expected, malformed XML, slow bodies, and the request budgets.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { findRedis } from '../../test/support/redis.js';
import { describeWithPart } from '../../test/support/system-parts.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { buildAnidbSchema } from './schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream/anidb');
const file = (name: string) => resolve(FIXTURES, name);
const XML = { 'content-type': 'text/xml; charset=UTF-8' };

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { anidbId anidb {
  id title titleEnglish format status episodeCount startDate endDate studios picture score origin fetchedAt
  titles { title language type } ratings { permanent { value votes } temporary { value votes } review { value votes } }
  tags { name weight spoiler } creators { name role } resources { type site platform identifiers url }
  episodes { number kind index airDate title rating { value votes } }
} } } }`;

let replay: ReplayServer;
const kits: UpstreamKitWithStats[] = [];

/** A kit and schema of their own per test: nothing cached, a closed circuit, a full budget. */
async function subgraph(env: Record<string, string> = {}, options: Parameters<typeof createUpstreamKit>[1] = {}) {
  const config = loadConfig({ ANIDB_BASE_URL: replay.url, ANIDB_CLIENT: 'animefederation', ANIDB_CLIENT_VERSION: '1', LOG_LEVEL: 'silent', ...env });
  const kit = createUpstreamKit(config, { namespace: `anidb-test-${randomUUID()}`, ...options });
  kits.push(kit);
  const warnings: string[] = [];
  const schema = await buildAnidbSchema({ upstream: kit, config, now: () => new Date('2026-12-02T00:00:00Z'), log: { warn: (_o, msg) => warnings.push(msg) } });
  const entity = (anidbId: number): Promise<ExecutionResult> =>
    graphql({ schema, source: ENTITIES, variableValues: { reps: [{ __typename: 'Anime', anidbId }] }, contextValue: {} });
  return { kit, schema, entity, warnings };
}

const errorOf = (result: ExecutionResult) => result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
const anidbOf = (result: ExecutionResult) => (result.data?.['_entities'] as Array<{ anidb: Record<string, unknown> | null }>)[0]!.anidb;

beforeAll(async () => {
  replay = await startReplayServer();
  // AniDB always answers gzip-compressed; the replay sends the recording the same way.
  const dir = mkdtempSync(join(tmpdir(), 'anidb-replay-'));
  const gz = join(dir, '10145.xml.gz');
  writeFileSync(gz, gzipSync(readFileSync(file('vagab0nd_10145.xml'))));
  const aid = (id: string) => (req: { query: URLSearchParams }) => req.query.get('aid') === id;
  replay.route({ method: 'GET', path: '/httpapi', match: aid('10145'), file: gz, headers: { ...XML, 'content-encoding': 'gzip' } });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('959'), file: file('vagab0nd_959.xml'), headers: XML });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('1'), file: file('vagab0nd_series_aid1.xml'), headers: XML });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('666'), file: file('darkfeline_error_banned.xml'), headers: XML });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('667'), file: file('modb_anidb_anti-leech_page.html'), headers: { 'content-type': 'text/html' } });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('403'), file: file('modb_anidb_nginx_error_page.html'), status: 403, headers: { 'content-type': 'text/html' } });
  replay.route({ method: 'GET', path: '/httpapi', match: aid('200'), file: file('modb_anidb_nginx_error_page.html'), headers: XML });
});

afterEach(async () => {
  replay.reset();
  await Promise.all(kits.splice(0).map((k) => k.close()));
});

afterAll(() => replay.close());

describe('anidb subgraph', () => {
  it('resolves Anime.anidb by anidbId from the gzip-compressed XML, with the client AniDB requires', async () => {
    const { entity } = await subgraph();
    const result = await entity(10145);
    expect(result.errors).toBeUndefined();
    const anidb = anidbOf(result)!;
    expect(anidb).toMatchObject({ id: 10145, title: 'Haikyuu!!', titleEnglish: 'Haikyu!!', format: 'TV', status: 'COMPLETED', episodeCount: 25, studios: ['Production I.G'], score: 8.27, origin: 'UPSTREAM' });
    expect(anidb['ratings']).toEqual({ permanent: { value: 8.27, votes: 2196 }, temporary: { value: 8.04, votes: 2212 }, review: { value: 6.66, votes: 1 } });
    expect(anidb['resources']).toContainEqual({ type: 2, site: 'MyAnimeList', platform: 'MAL', identifiers: ['20583'], url: 'https://myanimelist.net/anime/20583' });
    expect((anidb['episodes'] as unknown[]).length).toBe(30);
    const [request] = replay.requests;
    expect(Object.fromEntries(request!.query)).toEqual({ request: 'anime', client: 'animefederation', clientver: '1', protover: '1', aid: '10145' });
  });

  it('answers a second time from the cache (AniDB asks for at least a day): one request', async () => {
    const { entity } = await subgraph();
    await entity(959);
    const again = await entity(959);
    expect(anidbOf(again)).toMatchObject({ id: 959, origin: 'CACHE' });
    expect(replay.count('/httpapi')).toBe(1);
  });

  it('anidbCached answers only from the cache: null and no request before, the record after an anidb call', async () => {
    const { schema, entity } = await subgraph();
    const cachedOnly = () =>
      graphql({ schema, source: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { anidbCached { id score origin } } } }', variableValues: { r: [{ __typename: 'Anime', anidbId: 959 }] }, contextValue: {} });
    const before = await cachedOnly();
    expect(before.errors).toBeUndefined();
    expect((before.data?.['_entities'] as Array<{ anidbCached: unknown }>)[0]!.anidbCached).toBeNull();
    expect(replay.count()).toBe(0);
    await entity(959);
    const after = await cachedOnly();
    expect((after.data?.['_entities'] as Array<{ anidbCached: unknown }>)[0]!.anidbCached).toMatchObject({ id: 959, origin: 'CACHE' });
    expect(replay.count('/httpapi')).toBe(1);
  });

  it('without a client name and version: one start-up warning, SOURCE_UNAVAILABLE with the reason, nothing sent', async () => {
    const { schema, entity, warnings } = await subgraph({ ANIDB_CLIENT: '', ANIDB_CLIENT_VERSION: '' });
    expect(warnings).toEqual([expect.stringMatching(/ANIDB_CLIENT and ANIDB_CLIENT_VERSION/)]);
    const result = await entity(10145);
    expect(anidbOf(result)).toBeNull();
    expect(errorOf(result)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anidb', reason: 'client-not-configured' });
    expect(result.errors?.[0]?.message).toMatch(/ANIDB_CLIENT/);
    // The cache-only field the merges read stays quiet: null, no error.
    const cached = await graphql({ schema, source: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { anidbCached { id } } } }', variableValues: { r: [{ __typename: 'Anime', anidbId: 10145 }] }, contextValue: {} });
    expect(cached.errors).toBeUndefined();
    expect(replay.count()).toBe(0);
  });

  it.each([
    [666, 'banned', /banned/i],
    [667, 'anti-leech', /AntiLeech/],
  ])('a ban answer (aid %d: %s) opens the circuit for hours, is never retried, and shows in the stats (/health)', async (aid, reason, message) => {
    const { kit, entity } = await subgraph({ ANIDB_BAN_PAUSE_S: '7200' }, { policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const started = Date.now();
    const first = await entity(aid);
    expect(anidbOf(first)).toBeNull();
    expect(errorOf(first)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anidb', reason });
    expect(first.errors?.[0]?.message).toMatch(message);
    expect(replay.count()).toBe(1);
    const stats = kit.stats()['anidb']!;
    expect(stats.circuit).toBe('isolated');
    expect(stats.refusal).toMatchObject({ reason });
    const until = Date.parse(stats.refusal!.until);
    expect(until - started).toBeGreaterThanOrEqual(7200_000 - 1000);
    // Any other anime, even one AniDB would serve, is not asked for until the pause ends.
    const other = await entity(959);
    expect(errorOf(other)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', reason, until: stats.refusal!.until });
    expect(replay.count()).toBe(1);
  });

  it('HTML where XML was expected (nginx page with 200) is SOURCE_BAD_RESPONSE, not a ban, and not retried', async () => {
    const { kit, entity } = await subgraph({}, { policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const result = await entity(200);
    expect(errorOf(result)).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'anidb', reason: 'html' });
    expect(result.errors?.[0]?.message).toMatch(/HTML page where XML was expected \("403 Forbidden"\)/);
    expect(replay.count()).toBe(1);
    expect(kit.stats()['anidb']!.refusal).toBeNull();
  });

  it('the nginx 403 page is SOURCE_BAD_RESPONSE with its status', async () => {
    const { entity } = await subgraph();
    expect(errorOf(await entity(403))).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', status: 403 });
  });

  it('malformed XML (a cut recording) is SOURCE_BAD_RESPONSE, sent once', async () => {
    const { entity } = await subgraph({}, { policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    replay.fault({ path: '/httpapi' }, { garbage: true, times: 1 });
    const result = await entity(959);
    expect(errorOf(result)).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'anidb', reason: 'malformed-xml' });
    expect(replay.count()).toBe(1);
  });

  it('a body that stops arriving times out as SOURCE_UNAVAILABLE, without a retry', async () => {
    const recording = readFileSync(file('vagab0nd_959.xml'));
    let requests = 0;
    const slow = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { ...XML, 'content-length': recording.length });
      res.write(recording.subarray(0, 1000));
      // …and the rest never comes (the socket is destroyed when the server closes).
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const { entity } = await subgraph({ ANIDB_BASE_URL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, UPSTREAM_TIMEOUT_MS: '300' });
      const started = Date.now();
      const result = await entity(959);
      expect(errorOf(result)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anidb', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(requests).toBe(1);
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });

  it('sends at most one request every 2 s', async () => {
    const { entity } = await subgraph();
    await Promise.all([entity(959), entity(1)]);
    expect(replay.count('/httpapi')).toBe(2);
    const [first, second] = [...replay.requests].sort((a, b) => a.at - b.at);
    expect(second!.at - first!.doneAt!).toBeGreaterThanOrEqual(2000);
  });

  it('stops at the daily cap with SOURCE_RATE_LIMITED and sends nothing more', async () => {
    const { entity } = await subgraph({ ANIDB_DAILY_LIMIT: '1' });
    expect((await entity(959)).errors).toBeUndefined();
    const started = Date.now();
    const capped = await entity(1);
    expect(errorOf(capped)).toMatchObject({ code: 'SOURCE_RATE_LIMITED', source: 'anidb' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(replay.count('/httpapi')).toBe(1);
  });
});

const redis = await findRedis();

describeWithPart('redis', redis.problem, 'AniDB shared ban suite')('anidb across replicas (Redis)', () => {
  it('a ban seen by one replica keeps every replica away', async () => {
    const namespace = `anidb-test-${randomUUID()}`;
    // The shortest pause allowed, so the test's marker leaves Redis within a minute.
    const env = { REDIS_URL: redis.url!, ANIDB_BAN_PAUSE_S: '60' };
    const one = await subgraph(env, { namespace });
    const two = await subgraph(env, { namespace });
    await Promise.all([one.kit.ready(), two.kit.ready()]);
    expect(errorOf(await one.entity(666))).toMatchObject({ reason: 'banned' });
    const other = await two.entity(959);
    expect(errorOf(other)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', reason: 'banned' });
    expect(replay.count('/httpapi')).toBe(1);
    expect(two.kit.stats()['anidb']!.circuit).toBe('isolated');
  });
});
