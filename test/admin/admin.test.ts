// The admin routes through the real app: every route refuses a request without a key (401) and
// one with a key lacking the `admin` scope (403), and does its job with an admin key — keys and
// their usage, background jobs (a catalog update downloading the real sample catalog from the
// loopback replay server, an enrichment run against the replayed sources, a vector reindex),
// the cache and the circuit breakers. Each route is in /openapi.json with its security schemes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../gateway/app.js';
import { accessHarness, call, json, type Answer, type Harness } from '../auth/support.js';

let harness: Harness;
let app: App;
let origin: string;
let adminKey: string;
let weakKey: string;

beforeAll(async () => {
  harness = await accessHarness();
  // The bundled sample (data/aod-sample.json: real anime-offline-database entries, kept as a bare
  // array) put back into the release file's envelope, as a catalog:update download.
  const entries: unknown = JSON.parse(readFileSync('data/aod-sample.json', 'utf8'));
  harness.replay.route({ method: 'GET', path: '/aod/anime-offline-database-minified.json', body: JSON.stringify({ data: entries }) });
  ({ app, origin } = await harness.start({
    CATALOG_URL: `${harness.replay.url}/aod/anime-offline-database-minified.json`,
    CATALOG_PATH: join(harness.dir, 'aod.json'),
    VECTOR_INDEX_DIR: join(harness.dir, 'vectors'),
  }));
  const keys = await app.access.keys();
  adminKey = (await keys.create({ name: 'ops', scopes: ['admin'], tier: 'enterprise' })).key;
  weakKey = (await keys.create({ name: 'reader', scopes: ['read', 'user'], tier: 'premium' })).key;
  // One call through Jikan, so the cache and the circuit list have a source in them.
  expect((await call(origin, '/api/external/jikan/anime/1')).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await harness?.close();
}, 180_000);

const SOME_ID = 'AAAAAAAAAAAA';
const SOME_JOB = '00000000-0000-4000-8000-000000000000';
const ROUTES: Array<[string, string, unknown?]> = [
  ['POST', '/api/admin/keys', { name: 'new', scopes: ['read'] }],
  ['GET', '/api/admin/keys'],
  ['DELETE', `/api/admin/keys/${SOME_ID}`],
  ['GET', `/api/admin/keys/${SOME_ID}/usage`],
  ['POST', '/api/admin/jobs/catalog-update', {}],
  ['POST', '/api/admin/jobs/enrichment', { limit: 1 }],
  ['POST', '/api/admin/jobs/vector-reindex', {}],
  ['GET', '/api/admin/jobs'],
  ['GET', `/api/admin/jobs/${SOME_JOB}`],
  ['GET', '/api/admin/cache'],
  ['DELETE', '/api/admin/cache?pattern=nothing-matches-this*'],
  ['GET', '/api/admin/circuits'],
  ['POST', '/api/admin/circuits/jikan/reset', {}],
];

const send = (method: string, path: string, body?: unknown, key?: string): Promise<Answer> =>
  call(origin, path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}), ...(key ? { key } : {}) });

async function until(job: string, done: (body: any) => boolean, timeoutMs = 90_000): Promise<any> {
  const started = Date.now();
  for (;;) {
    const res = await send('GET', `/api/admin/jobs/${job}`, undefined, adminKey);
    expect(res.status).toBe(200);
    if (done(res.body)) return res.body;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${job} still ${res.body.status} after ${timeoutMs} ms: ${JSON.stringify(res.body.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('admin access', () => {
  it.each(ROUTES)('%s %s without a key → 401 UNAUTHORIZED', async (...[method, path, body]: [string, string, unknown?]) => {
    const res = await send(method, path, body);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/admin/) });
  });

  it.each(ROUTES)('%s %s with a read/user key → 403 FORBIDDEN', async (...[method, path, body]: [string, string, unknown?]) => {
    const res = await send(method, path, body, weakKey);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/admin/), details: { scopes: ['read', 'user'] } });
  });

  it('an invalid key is a 401 before the scope is looked at', async () => {
    const res = await send('GET', '/api/admin/keys', undefined, `af_${SOME_ID}_${'x'.repeat(43)}`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/not valid/);
  });

  it('every admin route is in /openapi.json with the bearer and X-API-Key schemes and its 401/403', async () => {
    const spec = (await call(origin, '/openapi.json')).body;
    expect(spec.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    for (const [method, path] of ROUTES) {
      const template = path
        .split('?')[0]!
        .replace(SOME_ID, '{id}')
        .replace(SOME_JOB, '{id}')
        .replace('/circuits/jikan/', '/circuits/{source}/');
      const operation = spec.paths[template]?.[method.toLowerCase()];
      expect([template, method, Boolean(operation)]).toEqual([template, method, true]);
      expect(operation.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});

describe('keys', () => {
  it('creates a key (secret shown once), lists it without secrets, reports its usage, revokes it', async () => {
    const created = await send('POST', '/api/admin/keys', { name: 'partner', scopes: ['read'], tier: 'premium' }, adminKey);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'partner', scopes: ['read'], tier: 'premium', revokedAt: null, key: expect.stringMatching(/^af_/) });
    const { key, id } = created.body as { key: string; id: string };
    expect((await call(origin, '/api/anime/mal:1', { key })).status).toBe(200);

    const listed = await send('GET', '/api/admin/keys', undefined, adminKey);
    expect(listed.status).toBe(200);
    expect(listed.body.keys.find((k: { id: string }) => k.id === id)).toMatchObject({ name: 'partner', tier: 'premium' });
    // The secret is base64url, so it may hold `_` itself: everything after the id is the secret.
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_').slice(2).join('_'));
    expect(JSON.stringify(listed.body)).not.toMatch(/"(salt|hash|key)"/);

    const usage = await send('GET', `/api/admin/keys/${id}/usage`, undefined, adminKey);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ id, tier: 'premium', limits: { perMinute: 600, batch: 50 }, current: { nlDay: 0 } });
    // Recorded even with quotas off (this app is bound to loopback): the one request made with it.
    expect(usage.body.days).toEqual([{ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), requests: 1, nlCalls: 0, rejected: 0 }]);

    const revoked = await send('DELETE', `/api/admin/keys/${id}`, undefined, adminKey);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await call(origin, '/api/anime/mal:1', { key });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  it('bad input and unknown keys get typed errors', async () => {
    const noScopes = await send('POST', '/api/admin/keys', { name: 'x', scopes: [] }, adminKey);
    expect(noScopes.status).toBe(400);
    expect(noScopes.body.error.code).toBe('BAD_USER_INPUT');
    const badScope = await send('POST', '/api/admin/keys', { name: 'x', scopes: ['root'] }, adminKey);
    expect(badScope.status).toBe(400);
    expect((await send('DELETE', `/api/admin/keys/${SOME_ID}`, undefined, adminKey)).body.error.code).toBe('NOT_FOUND');
    expect((await send('GET', `/api/admin/keys/${SOME_ID}/usage`, undefined, adminKey)).status).toBe(404);
    expect((await send('GET', '/api/admin/keys/short/usage', undefined, adminKey)).status).toBe(400);
  });
});

describe('jobs', () => {
  it('a catalog update downloads, validates and installs the catalog as a background job', async () => {
    const started = await send('POST', '/api/admin/jobs/catalog-update', {}, adminKey);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/admin/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ kind: 'catalog-update', status: 'running', finishedAt: null });
    const finished = await until(started.body.id, (job) => job.status !== 'running');
    expect(finished).toMatchObject({ status: 'succeeded', error: null, progress: { unit: 'bytes' } });
    expect(finished.result).toMatchObject({ path: join(harness.dir, 'aod.json'), entries: { valid: expect.any(Number), invalid: 0 } });
    expect(finished.result.entries.valid).toBeGreaterThan(0);
    expect((await send('GET', '/api/admin/jobs', undefined, adminKey)).body.jobs.map((j: { id: string }) => j.id)).toContain(started.body.id);
  });

  it('an enrichment run harvests into the store and reports its counts', async () => {
    const started = await send('POST', '/api/admin/jobs/enrichment', { limit: 1, only: 'anilist' }, adminKey);
    expect(started.status).toBe(202);
    expect(started.body.options).toEqual({ limit: 1, only: 'anilist' });
    const finished = await until(started.body.id, (job) => job.status !== 'running');
    expect(finished.status).toBe('succeeded');
    expect(finished.result).toMatchObject({ status: 'finished', runId: expect.any(Number) });
    expect((await send('POST', '/api/admin/jobs/enrichment', { limit: 'all' }, adminKey)).status).toBe(400);
  });

  it('an unknown job id is a 404', async () => {
    expect((await send('GET', `/api/admin/jobs/${SOME_JOB}`, undefined, adminKey)).status).toBe(404);
  });
});

describe('cache and circuits', () => {
  it('reports the cache tiers and clears entries by pattern', async () => {
    const before = await send('GET', '/api/admin/cache', undefined, adminKey);
    expect(before.status).toBe(200);
    expect(before.body.l1.entries).toBeGreaterThan(0);
    expect(before.body.l2).toBeNull();
    expect(before.body.sources.jikan).toMatchObject({ misses: expect.any(Number) });
    const cleared = await send('DELETE', '/api/admin/cache?pattern=jikan:*', undefined, adminKey);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ pattern: 'jikan:*', deleted: { l1: expect.any(Number), l2: null } });
    expect(cleared.body.deleted.l1).toBeGreaterThan(0);
    expect((await send('DELETE', '/api/admin/cache?pattern=jikan:*', undefined, adminKey)).body.deleted.l1).toBe(0);
    const after = await send('GET', '/api/admin/cache', undefined, adminKey);
    expect(after.body.l1.entries).toBe(before.body.l1.entries - cleared.body.deleted.l1);
    expect((await send('DELETE', '/api/admin/cache', undefined, adminKey)).status).toBe(400);
  });

  it('lists circuit states per source and resets one', async () => {
    const circuits = await send('GET', '/api/admin/circuits', undefined, adminKey);
    expect(circuits.status).toBe(200);
    expect(circuits.body.sources).toContainEqual(expect.objectContaining({ source: 'jikan', circuit: 'closed' }));
    const reset = await send('POST', '/api/admin/circuits/jikan/reset', {}, adminKey);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ source: 'jikan', circuit: 'closed', outcome: 'reset' });
    const unknown = await send('POST', '/api/admin/circuits/nosuchsource/reset', {}, adminKey);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/jikan/);
  });
});

describe('vector reindex', () => {
  // Last: the job keeps the CPU busy until the app closes and cancels it.
  it('a vector reindex runs as a job; a second one while it runs is a 409', async () => {
    const started = await send('POST', '/api/admin/jobs/vector-reindex', {}, adminKey);
    expect(started.status).toBe(202);
    const again = await send('POST', '/api/admin/jobs/vector-reindex', {}, adminKey);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already running/), details: { running: started.body.id } });
    // Another kind may run beside it.
    const other = await send('POST', '/api/admin/jobs/catalog-update', {}, adminKey);
    expect(other.status).toBe(202);
    expect((await until(other.body.id, (job) => job.status !== 'running')).status).toBe('succeeded');
    // Closing the app (afterAll) cancels it and waits for it to stop.
  });
});
