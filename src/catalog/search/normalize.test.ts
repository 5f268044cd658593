import { foldLongVowels, titleKey, tokenize } from './normalize.js';

describe('title normalisation', () => {
  it.each([
    ['Tōkyō Ghoul', 'Tokyo Ghoul'],
    ['Toukyou Ghoul', 'tokyo ghoul'],
    ['ＣＯＷＢＯＹ　ＢＥＢＯＰ', 'cowboy bebop'],
    ['Pokémon', 'pokemon'],
    ['Attack on Titan 2nd Season', 'attack on titan second season'],
    ['Mob Psycho 100 II', 'mob psycho 100 2nd'],
    ['Kaguya-sama: Love is War', 'kaguya sama love is war'],
    ['JoJo’s Bizarre Adventure', "jojo's bizarre adventure"],
    ['Dr. Stone', 'Doctor Stone'],
    ['Mr. Osomatsu', 'mister osomatsu'],
  ])('%s and %s share one key', (a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });

  it('folds a folded word to itself', () => {
    for (const word of ['yuuutsu', 'toukyou', 'ouu', 'shippuuden', 'ohtaka']) expect(foldLongVowels(foldLongVowels(word))).toBe(foldLongVowels(word));
  });

  it('turns S2 into season 2 and keeps order otherwise', () => {
    expect(tokenize('Vinland Saga S2')).toEqual(['vinland', 'saga', 'season', '2']);
  });

  it('splits Japanese into bigrams and keeps voiced kana', () => {
    expect(tokenize('進撃の巨人')).toEqual(['進撃', '撃の', 'の巨', '巨人']);
    expect(tokenize('ガンダム')).toEqual(['がん', 'んだ', 'だむ']);
  });

  it('reads katakana and hiragana alike', () => {
    expect(titleKey('フリーレン')).toBe(titleKey('ふりーれん'));
    expect(titleKey('ﾀﾞﾝﾀﾞﾀﾞﾝ')).toBe(titleKey('だんだだん'));
  });
});
