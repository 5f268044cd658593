import { levelOf, summarizeOutcomes } from './degradation.js';
import { OutcomeRecorder } from './outcomes.js';

describe('levelOf', () => {
  it.each([
    [[], 'FULL'],
    [['live', 'cache'], 'FULL'],
    [['cache', 'stale'], 'FULL'],
    [['live', 'failed'], 'PARTIAL'],
    [['cache', 'stale!'], 'PARTIAL'],
    [['stale!', 'failed'], 'CACHE_ONLY'],
    [['stale!'], 'CACHE_ONLY'],
    [['failed', 'failed'], 'OFFLINE'],
  ] as const)('%j → %s (stale! = served because the upstream failed)', (outcomes, level) => {
    const sources = outcomes.map((o) => (o === 'stale!' ? { outcome: 'stale' as const, error: 'SOURCE_UNAVAILABLE' } : { outcome: o }));
    expect(levelOf(sources)).toBe(level);
  });
});

describe('summarizeOutcomes', () => {
  it('keeps the worst call per source (the oldest of equals), sorted by name, ages rounded, none for failures', () => {
    const summary = summarizeOutcomes([
      { source: 'kitsu', outcome: 'live', ageSeconds: 0 },
      { source: 'jikan', outcome: 'cache', ageSeconds: 10.4 },
      { source: 'jikan', outcome: 'stale', ageSeconds: 7200.6, errorCode: 'SOURCE_UNAVAILABLE' },
      { source: 'jikan', outcome: 'cache', ageSeconds: 20 },
      { source: 'anilist', outcome: 'cache', ageSeconds: 5 },
      { source: 'anilist', outcome: 'cache', ageSeconds: 50 },
      { source: 'animeschedule', outcome: 'failed', ageSeconds: 3, errorCode: 'SOURCE_RATE_LIMITED' },
    ]);
    expect(summary).toEqual({
      level: 'PARTIAL',
      sources: [
        { name: 'anilist', outcome: 'cache', ageSeconds: 50 },
        { name: 'animeschedule', outcome: 'failed', error: 'SOURCE_RATE_LIMITED' },
        { name: 'jikan', outcome: 'stale', ageSeconds: 7201, error: 'SOURCE_UNAVAILABLE' },
        { name: 'kitsu', outcome: 'live', ageSeconds: 0 },
      ],
    });
  });

  it('accepts only well-formed outcomes from another process', () => {
    const recorder = new OutcomeRecorder();
    recorder.merge([{ source: 'jikan', outcome: 'stale', ageSeconds: 60 }, { source: 'kitsu', outcome: 'exploded' }, null, 'x', { outcome: 'live' }]);
    recorder.merge({ not: 'a list' });
    expect(recorder.outcomes).toEqual([{ source: 'jikan', outcome: 'stale', ageSeconds: 60 }]);
  });
});
