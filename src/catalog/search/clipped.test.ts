// Clipped compounds derived from real titles and their romanised readings.
import { clippedCompoundsOf, clippedKey, twoMorae } from './clipped.js';
import { terms } from './normalize.js';

describe('clipped compounds', () => {
  it('reads the first two morae of a romaji word', () => {
    expect(twoMorae('kanojo')).toBe('kano');
    expect(twoMorae('kin')).toBe('kin'); // syllabic n: き+ん
    expect(twoMorae('yuusha')).toBe('yuu');
    expect(twoMorae('shibushibu')).toBe('shibu');
    expect(twoMorae('takkyuubin')).toBe('tak'); // small tsu: た+っ
    expect(twoMorae('danjon')).toBe('dan');
    expect(twoMorae('a')).toBeNull();
    expect(twoMorae('2199')).toBeNull();
  });

  it('clips two words of a name, particles skipped, long vowels folded as the index folds them', () => {
    expect(clippedCompoundsOf('Saenai Kanojo no Sodatekata')).toContain('saekano');
    expect(clippedCompoundsOf('kin iro mozaiku')).toContain('kinmoza');
    expect(clippedCompoundsOf('Wotaku ni Koi wa Muzukashii')).toContain('wotakoi');
    expect(clippedCompoundsOf('Oniichan dakedo Ai Sae Areba Kankeinai yo ne!')).toContain('oniai');
    const yuushibu = terms('Yuushibu').words[0]!;
    expect(clippedCompoundsOf('Yuusha ni Narenakatta Ore wa Shibushibu Shuushoku wo Ketsui Shimashita.')).toContain(yuushibu);
  });

  it('takes the first word from the head of the name only', () => {
    // "Shuushoku" is the 5th word: too far in to start a clipped compound.
    expect(clippedCompoundsOf('Yuusha ni Narenakatta Ore wa Shibushibu Shuushoku wo Ketsui Shimashita.').some((k) => k.startsWith('shu'))).toBe(false);
  });

  it('reads a query as a clipped compound only when it is one word of letters', () => {
    expect(clippedKey(terms('KinMoza').words)).toBe('kinmoza');
    expect(clippedKey(terms('Attack on Titan').words)).toBeNull();
    expect(clippedKey(terms('P4').words)).toBeNull();
  });
});
