import { MemoryBudget, RateGate, RateLimitWaitExceeded, windowWithMargin } from './rate-limit.js';

describe('MemoryBudget', () => {
  it('grants up to the points, then asks to wait until the oldest finished request leaves the window', async () => {
    let now = 1_000;
    const budget = new MemoryBudget([{ points: 2, durationMs: 1000 }], () => now);
    const a = await budget.tryTake();
    const b = await budget.tryTake();
    expect(a.slot && b.slot).toBeTruthy();
    // Both in flight: no end is known yet, so poll soon.
    expect((await budget.tryTake()).waitMs).toBeGreaterThan(0);
    a.slot!.release();
    now += 100;
    b.slot!.release();
    const window = windowWithMargin({ points: 2, durationMs: 1000 });
    expect((await budget.tryTake()).waitMs).toBe(window - 100);
    now = 1_000 + window;
    expect((await budget.tryTake()).slot).toBeDefined();
  });

  it('enforces every limit of a source', async () => {
    let now = 0;
    const budget = new MemoryBudget([{ points: 3, durationMs: 1000 }, { points: 4, durationMs: 60_000 }], () => now);
    for (let i = 0; i < 3; i += 1) (await budget.tryTake()).slot!.release();
    expect((await budget.tryTake()).waitMs).toBe(windowWithMargin({ points: 3, durationMs: 1000 }));
    now = 2000;
    (await budget.tryTake()).slot!.release();
    expect((await budget.tryTake()).waitMs).toBe(windowWithMargin({ points: 4, durationMs: 60_000 }) - 2000);
  });
});

describe('RateGate', () => {
  it('gives up when the wait would exceed the maximum', async () => {
    const gate = new RateGate(new MemoryBudget([{ points: 1, durationMs: 10_000 }]), 50);
    (await gate.pass()).slot.release();
    await expect(gate.pass()).rejects.toBeInstanceOf(RateLimitWaitExceeded);
  });

  it('waits while paused (Retry-After, budget headers)', async () => {
    const gate = new RateGate(new MemoryBudget([{ points: 100, durationMs: 1000 }]), 5000);
    gate.pauseUntil(Date.now() + 120);
    const { waitedMs } = await gate.pass();
    expect(waitedMs).toBeGreaterThanOrEqual(110);
  });
});
