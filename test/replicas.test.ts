// Two gateway replicas (separate processes) on one Redis, 100 concurrent clients through both, and
// a loopback upstream that records when each request arrives: the published limits of every
// source hold across the replicas in every window, identical concurrent misses reach the upstream
// once, and what one replica fetched the other serves from Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createClient } from '@keyv/redis';
import { loadCatalog } from '../src/catalog/index.js';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { assertPortsFree } from '../gateway/distributed.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { offlineEnv, tsLauncher } from './support/mcp-launch.js';
import { findRedis } from './support/redis.js';
import { describeWithPart } from './support/system-parts.js';

const UPSTREAM = resolve(projectRoot(), 'test/fixtures/upstream');
const redis = await findRedis();

/** The published limits (subgraphs/*\/client.ts), per upstream path prefix. */
const LIMITS: Array<{ source: string; prefix: string; points: number; windowMs: number }> = [
  { source: 'Jikan', prefix: '/v4/', points: 3, windowMs: 1_000 },
  { source: 'Jikan', prefix: '/v4/', points: 60, windowMs: 60_000 },
  { source: 'AniList', prefix: '/anilist', points: 30, windowMs: 60_000 },
  { source: 'AniDB', prefix: '/anidb/', points: 1, windowMs: 2_000 },
];

describeWithPart('redis', redis.problem, 'two-replica limits suite')('two gateway replicas on one Redis', () => {
  let replay: ReplayServer;
  const replicas: Array<{ child: ChildProcess; url: string }> = [];
  const namespace = `replicas-${randomUUID()}`;
  let malIds: number[] = [];
  let anidbMalIds: number[] = [];

  beforeAll(async () => {
    replay = await startReplayServer();
    // Real recordings for every id asked (the limits, not the payloads, are under test here).
    replay.route({ method: 'GET', path: /^\/v4\/anime\/\d+\/full$/, file: `${UPSTREAM}/jikan/anime-1-full.json` });
    replay.route({ method: 'POST', path: '/anilist', file: `${UPSTREAM}/anilist/media-1-cowboy-bebop.json` });
    replay.route({ method: 'GET', path: '/anidb/httpapi', file: `${UPSTREAM}/anidb/vagab0nd_10145.xml`, headers: { 'content-type': 'text/xml; charset=UTF-8' } });
    // Anime the catalog lists, so each question reaches the sources.
    const catalog = await loadCatalog(loadConfig({ LOG_LEVEL: 'silent' }));
    const listed = catalog.records.filter((r) => r.platformIds.some((p) => p.platform === 'MAL') && r.platformIds.some((p) => p.platform === 'ANIDB'));
    const malOf = (r: (typeof listed)[number]) => Number(r.platformIds.find((p) => p.platform === 'MAL')!.id);
    malIds = listed.slice(0, 30).map(malOf);
    anidbMalIds = listed.slice(30, 34).map(malOf);

    let base = 0;
    for (let attempt = 0; attempt < 20 && !base; attempt++) {
      // Below the ephemeral range (32768+), where outgoing connections of other tests take ports.
      const candidate = 20_000 + Math.floor(Math.random() * 12_000);
      await assertPortsFree([['replica a', candidate], ['replica b', candidate + 1]], '127.0.0.1').then(() => (base = candidate), () => undefined);
    }
    for (const port of [base, base + 1]) {
      const child = spawn(process.execPath, ['--no-warnings', tsLauncher('gateway/main.ts')], {
        env: {
          ...offlineEnv(),
          LOG_LEVEL: 'warn',
          PORT: String(port),
          REDIS_URL: redis.url!,
          REDIS_NAMESPACE: namespace,
          JIKAN_BASE_URL: `${replay.url}/v4`,
          ANILIST_URL: `${replay.url}/anilist`,
          ANIDB_BASE_URL: `${replay.url}/anidb`,
          ANIDB_CLIENT: 'animefederationtest',
          ANIDB_CLIENT_VERSION: '1',
          CATALOG_CACHE_DIR: process.env['CATALOG_CACHE_DIR'] ?? '.cache/catalog',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      replicas.push({ child, url: `http://127.0.0.1:${port}/graphql` });
    }
    for (const { url } of replicas) {
      for (let i = 0; ; i++) {
        if (i > 600) throw new Error(`replica at ${url} did not start`);
        const ok = await fetch(url.replace('/graphql', '/health')).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(
      replicas.map(({ child }) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))),
    );
    await replay?.close();
    const client = createClient({ url: redis.url! });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `*${namespace}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  });

  const ask = (replica: number, query: string) =>
    fetch(replicas[replica]!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(
      (r) => r.json() as Promise<{ data?: { anime: Record<string, unknown> | null }; errors?: Array<{ extensions?: { code?: string } }> }>,
    );

  /** The most arrivals (server clock) within any window of `windowMs`, for paths with `prefix`. */
  const busiest = (prefix: string, windowMs: number) => {
    const arrivals = replay.requests.filter((r) => r.path.startsWith(prefix)).map((r) => r.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[j]! < arrivals[i]! - windowMs + 1) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };

  it('keeps every source within its limits across both replicas, and sends each identical miss once', async () => {
    const clients = Array.from({ length: 100 }, (_, i) => {
      const malId = i < 8 ? anidbMalIds[i % anidbMalIds.length]! : malIds[i % malIds.length]!;
      const fields = ['title', 'mal { score }', i % 3 === 0 ? 'anilist { averageScore }' : '', i < 8 ? 'anidb { title }' : ''].join(' ');
      return ask(i % 2, `{ anime(malId: ${malId}) { ${fields} } }`);
    });
    const answers = await Promise.all(clients);
    expect(answers.filter((a) => a.data?.anime).length).toBe(100);

    for (const { source, prefix, points, windowMs } of LIMITS) {
      expect({ source, windowMs, most: busiest(prefix, windowMs) <= points }).toEqual({ source, windowMs, most: true });
    }
    // 34 distinct anime → 34 Jikan calls, however many clients and replicas asked.
    const jikan = replay.requests.filter((r) => r.path.startsWith('/v4/anime/'));
    expect(new Set(jikan.map((r) => r.path)).size).toBe(jikan.length);
    expect(jikan.length).toBe(new Set([...malIds, ...anidbMalIds]).size);
    // 4 AniDB ids, each asked by two clients on different replicas: one call each, and every one of
    // those clients answered without an error (a call that never left says why here: its code).
    const anidb = replay.requests.filter((r) => r.path.startsWith('/anidb/'));
    const anidbErrors = answers.slice(0, 8).flatMap((a, i) => (a.errors ?? []).map((e) => `client ${i}: ${e.extensions?.code ?? 'no code'}`));
    expect({ calls: anidb.length, errors: anidbErrors }).toEqual({ calls: anidbMalIds.length, errors: [] });
    expect(new Set(anidb.map((r) => r.query.get('aid'))).size).toBe(anidb.length);
  }, 240_000);

  it('serves from Redis on one replica what the other fetched', async () => {
    const before = replay.count();
    const answers = await Promise.all(malIds.slice(0, 10).map((malId, i) => ask(i % 2, `{ anime(malId: ${malId}) { mal { score } } }`)));
    expect(answers.every((a) => a.errors === undefined && a.data?.anime)).toBe(true);
    expect(replay.count()).toBe(before);
  });
});
