import { reciprocalRankFusion, RRF_K } from './rank-fusion.js';

describe('reciprocalRankFusion', () => {
  it('ranks an item found by both lists above items found by one, whatever their raw scores were', () => {
    const fused = reciprocalRankFusion([
      { source: 'lexical', ids: ['a', 'b', 'c'] },
      { source: 'vector', ids: ['d', 'c', 'a'] },
    ]);
    expect(fused.map((h) => h.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(fused[0]!.ranks).toEqual({ lexical: 1, vector: 3 });
  });

  it('scores 1 for first place in every list and says how much evidence is missing', () => {
    expect(reciprocalRankFusion([{ source: 'x', ids: ['a'] }, { source: 'y', ids: ['a'] }])[0]!.score).toBeCloseTo(1);
    // One list present out of two possible: first place is worth half.
    expect(reciprocalRankFusion([{ source: 'x', ids: ['a'] }], 2)[0]!.score).toBeCloseTo(0.5);
  });

  it('weights lists and counts an id once per list', () => {
    const fused = reciprocalRankFusion([
      { source: 'meta', ids: ['a', 'b'] },
      { source: 'image', ids: ['b', 'b'], weight: 0.5 },
    ]);
    const b = fused.find((h) => h.id === 'b')!;
    expect(b.ranks).toEqual({ meta: 2, image: 1 });
    expect(b.score).toBeCloseTo((1 / (RRF_K + 2) + 0.5 / (RRF_K + 1)) / (1.5 / (RRF_K + 1)));
  });

  it('returns nothing for no lists', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});
