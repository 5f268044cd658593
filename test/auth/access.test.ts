// API keys, tiers and quotas through the real app: keys accepted in both headers, refused when
// invalid or revoked (never silently anonymous), quotas answered with 429 + Retry-After in each
// front door's own error shape, NL calls and batch sizes counted per tier, the anonymous tier from
// configuration, and the quota metric the alert rule reads.
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../gateway/app.js';
import { accessHarness, call, json, MCP_INITIALIZE, type Harness } from './support.js';

let harness: Harness;
let app: App;
let origin: string;

// Small limits, so each budget runs out in a few requests.
const LIMITS = { QUOTAS: '1', TIER_FREE_PER_MINUTE: '3', TIER_FREE_PER_DAY: '1000', TIER_FREE_NL_PER_DAY: '1', TIER_FREE_BATCH: '2', TIER_PREMIUM_PER_MINUTE: '1000' };

beforeAll(async () => {
  harness = await accessHarness();
  ({ app, origin } = await harness.start(LIMITS));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Waits out the last seconds of a minute, so a short sequence stays in one per-minute window. */
async function awayFromMinuteEdge(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second >= 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

const newKey = async (tier: 'free' | 'premium' | 'enterprise' = 'premium', scopes: Array<'read' | 'user' | 'admin'> = ['read']) =>
  (await app.access.keys()).create({ name: `test ${tier}`, scopes, tier });

describe('API keys', () => {
  it('stores only a salted scrypt hash: the secret is in no row and nowhere in the database files', async () => {
    const created = await newKey();
    const secret = created.key.split('_').slice(2).join('_');
    expect(created.key).toMatch(/^af_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const db = new Database(join(harness.dir, 'store.sqlite'), { readonly: true });
    try {
      const row = db.prepare('select * from api_keys where id = ?').get(created.id) as Record<string, unknown>;
      expect(row).toMatchObject({ id: created.id, tier: 'premium', scopes: 'read' });
      expect(Object.values(row).some((value) => String(value).includes(secret))).toBe(false);
      expect(Buffer.from(String(row['hash']), 'base64url')).toHaveLength(32);
      expect(Buffer.from(String(row['salt']), 'base64url')).toHaveLength(16);
    } finally {
      db.close();
    }
    for (const file of readdirSync(harness.dir)) expect(readFileSync(join(harness.dir, file)).includes(Buffer.from(secret))).toBe(false);
    // Another key made the same way gets its own salt.
    const other = await newKey();
    const [a, b] = await Promise.all([created.id, other.id].map(async (id) => (await app.access.keys()).find(id)));
    expect(a!.salt).not.toBe(b!.salt);
  });

  it('accepts a key as Authorization: Bearer and as X-API-Key', async () => {
    const { key } = await newKey();
    expect((await call(origin, '/api/anime/mal:1', { key })).status).toBe(200);
    expect((await call(origin, '/api/anime/mal:1', { key, keyHeader: 'x-api-key' })).status).toBe(200);
    const graphql = await call(origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key });
    expect(graphql.body.data.anime.title).toBe('Cowboy Bebop');
  });

  it.each([
    ['a malformed key', 'not-a-key', /not valid/],
    ['an unknown key', `af_AAAAAAAAAAAA_${'A'.repeat(43)}`, /not valid/],
  ])('%s is a 401 in every front door, never anonymous', async (_label, key, message) => {
    const rest = await call(origin, '/api/anime/mal:1', { key });
    expect(rest.status).toBe(401);
    expect(rest.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(rest.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(message) });
    const graphql = await call(origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key });
    expect(graphql.status).toBe(401);
    expect(graphql.body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHORIZED' } });
    const mcp = await call(origin, '/mcp', { ...json(MCP_INITIALIZE), key });
    expect(mcp.status).toBe(401);
    expect(mcp.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001, message: expect.stringMatching(message), data: { code: 'UNAUTHORIZED' } } });
  });

  it('an Authorization header that is not Bearer is a 401 saying so', async () => {
    const res = await call(origin, '/api/anime/mal:1', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Bearer/);
  });

  it('a revoked key is refused at once in the process that revoked it', async () => {
    const created = await newKey();
    expect((await call(origin, '/api/anime/mal:1', { key: created.key })).status).toBe(200);
    await (await app.access.keys()).revoke(created.id);
    app.access.authenticator.forget(created.id);
    const res = await call(origin, '/api/anime/mal:1', { key: created.key });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/revoked/);
  });
});

describe('quotas', () => {
  const exhaust = async (path: string, init: RequestInit, key: string, allowed: number) => {
    await awayFromMinuteEdge();
    for (let i = 0; i < allowed; i += 1) expect((await call(origin, path, { ...init, key })).status).not.toBe(429);
    return call(origin, path, { ...init, key });
  };

  it('REST: the request after the per-minute quota is a 429 with Retry-After and the REST error shape', async () => {
    const { key, id } = await newKey('free');
    const res = await exhaust('/api/anime/mal:1', {}, key, 3);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/3 requests a minute/), details: { limit: 'minute', allowed: 3, tier: 'free' } });
    // Another key has its own budget.
    expect((await call(origin, '/api/anime/mal:1', { key: (await newKey('free')).key })).status).toBe(200);
    // The refusal is recorded in the key's usage.
    await app.access.usage.flush();
    const [today] = await (await app.access.keys()).usage(id);
    expect(today).toMatchObject({ requests: 3, rejected: 1 });
  });

  it('GraphQL: a 429 with Retry-After in the GraphQL errors shape', async () => {
    const { key } = await newKey('free');
    const res = await exhaust('/graphql', json({ query: '{ anime(malId: 1) { title } }' }), key, 3);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/quota exceeded/), extensions: expect.objectContaining({ code: 'QUOTA_EXCEEDED', limit: 'minute' }) })]);
  });

  it('MCP over HTTP: a 429 with Retry-After as a JSON-RPC error', async () => {
    const { key } = await newKey('free');
    const res = await exhaust('/mcp', json(MCP_INITIALIZE), key, 3);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32029, data: { code: 'QUOTA_EXCEEDED', limit: 'minute' } } });
  });

  it('anonymous callers share a per-IP budget in the anonymous (free) tier', async () => {
    // Earlier tests made no anonymous calls except the 401s, which never reach the quota.
    const statuses: number[] = [];
    await awayFromMinuteEdge();
    for (let i = 0; i < 4; i += 1) statuses.push((await call(origin, '/api/anime/mal:1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('POST /api/query counts against the daily NL quota', async () => {
    const { key } = await newKey('free');
    const first = await call(origin, '/api/query', { ...json({ query: 'anime like Cowboy Bebop' }), key });
    expect(first.status).toBe(200);
    const second = await call(origin, '/api/query', { ...json({ query: 'anime like Cowboy Bebop' }), key });
    expect(second.status).toBe(429);
    expect(second.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'nl-day', allowed: 1 } });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('the GraphQL `ask` field counts against the NL quota; other operations do not', async () => {
    const { key } = await newKey('free');
    await awayFromMinuteEdge();
    const ask = json({ query: '{ ask(text: "anime like Cowboy Bebop") { intent } }' });
    expect((await call(origin, '/graphql', { ...ask, key })).status).toBe(200);
    const refused = await call(origin, '/graphql', { ...ask, key });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'nl-day' });
    // The per-minute budget still has one request; a non-NL query uses it.
    expect((await call(origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key })).status).toBe(200);
  });

  it("POST /api/batch over the tier's batch size is a 400 naming the limit", async () => {
    const { key } = await newKey('free');
    const items = Array.from({ length: 3 }, () => ({ operation: 'GetAnimeById', variables: { id: 'mal:1' } }));
    const res = await call(origin, '/api/batch', { ...json({ items }), key });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/over the free tier's limit of 2/) });
    const ok = await call(origin, '/api/batch', { ...json({ items: items.slice(0, 2) }), key });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200]);
  });

  it('counts refusals in anime_quota_exhausted_total, the metric the alert rule reads', async () => {
    const metrics = await call(origin, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/anime_quota_exhausted_total\{key="[A-Za-z0-9]{12}",tier="free",limit="minute",door="rest"\} 1/);
    expect(metrics.body).toMatch(/anime_quota_exhausted_total\{key="anonymous",tier="free",limit="minute",door="rest"\} 1/);
    expect(metrics.body).toMatch(/anime_quota_exhausted_total\{key="[A-Za-z0-9]{12}",tier="free",limit="nl-day",door="graphql"\} 1/);
    const alerts = readFileSync('deploy/prometheus/alerts.yml', 'utf8');
    expect(alerts).toMatch(/^\s+expr: .*increase\(anime_quota_exhausted_total\[15m\]\)/m);
  });
});

describe('anonymous tier from configuration', () => {
  it('ANONYMOUS_TIER=none requires a key on every front door', async () => {
    const strict = await harness.start({ ANONYMOUS_TIER: 'none' });
    const rest = await call(strict.origin, '/api/anime/mal:1');
    expect(rest.status).toBe(401);
    expect(rest.body.error.message).toMatch(/requires an API key/);
    expect((await call(strict.origin, '/graphql', json({ query: '{ anime(malId: 1) { title } }' }))).body.errors[0].extensions.code).toBe('UNAUTHORIZED');
    expect((await call(strict.origin, '/mcp', json(MCP_INITIALIZE))).status).toBe(401);
    // Same store, so a key made by the first app works here.
    expect((await call(strict.origin, '/api/anime/mal:1', { key: (await newKey()).key })).status).toBe(200);
    // Outside the front doors nothing changes.
    expect((await call(strict.origin, '/health')).status).toBe(200);
  });

  it('ANONYMOUS_TIER=premium gives anonymous callers the premium limits', async () => {
    const generous = await harness.start({ ...LIMITS, ANONYMOUS_TIER: 'premium' });
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i += 1) statuses.add((await call(generous.origin, '/api/anime/mal:1')).status);
    expect([...statuses]).toEqual([200]);
  });

  it('bound to loopback with QUOTAS unset, nothing is limited (npm start stays setup-free)', async () => {
    const { QUOTAS: _off, ...limits } = LIMITS;
    const local = await harness.start(limits);
    expect(local.app.access.quotasOn).toBe(false);
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i += 1) statuses.add((await call(local.origin, '/api/anime/mal:1')).status);
    expect([...statuses]).toEqual([200]);
  });
});
