// AniList's rate-limit headers read as a budget for the kit.
import { anilistBudget } from './client.js';

describe('anilistBudget', () => {
  const at = Date.parse('2026-11-26T12:00:00Z');

  it('reads X-RateLimit-Remaining with a rolling minute', () => {
    expect(anilistBudget(new Headers({ 'X-RateLimit-Limit': '30', 'X-RateLimit-Remaining': '29' }), at)).toEqual({ remaining: 29, resetAtMs: at + 60_000 });
  });

  it('on a 429 waits for Retry-After or X-RateLimit-Reset, whichever is later', () => {
    const reset = at / 1000 + 45;
    expect(anilistBudget(new Headers({ 'Retry-After': '30', 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Remaining': '0' }), at)).toEqual({
      remaining: 0,
      resetAtMs: reset * 1000,
    });
    expect(anilistBudget(new Headers({ 'Retry-After': '30' }), at)).toEqual({ remaining: 0, resetAtMs: at + 30_000 });
  });

  it('says nothing when the answer has no budget headers', () => {
    expect(anilistBudget(new Headers({ 'content-type': 'application/json' }), at)).toBeNull();
  });
});
