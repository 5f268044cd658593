import { TieredCache } from './tiered-cache.js';

describe('TieredCache (L1 only)', () => {
  it('says fresh within the TTL, stale up to 2× TTL, nothing after', async () => {
    let now = 0;
    const cache = new TieredCache({ l1MaxEntries: 10, namespace: 't', now: () => now });
    await cache.set('k', { value: { a: 1 }, fetchedAt: now }, 1000);
    expect(await cache.get('k', 1000)).toMatchObject({ state: 'fresh', tier: 'l1', entry: { value: { a: 1 } } });
    now = 1500;
    expect(await cache.get('k', 1000)).toMatchObject({ state: 'stale' });
    now = 2000;
    expect(await cache.get('k', 1000)).toBeUndefined();
  });

  it('keeps negative entries and evicts the least recently used', async () => {
    const cache = new TieredCache({ l1MaxEntries: 1, namespace: 't' });
    await cache.set('gone', { notFound: true, fetchedAt: Date.now() }, 1000);
    expect((await cache.get('gone', 1000))?.entry.notFound).toBe(true);
    await cache.set('other', { value: 1, fetchedAt: Date.now() }, 1000);
    expect(await cache.get('gone', 1000)).toBeUndefined();
  });

  it('works with L1 disabled (0 entries): nothing is kept', async () => {
    const cache = new TieredCache({ l1MaxEntries: 0, namespace: 't' });
    await cache.set('k', { value: 1, fetchedAt: Date.now() }, 1000);
    expect(await cache.get('k', 1000)).toBeUndefined();
  });

  it('keeps values past the stale window as expired (stale-if-error) but not 404 memories', async () => {
    let now = 0;
    const cache = new TieredCache({ l1MaxEntries: 10, namespace: 't', now: () => now, staleIfErrorMs: 10_000 });
    await cache.set('k', { value: 'last good', fetchedAt: now }, 1000);
    await cache.set('gone', { notFound: true, fetchedAt: now }, 1000);
    now = 5000;
    expect(await cache.get('k', 1000)).toBeUndefined();
    expect(await cache.lookup('k', 1000)).toMatchObject({ state: 'expired', entry: { value: 'last good' } });
    expect(await cache.lookup('gone', 1000)).toBeUndefined();
    now = 10_000;
    expect(await cache.lookup('k', 1000)).toBeUndefined();
  });
});
