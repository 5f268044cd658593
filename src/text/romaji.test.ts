// Behaviour tests on real titles from the installed bangumi-data package (no mocks: the real
// kuromoji dictionary is loaded once for the file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadRomanizer, type Romanizer } from './romaji.js';

interface BangumiItem {
  title: string;
}
const dataPath = createRequire(import.meta.url).resolve('bangumi-data/dist/data.json');
const items = (JSON.parse(readFileSync(dataPath, 'utf8')) as { items: BangumiItem[] }).items;
const titles = new Set(items.map((item) => item.title));

let romanizer: Romanizer;
beforeAll(async () => {
  romanizer = await loadRomanizer();
});

// Asserts the title is really in the data set, so these stay tests on real titles.
function readingOf(title: string): string | null {
  expect(titles).toContain(title);
  return romanizer.toRomaji(title);
}

describe('toRomaji on bangumi-data titles', () => {
  it.each([
    ['進撃の巨人', 'shingeki no kyojin'],
    ['鬼滅の刃', 'kimetsu no yaiba'], // 鬼滅 and 刃 come from the reading overrides
    ['千と千尋の神隠し', 'sen to chihiro no kamikakushi'], // IPADIC alone says "kamigakushi"
    ['君の名は。', 'kimi no na wa'], // topic particle は → wa, 。 dropped
    ['四月は君の嘘', 'shigatsu wa kimi no uso'],
    ['この素晴らしい世界に祝福を！', 'kono subarashii sekai ni shukufuku o'], // object particle を → o
    ['ようこそ実力至上主義の教室へ', 'youkoso jitsuryoku shijou shugi no kyoushitsu e'], // direction へ → e
    ['転生したらスライムだった件', 'tensei shitara suraimu datta ken'], // auxiliaries glued: shitara, datta
    ['やはり俺の青春ラブコメはまちがっている。', 'yahari ore no seishun rabu kome wa machigatteiru'],
    ['Re:ゼロから始める異世界生活', 're zero kara hajimeru isekai seikatsu'], // prefix 異 glued: isekai
    ['ぼっち・ざ・ろっく！', 'botchi za rokku'], // pure kana; ・ separates words, sokuon kept
    ['ベルサイユのばら', 'berusaiyu no bara'], // pure kana
    ['ルパン三世 THE FIRST', 'rupan sansei the first'], // mixed: latin words kept, lower-cased
    ['ヴァイオレット・エヴァーガーデン', 'vaioretto evaagaaden'], // loanword digraphs: va, not "vua"
  ])('%s → %s', (title, expected) => {
    expect(readingOf(title)).toBe(expected);
  });

  it('reads 僕のヒーローアカデミア, leaving the unknown katakana compound unsplit', () => {
    // IPADIC does not know ヒーローアカデミア, so it stays one word: "hiirooakademia".
    expect(readingOf('僕のヒーローアカデミア')).toBe('boku no hiirooakademia');
  });

  it('returns null for pure-latin titles', () => {
    expect(readingOf('ONE PIECE')).toBeNull();
    expect(readingOf('NEEDLESS')).toBeNull();
  });

  it('reads every Japanese title as plain lower-case words, and nulls the rest', () => {
    const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
    // Collect mismatches and assert once: 8,500 separate expect() calls dominate the run time.
    const wrong = items
      .map(({ title }) => ({ title, reading: romanizer.toRomaji(title) }))
      .filter(({ title, reading }) => {
        if (!japanese.test(title)) return reading !== null;
        return reading === null || japanese.test(reading) || reading !== reading.toLowerCase();
      });
    expect(wrong).toEqual([]);
  });
});

describe('toRomaji on odd input', () => {
  it.each([[''], ['   '], ['😀🎉'], ['・。！'], ['ーーー']])('returns null for %j', (text) => {
    expect(romanizer.toRomaji(text)).toBeNull();
  });

  it('folds full-width latin and half-width katakana first', () => {
    expect(romanizer.toRomaji('ｶﾀｶﾅ ＡＢＣ')).toBe('katakana abc');
  });

  it('survives very long and emoji-laden strings', () => {
    const long = '進撃の巨人😀'.repeat(20_000);
    const reading = romanizer.toRomaji(long);
    expect(reading).toMatch(/^shingeki no kyojin shingeki/);
    expect(romanizer.toRomaji('🎉鬼滅の刃🎉')).toBe('kimetsu no yaiba');
  });
});

describe('loadRomanizer', () => {
  it('shares one load between concurrent callers', async () => {
    const [a, b] = await Promise.all([loadRomanizer(), loadRomanizer()]);
    expect(a).toBe(b);
    expect(a).toBe(romanizer);
  });
});
