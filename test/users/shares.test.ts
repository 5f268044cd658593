// Shared watchlists on SQLite and the real PostgreSQL: publishing a read-only link (token shown
// once, only its hash stored), reading it without a key through GraphQL and GET /api/lists/{token}
// of the real app, the status filter, forged and unknown tokens (NOT_FOUND, 404), one user never
// reaching another's list or links, and unpublishing, account deletion and purge ending a link at
// once. Anime are the real catalog's (Cowboy Bebop mal:1, Naruto mal:20).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../gateway/app.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { exportCsv, UsersService, WatchStatus } from '../../src/users/index.js';
import { MAX_SHARES_PER_USER, SHARE_MAX_AGE_S, SharesService } from '../../src/users/shares/index.js';
import Fastify from 'fastify';
import { get as httpGet } from 'node:http';
import { Writable } from 'node:stream';
import { loggerOptions } from '../../src/log/index.js';
import { accessHarness, call, type Harness } from '../auth/support.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { allRows, usersGateway, type UsersGateway } from './support.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({}));
}, 120_000);

const SET = `mutation Set($animeId: ID!, $status: WatchStatus!, $score: Float, $progress: Int) { setWatchStatus(animeId: $animeId, status: $status, score: $score, progress: $progress) { status } }`;
const PUBLISH = `mutation P($status: WatchStatus) { publishWatchlist(status: $status) { id token path status createdAt } }`;
const UNPUBLISH = `mutation U($id: ID) { unpublishWatchlist(id: $id) }`;
const READ = `query S($token: String!) { sharedWatchlist(token: $token) { status createdAt entries { status score progress anime { id title } } } }`;
const SHARES = `{ viewer { shares { id status createdAt } } }`;

const forgedToken = () => `wl_${randomBytes(32).toString('base64url')}`;

function sharesContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let service: UsersService;
  let gateway: UsersGateway;
  let alice: { userId: string; apiKey: string; keyId: string };
  let bob: { userId: string; apiKey: string; keyId: string };

  beforeAll(async () => {
    store = await openStore(target());
    service = new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    gateway = await usersGateway(catalog, service, store);
    alice = await service.signUp();
    bob = await service.signUp();
    for (const [animeId, status, score, progress] of [
      ['mal:20', 'PLAN_TO_WATCH', null, null],
      ['mal:1', 'COMPLETED', 9, 26],
    ] as const) {
      expect((await gateway.run(SET, { animeId, status, score, progress }, alice.apiKey)).errors).toBeUndefined();
    }
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
  });

  const publish = async (key: string, status?: string) => {
    const answer = await gateway.run(PUBLISH, status ? { status } : {}, key);
    expect(answer.errors).toBeUndefined();
    return answer.data!['publishWatchlist'] as { id: string; token: string; path: string; status: string | null; createdAt: string };
  };
  const read = (token: string) => gateway.run(READ, { token });

  it(`${name}: a published link reads the list without a key; only the token's hash is stored`, async () => {
    const link = await publish(alice.apiKey);
    expect(link).toMatchObject({ id: expect.stringMatching(/^shr_[A-Za-z0-9]{16}$/), token: expect.stringMatching(/^wl_[A-Za-z0-9_-]{43}$/), status: null });
    expect(link.path).toBe(`/api/lists/${link.token}`);
    const shared = await read(link.token);
    expect(shared.errors).toBeUndefined();
    expect(shared.data!['sharedWatchlist']).toEqual({
      status: null,
      createdAt: link.createdAt,
      entries: [
        { status: 'COMPLETED', score: 9, progress: 26, anime: { id: 'mal:1', title: 'Cowboy Bebop' } },
        { status: 'PLAN_TO_WATCH', score: null, progress: null, anime: { id: 'mal:20', title: 'Naruto' } },
      ],
    });
    // Nothing names the owner.
    expect(JSON.stringify(shared)).not.toContain(alice.userId);
    const rows = await allRows(store);
    expect(rows.some(({ row }) => row.includes(link.token) || row.includes(link.token.slice(3)))).toBe(false);
    expect(rows.some(({ table, row }) => table === 'user_shares' && row.includes(createHash('sha256').update(link.token).digest('hex')))).toBe(true);
  });

  it(`${name}: a status filter shows only those entries; viewer.shares lists the links without tokens`, async () => {
    const completed = await publish(alice.apiKey, 'COMPLETED');
    const shared = await read(completed.token);
    expect(shared.data!['sharedWatchlist']).toMatchObject({ status: 'COMPLETED', entries: [{ status: 'COMPLETED', anime: { id: 'mal:1', title: 'Cowboy Bebop' } }] });
    expect(shared.data!['sharedWatchlist'].entries).toHaveLength(1);
    const links = (await gateway.run(SHARES, {}, alice.apiKey)).data!['viewer'].shares as Array<{ id: string; status: string | null }>;
    expect(links.map((l) => l.status)).toEqual([null, 'COMPLETED']);
    expect(links.map((l) => l.id)).toContain(completed.id);
    expect(JSON.stringify(links)).not.toContain(completed.token);
    // Tokens are never listed again, not even to the owner.
    expect((await gateway.run('{ viewer { shares { token } } }', {}, alice.apiKey)).errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it(`${name}: unknown, forged and malformed tokens are NOT_FOUND`, async () => {
    const link = await publish(alice.apiKey);
    const altered = link.token.slice(0, -1) + (link.token.endsWith('A') ? 'B' : 'A');
    for (const token of [forgedToken(), altered, 'wl_short', '', alice.userId, createHash('sha256').update(link.token).digest('hex')]) {
      const answer = await read(token);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect(answer.data?.['sharedWatchlist'] ?? null).toBeNull();
    }
    await gateway.run(UNPUBLISH, { id: link.id }, alice.apiKey);
  });

  it(`${name}: one user never reads or ends another's list or links`, async () => {
    const link = await publish(alice.apiKey, 'COMPLETED');
    // Bob has no link of Alice's, and ending hers by its id ends nothing.
    expect((await gateway.run(SHARES, {}, bob.apiKey)).data!['viewer'].shares).toEqual([]);
    expect((await gateway.run(UNPUBLISH, { id: link.id }, bob.apiKey)).data).toEqual({ unpublishWatchlist: 0 });
    expect((await gateway.run(UNPUBLISH, {}, bob.apiKey)).data).toEqual({ unpublishWatchlist: 0 });
    expect((await read(link.token)).errors).toBeUndefined();
    // Bob's own link shows his (empty) list, never Alice's.
    const his = await publish(bob.apiKey);
    expect((await read(his.token)).data!['sharedWatchlist'].entries).toEqual([]);
    // Publishing and unpublishing need a user key.
    expect((await gateway.run(PUBLISH, {})).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await gateway.run(UNPUBLISH, { id: link.id })).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await gateway.run(UNPUBLISH, { id: 'not an id' }, alice.apiKey)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    await gateway.run(UNPUBLISH, { id: link.id }, alice.apiKey);
  });

  it(`${name}: unpublishing ends a link at once; without an id every link of the user ends`, async () => {
    const one = await publish(alice.apiKey);
    const two = await publish(alice.apiKey, 'PLAN_TO_WATCH');
    expect((await gateway.run(UNPUBLISH, { id: one.id }, alice.apiKey)).data).toEqual({ unpublishWatchlist: 1 });
    expect((await read(one.token)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await read(two.token)).errors).toBeUndefined();
    const left = ((await gateway.run(SHARES, {}, alice.apiKey)).data!['viewer'].shares as unknown[]).length;
    expect((await gateway.run(UNPUBLISH, {}, alice.apiKey)).data).toEqual({ unpublishWatchlist: left });
    expect((await read(two.token)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await gateway.run(SHARES, {}, alice.apiKey)).data!['viewer'].shares).toEqual([]);
  });

  it(`${name}: at most ${MAX_SHARES_PER_USER} links per user`, async () => {
    const carol = await service.signUp();
    for (let i = 0; i < MAX_SHARES_PER_USER; i++) await publish(carol.apiKey);
    const refused = await gateway.run(PUBLISH, {}, carol.apiKey);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: MAX_SHARES_PER_USER });
  });

  it(`${name}: the export lists the links; deleting the account ends them at once and the purge removes them`, async () => {
    const dave = await service.signUp();
    await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING' }, dave.apiKey);
    const link = await publish(dave.apiKey, 'WATCHING');
    const account = await service.require({ keyId: dave.keyId, userId: dave.userId, scopes: ['user'] });
    const exported = await service.export(account);
    expect(exported.shares).toEqual([{ id: link.id, status: WatchStatus.WATCHING, createdAt: link.createdAt }]);
    expect(exportCsv(exported).split('\r\n')).toContain(`share,${link.id},status,WATCHING`);
    expect(JSON.stringify(exported)).not.toContain(link.token);

    await service.delete(account, false);
    expect((await read(link.token)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await allRows(store)).some(({ table, row }) => table === 'user_shares' && row.includes(dave.userId))).toBe(true);
    await new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 0, USER_KEY_TIER: 'free' } }).purgeExpired();
    expect((await allRows(store)).filter(({ row }) => row.includes(dave.userId) || row.includes(link.id))).toEqual([]);
  });
}

describe('shared watchlists on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shares-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  sharesContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'shared watchlists on PostgreSQL (test/users/shares.test.ts)')('shared watchlists on PostgreSQL (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('shares_test');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  sharesContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }));
});

// GET /api/lists/{token} of the real app: public, briefly cacheable by the reader only, 404 (no-store) otherwise.
function restContract(name: string, env: () => Record<string, string>, target: () => StoreTarget) {
  let harness: Harness;
  let app: App;
  let origin: string;
  let store: Store;

  beforeAll(async () => {
    harness = await accessHarness();
    ({ app, origin } = await harness.start(env()));
    store = await openStore(target());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await harness?.close();
  });

  it(`${name}: GET /api/lists/{token} answers without a key; unpublish and DELETE /api/me end it at once`, async () => {
    const signUp = await call(origin, '/api/users', { method: 'POST' });
    const user = signUp.body as { userId: string; apiKey: string; keyId: string };
    // Written the way the resolvers write it, through the services on the same store.
    const service = new UsersService({ store: async () => store, catalog: app.catalog!, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    const shares = new SharesService({ store: async () => store });
    const account = await service.require({ keyId: user.keyId, userId: user.userId, scopes: ['user'] });
    await service.setWatchStatus(account, { animeId: 'mal:1', status: WatchStatus.COMPLETED, score: 9, progress: 26 });
    const link = await shares.publish(account, null);

    const res = await call(origin, link.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(`private, max-age=${SHARE_MAX_AGE_S}`);
    expect(res.body).toEqual({ status: null, createdAt: link.createdAt, entries: [{ animeId: 'mal:1', title: 'Cowboy Bebop', status: 'COMPLETED', score: 9, progress: 26, updatedAt: expect.any(String) }] });
    expect(JSON.stringify(res.body)).not.toContain(user.userId);

    for (const path of [`/api/lists/${forgedToken()}`, '/api/lists/nothing', `/api/lists/${user.apiKey}`]) {
      const missing = await call(origin, path);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
      expect(missing.headers.get('cache-control')).toBe('no-store');
    }
    expect((await call(origin, `${link.path}?first=0`)).status).toBe(400);
    expect((await call(origin, `${link.path}?userId=${user.userId}`)).status).toBe(400);
    expect((await call(origin, link.path, { method: 'POST' })).status).toBe(405);

    await shares.unpublish(account, link.id);
    expect((await call(origin, link.path)).status).toBe(404);
    const again = await shares.publish(account, WatchStatus.COMPLETED);
    expect((await call(origin, again.path)).status).toBe(200);
    expect((await call(origin, '/api/me', { method: 'DELETE', key: user.apiKey })).status).toBe(200);
    expect((await call(origin, again.path)).status).toBe(404);

    const doc = (await call(origin, '/openapi.json')).body;
    expect(doc.paths['/api/lists/{token}'].get.operationId).toBe('sharedWatchlist');
  });

  it(`${name}: through /graphql of the real app: the owner publishes with their key, anyone reads, nothing is cacheable`, async () => {
    const user = (await call(origin, '/api/users', { method: 'POST' })).body as { apiKey: string; userId: string };
    const graphql = (query: string, key?: string) => call(origin, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), ...(key ? { key } : {}) });
    expect((await graphql('mutation { setWatchStatus(animeId: "mal:1", status: COMPLETED, score: 9) { status } }', user.apiKey)).body.errors).toBeUndefined();
    const published = await graphql('mutation { publishWatchlist { token path } }', user.apiKey);
    expect(published.headers.get('cache-control')).toBe('no-store');
    const { token, path } = published.body.data.publishWatchlist as { token: string; path: string };
    expect((await graphql('mutation { publishWatchlist { token } }')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const query = encodeURIComponent(`{ sharedWatchlist(token: "${token}") { entries { status score anime { id title } } } }`);
    const read = await call(origin, `/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(read.body.data).toEqual({ sharedWatchlist: { entries: [{ status: 'COMPLETED', score: 9, anime: { id: 'mal:1', title: 'Cowboy Bebop' } }] } });
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect((await call(origin, path)).status).toBe(200);
    const forged = await call(origin, `/graphql?query=${encodeURIComponent(`{ sharedWatchlist(token: "${forgedToken()}") { status } }`)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(forged.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await graphql('mutation { unpublishWatchlist }', user.apiKey)).body.data).toEqual({ unpublishWatchlist: 1 });
    expect((await call(origin, path)).status).toBe(404);
  });
}

describe('GET /api/lists on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shares-rest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  restContract('sqlite', () => ({ STORE_PATH: join(dir, 'store.sqlite') }), () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

describeWithPart('postgres', postgres.problem, 'GET /api/lists on PostgreSQL (test/users/shares.test.ts)')('GET /api/lists on PostgreSQL (DATABASE_SCHEMA)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('shares_rest');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  restContract('postgres', () => ({ DATABASE_URL: url, DATABASE_SCHEMA: schema }), () => ({ databaseUrl: url, pgSchema: schema }));
});

describe('share tokens in request logs', () => {
  it("are masked in Fastify's request lines, in a REST path and in a GraphQL query string", async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    app.get('/*', async () => ({}));
    const token = forgedToken();
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // A connection per request (no keep-alive pool outliving the test).
      const get = (path: string) => new Promise<void>((resolve, reject) => void httpGet(`${origin}${path}`, { agent: false }, (res) => (res.resume(), res.on('end', resolve))).on('error', reject));
      await get(`/api/lists/${token}`);
      await get(`/graphql?query=${encodeURIComponent(`{ sharedWatchlist(token: "${token}") { status } }`)}`);
    } finally {
      await app.close();
    }
    const requests = lines.filter((line) => line.includes('incoming request'));
    expect(requests).toHaveLength(2);
    expect(lines.join('')).not.toContain(token.slice(3));
    expect(requests[0]).toContain('/api/lists/wl_[redacted]');
  });
});
