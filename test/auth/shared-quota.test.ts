// Two app instances (two replicas) on one Redis and one store share each key's quota: requests
// spread over both run out together, and the refusal says when to come back. Counters in Redis are
// keyed by the key id, which is new each run, so runs never see each other's counts.
import type { App } from '../../gateway/app.js';
import { findRedis } from '../support/redis.js';
import { describeWithPart } from '../support/system-parts.js';
import { MemoryQuota, RedisQuota } from '../../src/auth/quota.js';
import { connectRedis } from '../../src/cache/index.js';
import { accessHarness, call, json, MCP_INITIALIZE, type Harness } from './support.js';

const redis = await findRedis();

describeWithPart('redis', redis.problem, 'shared quota suite')('quotas shared through Redis', () => {
  let harness: Harness;
  let a: { app: App; origin: string };
  let b: { app: App; origin: string };

  beforeAll(async () => {
    harness = await accessHarness();
    // The daily budget is the one that runs out: a minute's edge cannot split the sequence.
    const env = { REDIS_URL: redis.url!, QUOTAS: '1', TIER_FREE_PER_MINUTE: '1000', TIER_FREE_PER_DAY: '4', TIER_FREE_NL_PER_DAY: '1' };
    a = await harness.start(env);
    b = await harness.start(env);
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('requests to either replica count against one budget, on every front door', async () => {
    const { key } = await (await a.app.access.keys()).create({ name: 'shared', scopes: ['read'], tier: 'free' });
    expect((await call(a.origin, '/api/anime/mal:1', { key })).status).toBe(200);
    expect((await call(b.origin, '/api/anime/mal:1', { key })).status).toBe(200);
    expect((await call(a.origin, '/graphql', { ...json({ query: '{ anime(malId: 1) { title } }' }), key })).status).toBe(200);
    expect((await call(b.origin, '/mcp', { ...json(MCP_INITIALIZE), key })).status).toBe(200);
    // Four used between the two: the fifth is refused by whichever replica gets it.
    for (const [origin, path, init] of [
      [a.origin, '/api/anime/mal:1', {}],
      [b.origin, '/graphql', json({ query: '{ anime(malId: 1) { title } }' })],
      [a.origin, '/mcp', json(MCP_INITIALIZE)],
    ] as const) {
      const res = await call(origin, path, { ...init, key });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(res.body)).toContain('"limit":"day"');
    }
  });

  it('the NL quota is shared too', async () => {
    const { key } = await (await b.app.access.keys()).create({ name: 'shared nl', scopes: ['read'], tier: 'free' });
    expect((await call(a.origin, '/api/query', { ...json({ query: 'anime like Cowboy Bebop' }), key })).status).toBe(200);
    const refused = await call(b.origin, '/api/query', { ...json({ query: 'anime like Cowboy Bebop' }), key });
    expect(refused.status).toBe(429);
    expect(refused.body.error.details).toMatchObject({ limit: 'nl-day' });
  });

  it('counts atomically: 20 concurrent requests against a budget of 7 let exactly 7 through', async () => {
    const link = connectRedis(redis.url!);
    await link.whenReady();
    try {
      const quota = new RedisQuota(link, `test-quota-${Date.now()}-${Math.random().toString(36).slice(2)}`, new MemoryQuota());
      const limits = [{ name: 'minute', limit: 7, windowMs: 60_000 }];
      const results = await Promise.all(Array.from({ length: 20 }, () => quota.consume('key:x', limits)));
      expect(results.filter((r) => r.ok)).toHaveLength(7);
      expect(await quota.peek('key:x', limits)).toEqual([7]);
    } finally {
      await link.close();
    }
  });
});
