// Spelling correction on words of real titles.
import { editDistance, TypoCorrector } from './typo.js';

const vocabulary = new Map([
  ['cowboy', 3],
  ['bebop', 3],
  ['alchemist', 9],
  ['alchemic', 1],
  ['attack', 40],
  ['titan', 12],
  ['evangelion', 20],
  ['shingeki', 15],
  ['kyojin', 15],
]);

describe('typo correction', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('alchemsit', 'alchemist', 2)).toBe(1);
    expect(editDistance('cowbyo', 'cowboy', 2)).toBe(1);
    expect(editDistance('atack', 'attack', 2)).toBe(1);
    expect(editDistance('evengelian', 'evangelion', 2)).toBe(2);
    expect(editDistance('kyojin', 'bebop', 2)).toBe(3);
  });

  const corrector = new TypoCorrector(vocabulary);
  it.each([
    ['cowbow', 'cowboy'],
    ['alchemsit', 'alchemist'],
    ['atack', 'attack'],
    ['shingekki', 'shingeki'],
    ['kyojim', 'kyojin'],
    ['evengelian', 'evangelion'],
  ])('%s → %s', (typed, meant) => {
    expect(corrector.correct(typed)[0]).toEqual(expect.objectContaining({ word: meant }));
  });

  it('offers only the closest words, and nothing for short words', () => {
    expect(corrector.correct('alchemsit').map((c) => c.word)).toEqual(['alchemist']);
    expect(corrector.correct('tita')).toEqual([{ word: 'titan', distance: 1 }]);
    expect(corrector.correct('bop')).toEqual([]);
  });
});
