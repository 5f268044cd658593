// Title series on the real catalog: sequels, films and spin-offs that name their series first are
// grouped (the shipped catalog has no relations for them), different works sharing a word are not.
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { seriesStem, TitleSeriesIndex } from '../src/similarity/title-series.js';

let catalog: Catalog;
let index: TitleSeriesIndex;

beforeAll(async () => {
  catalog = await loadCatalog(loadConfig());
  index = new TitleSeriesIndex(catalog.records);
}, 120_000);

const seriesOf = (id: string) => index.seriesOf(catalog.byId(id)!);

describe('title series', () => {
  it.each([
    ['mal:468', 'ghost in the shell'],
    ['mal:17187', 'ghost in the shell'],
    ['mal:31', 'neon genesis evangelion'],
    // The Samurai X film, under MAL's title "Rurouni Kenshin: Meiji Kenkaku Romantan - Ishinshishi e no Chinkonka".
    ['mal:46', 'rurouni kenshin'],
    ['mal:166', 'samurai'],
  ])('the series stem of %s is %j', (id, stem) => {
    expect(seriesStem(catalog.byId(id)!.title)).toBe(stem);
  });

  it('groups Ghost in the Shell with Innocence, Arise and SAC_2045, and its catalog relations know none of them', () => {
    const gits = catalog.byId('mal:43')!;
    expect(catalog.franchise(gits).map((r) => r.id)).toEqual(['mal:43']);
    expect(seriesOf('mal:43')).toEqual(expect.arrayContaining(['mal:43', 'mal:468', 'mal:17187', 'mal:19191', 'mal:38799']));
    expect(seriesOf('mal:43').every((id) => catalog.byId(id)!.title.startsWith('Ghost in the Shell'))).toBe(true);
  });

  it('keeps different works apart: SAMURAI 7 and Spirited Away are series of one; the Samurai X film is Rurouni Kenshin', () => {
    expect(seriesOf('mal:46')).toEqual(expect.arrayContaining(['mal:46', 'mal:45']));
    // The catalog also has "Samurai" (mal:29637), a romance film: same one-word stem, no shared genre.
    expect(seriesOf('mal:166')).toEqual(['mal:166']);
    // One-word series that do share genres stay one series.
    expect(seriesOf('mal:20')).toEqual(expect.arrayContaining(['mal:20', 'mal:1735']));
    expect(seriesOf('mal:199')).toEqual(['mal:199']);
  });

  it('ignores stems too short to name a series', () => {
    expect(seriesStem('K')).toBeNull();
    expect(seriesStem(null)).toBeNull();
  });
});
