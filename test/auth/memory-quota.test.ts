// The in-process quota counter (one replica): windows, refusals, and the bound that keeps a flood
// of subjects from growing it without limit.
import { MemoryQuota } from '../../src/auth/quota.js';

const minute = { name: 'minute', limit: 3, windowMs: 60_000 };

describe('MemoryQuota', () => {
  it('counts a subject in its window, refuses past the limit with the wait, and starts over in the next', async () => {
    let now = 120_000 + 10_000;
    const quota = new MemoryQuota(() => now);
    for (let i = 0; i < 3; i += 1) expect(await quota.consume('key:a', [minute])).toEqual({ ok: true });
    expect(await quota.consume('key:a', [minute])).toEqual({ ok: false, limit: minute, retryAfterMs: 50_000 });
    expect(await quota.peek('key:a', [minute])).toEqual([3]);
    expect(await quota.peek('key:b', [minute])).toEqual([0]);
    now += 50_000;
    expect(await quota.consume('key:a', [minute])).toEqual({ ok: true });
    expect(await quota.peek('key:a', [minute])).toEqual([1]);
  });

  it('keeps the 100,000 most recent subjects: an older one is forgotten (it starts over)', async () => {
    const quota = new MemoryQuota(() => 0);
    await quota.consume('first', [minute]);
    await quota.consume('first', [minute]);
    for (let i = 0; i < 99_999; i += 1) await quota.consume(`ip:${i}`, [minute]);
    expect(await quota.peek('first', [minute])).toEqual([2]);
    await quota.consume('one more', [minute]);
    expect(await quota.peek('first', [minute])).toEqual([0]);
    expect(await quota.peek('ip:99998', [minute])).toEqual([1]);
  });
});
