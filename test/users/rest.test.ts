// The user routes through the real app (real catalog, upstreams replayed from recordings), on the
// SQLite store and on the real PostgreSQL (a fresh schema through DATABASE_SCHEMA, dropped after):
// sign-up and its key on every front door, USER_SIGNUP=false, quotas for sign-up keys, the export
// (JSON and CSV) and the delete (soft, then purge), with no-store on every answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../gateway/app.js';
import { SUBGRAPHS } from '../../gateway/subgraphs.js';
import { USERS_SUBGRAPH } from '../../subgraphs/users/schema.js';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { CSV_HEADER, UsersService } from '../../src/users/index.js';
import { accessHarness, call, json, MCP_INITIALIZE, type Harness } from '../auth/support.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { allRows } from './support.js';

let harness: Harness;
beforeAll(async () => {
  harness = await accessHarness();
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

const signUp = async (origin: string) => {
  const res = await call(origin, '/api/users', { method: 'POST' });
  expect(res.status).toBe(201);
  return res.body as { userId: string; apiKey: string; keyId: string };
};

function restContract(name: string, env: () => Record<string, string>, target: () => StoreTarget) {
  let app: App;
  let origin: string;
  let store: Store;

  beforeAll(async () => {
    ({ app, origin } = await harness.start(env()));
    store = await openStore(target());
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it(`${name}: POST /api/users answers { userId, apiKey }; the key works on /graphql, REST and MCP`, async () => {
    const res = await call(origin, '/api/users', json({}));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ userId: expect.stringMatching(/^usr_[A-Za-z0-9]{16}$/), apiKey: expect.stringMatching(/^af_/), scopes: ['user'], tier: 'free' });
    const key = res.body.apiKey as string;
    const graphql = await call(origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key });
    expect(graphql.body.data.anime.title).toBe('Cowboy Bebop');
    expect((await call(origin, '/api/anime/mal:1', { key })).status).toBe(200);
    expect((await call(origin, '/mcp', { ...json(MCP_INITIALIZE), key })).status).toBe(200);
    // A body with anything in it is refused.
    expect((await call(origin, '/api/users', json({ email: 'someone@example.com' }))).status).toBe(400);
    expect((await call(origin, '/api/users', json(['someone@example.com']))).status).toBe(400);
  });

  it(`${name}: GET /api/me/export has everything stored about the user, as JSON and as CSV`, async () => {
    const user = await signUp(origin);
    // The users subgraph is not in the checked-in supergraph yet: the list is written the way its
    // resolvers write it, through the service on the same store.
    const service = new UsersService({ store: async () => store, catalog: harness.catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    const account = await service.require({ keyId: user.keyId, userId: user.userId, scopes: ['user'] });
    await service.setWatchStatus(account, { animeId: 'mal:1', status: 'COMPLETED' as never, score: 9, progress: 26 });
    await service.updatePreferences(account, { region: 'DE', timeZone: 'Europe/Berlin' });

    const res = await call(origin, '/api/me/export', { key: user.apiKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      format: 'anime-federation.user-export.v1',
      user: { id: user.userId, deletedAt: null },
      preferences: { region: 'DE', timeZone: 'Europe/Berlin', nsfwAllowed: false },
      watchlist: [{ animeId: 'mal:1', title: 'Cowboy Bebop', status: 'COMPLETED', score: 9, progress: 26 }],
      apiKeys: [{ id: user.keyId, scopes: ['user'], revokedAt: null }],
    });
    // Usage is there once the recorder has flushed; the key's secret is nowhere.
    await app.access.usage.flush();
    const again = await call(origin, '/api/me/export', { key: user.apiKey });
    expect(again.body.usage[0]).toMatchObject({ keyId: user.keyId, requests: expect.any(Number) });
    expect(JSON.stringify(again.body)).not.toContain(user.apiKey.split('_').slice(2).join('_'));

    const csv = await call(origin, '/api/me/export?format=csv', { key: user.apiKey });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toEqual(expect.arrayContaining([`user,${user.userId},id,${user.userId}`, 'watchlist,mal:1,title,Cowboy Bebop', 'watchlist,mal:1,status,COMPLETED', 'watchlist,mal:1,score,9', `preferences,${user.userId},timeZone,Europe/Berlin`, `api_key,${user.keyId},scopes,user`]));
  });

  it(`${name}: /api/me refuses callers without a user key, and takes no user id`, async () => {
    const anonymous = await call(origin, '/api/me/export');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    const read = await (await app.access.keys()).create({ name: 'reader', scopes: ['read'], tier: 'free' });
    const forbidden = await call(origin, '/api/me/export', { key: read.key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/`user` scope/) });
    const user = await signUp(origin);
    const other = await signUp(origin);
    const forged = await call(origin, `/api/me/export?userId=${other.userId}`, { key: user.apiKey });
    expect(forged.status).toBe(400);
    const own = await call(origin, '/api/me/export', { key: user.apiKey, headers: { 'x-user-id': other.userId } });
    expect(own.body.user.id).toBe(user.userId);
    expect((await call(origin, '/api/me/export?format=xml', { key: user.apiKey })).status).toBe(400);
  });

  it(`${name}: DELETE /api/me closes the account and its key stops working at once; the data is purged later`, async () => {
    const user = await signUp(origin);
    const res = await call(origin, '/api/me', { method: 'DELETE', key: user.apiKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ userId: user.userId, purged: false });
    expect(Date.parse(res.body.purgeAfter) - Date.parse(res.body.deletedAt)).toBe(30 * 24 * 3600_000);
    for (const path of ['/api/anime/mal:1', '/api/me/export']) {
      const refused = await call(origin, path, { key: user.apiKey });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toMatch(/revoked/);
    }
    expect((await call(origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key: user.apiKey })).status).toBe(401);
    expect((await call(origin, '/mcp', { ...json(MCP_INITIALIZE), key: user.apiKey })).status).toBe(401);
    // Kept until the purge period is over.
    expect((await allRows(store)).some(({ table, row }) => table === 'users' && row.includes(user.userId))).toBe(true);
  });

  it(`${name}: DELETE /api/me?purge=true leaves nothing of the user but aggregate counts`, async () => {
    const user = await signUp(origin);
    const bystander = await signUp(origin);
    expect((await call(origin, '/api/anime/mal:1', { key: user.apiKey })).status).toBe(200);
    await app.access.usage.flush();
    const res = await call(origin, '/api/me?purge=true', { method: 'DELETE', key: user.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: user.userId, purged: true, purgeAfter: null });
    // The DELETE itself was counted for the purged key; the next flush skips it and still writes
    // the counts of every other key in the same batch.
    expect((await call(origin, '/api/anime/mal:1', { key: bystander.apiKey })).status).toBe(200);
    await app.access.usage.flush();
    const counted = await (await app.access.keys()).usage(bystander.keyId);
    expect(counted[0]?.requests).toBe(1);
    const left = (await allRows(store)).filter(({ row }) => row.includes(user.userId) || row.includes(user.keyId));
    expect(left).toEqual([]);
    expect((await call(origin, '/api/me/export', { key: user.apiKey })).status).toBe(401);
  });

  it(`${name}: the OpenAPI document describes the user routes in full`, async () => {
    const doc = (await call(origin, '/openapi.json')).body;
    expect(doc.paths['/api/users'].post.responses['201'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['userId', 'apiKey']));
    const put = await call(origin, '/api/me', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('DELETE');
    expect((await call(origin, '/api/users')).headers.get('allow')).toBe('POST');
    // Sign-up takes no input, so no request body is documented (or required).
    expect(doc.paths['/api/users'].post.requestBody).toBeUndefined();
    expect(Object.keys(doc.paths['/api/me/export'].get.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(doc.paths['/api/me'].delete.parameters.map((p: { name: string }) => p.name)).toEqual(['purge']);
    expect(Object.keys(doc.paths['/api/me'].delete.responses).sort()).toEqual(['200', '400', '401', '403', '429', '431']);
  });
}

describe('user routes on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-rest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  restContract('sqlite', () => ({ STORE_PATH: join(dir, 'store.sqlite') }), () => ({ sqlitePath: join(dir, 'store.sqlite') }));

  it('USER_SIGNUP=false answers sign-up with 403 and a clear message', async () => {
    const { origin } = await harness.start({ STORE_PATH: join(dir, 'closed.sqlite'), USER_SIGNUP: 'false' });
    const res = await call(origin, '/api/users', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/sign-up is turned off.*USER_SIGNUP=false/) });
  });

  it("sign-up keys have their tier's quotas, and sign-ups per address are limited", async () => {
    const { origin } = await harness.start({ STORE_PATH: join(dir, 'quota.sqlite'), QUOTAS: '1', TIER_FREE_PER_MINUTE: '3', TIER_PREMIUM_PER_MINUTE: '1000', ANONYMOUS_TIER: 'premium', USER_SIGNUP_PER_IP_PER_DAY: '2' });
    const user = await signUp(origin);
    await signUp(origin);
    const third = await call(origin, '/api/users', { method: 'POST' });
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'signup-day', allowed: 2 } });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // Waits out the last seconds of a minute, so the three requests share one window.
    if (new Date().getUTCSeconds() >= 55) await new Promise((resolve) => setTimeout(resolve, 6000));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(origin, '/api/anime/mal:1', { key: user.apiKey })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'user routes on PostgreSQL (test/users/rest.test.ts)')('user routes on PostgreSQL (DATABASE_SCHEMA)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('users_rest');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  restContract('postgres', () => ({ DATABASE_URL: url, DATABASE_SCHEMA: schema }), () => ({ databaseUrl: url, pgSchema: schema }));
});

// The whole path /graphql takes (key → access layer → GraphQL context → users subgraph), which
// needs `users` in gateway/subgraphs.ts and the recomposed supergraph; until then the suite above
// covers the subgraph through a gateway composed in the test (test/users/users.test.ts).
const registered = SUBGRAPHS.some((s) => s.name === USERS_SUBGRAPH);
if (!registered) process.stderr.write(`\n!!! SKIPPED users through /graphql: the users subgraph is not registered in gateway/subgraphs.ts yet\n`);
(registered ? describe : describe.skip)('users through /graphql of the real app', () => {
  it('a sign-up key reads and writes its own list; GET answers are never cacheable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-graphql-'));
    try {
      const { origin } = await harness.start({ STORE_PATH: join(dir, 'store.sqlite') });
      const user = await signUp(origin);
      const other = await signUp(origin);
      const set = await call(origin, '/graphql', { ...json({ query: 'mutation { setWatchStatus(animeId: "mal:1", status: WATCHING, progress: 3) { anime { title } } }' }), key: user.apiKey });
      expect(set.body.data).toEqual({ setWatchStatus: { anime: { title: 'Cowboy Bebop' } } });
      const get = (path: string, key?: string) => call(origin, path, { headers: { 'apollo-require-preflight': 'true' }, ...(key ? { key } : {}) });
      const query = encodeURIComponent('{ viewer { id watchlist { status progress anime { id title } } } anime(malId: 1) { viewer { status } } }');
      const mine = await get(`/graphql?query=${query}`, user.apiKey);
      expect(mine.body.data).toEqual({ viewer: { id: user.userId, watchlist: [{ status: 'WATCHING', progress: 3, anime: { id: 'mal:1', title: 'Cowboy Bebop' } }] }, anime: { viewer: { status: 'WATCHING' } } });
      expect(mine.headers.get('cache-control')).toBe('no-store');
      const viewerOnly = await get(`/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, user.apiKey);
      expect(viewerOnly.body.data).toEqual({ viewer: { id: user.userId } });
      expect(viewerOnly.headers.get('cache-control')).toBe('no-store');
      const theirs = await get(`/graphql?query=${query}`, other.apiKey);
      expect(theirs.body.data).toEqual({ viewer: { id: other.userId, watchlist: [] }, anime: { viewer: null } });
      const anonymous = await get(`/graphql?query=${query}`);
      expect(anonymous.body.data).toEqual({ viewer: null, anime: { viewer: null } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
