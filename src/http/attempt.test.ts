import { buildUrl, parseRetryAfter } from './attempt.js';
import { cacheKey } from './source-client.js';
import { z } from 'zod';

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    ['Thu, 26 Nov 2026 12:00:05 GMT', 5000],
    [null, undefined],
    ['soon', undefined],
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, Date.parse('Thu, 26 Nov 2026 12:00:00 GMT'))).toBe(ms);
  });
});

describe('buildUrl and cacheKey', () => {
  it('joins base and path, drops empty query values, orders the query', () => {
    expect(buildUrl('http://h/v4/', { path: 'anime/1/full', query: { b: 2, a: 'x y', c: undefined, d: null } }).toString()).toBe(
      'http://h/v4/anime/1/full?a=x+y&b=2',
    );
  });

  it('gives the same key whatever the query order, and distinct keys per body', () => {
    const schema = z.unknown();
    const a = cacheKey('jikan', { path: '/top/anime', query: { page: 1, limit: 25 }, schema, dataClass: 'page' });
    const b = cacheKey('jikan', { path: '/top/anime', query: { limit: 25, page: 1 }, schema, dataClass: 'page' });
    expect(a).toBe(b);
    const q1 = cacheKey('anilist', { method: 'POST', path: '/', body: { id: 1 }, schema, dataClass: 'details' });
    const q2 = cacheKey('anilist', { method: 'POST', path: '/', body: { id: 2 }, schema, dataClass: 'details' });
    expect(q1).not.toBe(q2);
  });
});
