// The merged catalog on real data (bangumi-data, the films catalog, the AOD sample and the MAL 2016
// CSV): joins by MAL id, the display title rule, popularity, score precedence, canonical tags and
// MAL entries no other provider knows. The catalog is loaded once (~10–20 s).
import { loadConfig } from '../config/index.js';
import { AnimeFormat, canonicalTag, Platform, type AnimeRecord } from '../domain/index.js';
import type { Catalog } from './catalog.js';
import { loadCatalog } from './load.js';
import { mergeRecords } from './merge.js';
import { loadAnimestreamMovies } from './providers/animestream-movies.js';
import { loadBangumiData } from './providers/bangumi-data.js';
import { loadMal2016 } from './providers/mal-2016.js';
import type { SourceRecord } from './providers/types.js';

let catalog: Catalog;
let bangumi: SourceRecord[];
let films: SourceRecord[];
let mal: SourceRecord[];
beforeAll(async () => {
  [catalog, { records: bangumi }, { records: films }, { records: mal }] = await Promise.all([
    loadCatalog(loadConfig({})),
    loadBangumiData(),
    loadAnimestreamMovies('data/animestream-catalog-movies.json'),
    loadMal2016('data/mal-anime-2016.csv'),
  ]);
}, 120_000);

const malId = (record: Pick<AnimeRecord, 'platformIds'>) => record.platformIds.find((p) => p.platform === Platform.MAL)?.id;
const byMal = (id: number) => catalog.byPlatform(Platform.MAL, id)!;
const providersOf = (record: AnimeRecord) => record.providers.map((p) => p.provider);

describe('display title', () => {
  it("is MAL's main title, the official styling kept as a synonym", () => {
    const bebop = byMal(1);
    expect(bebop.title).toBe('Cowboy Bebop');
    expect(bebop.synonyms).toContain('COWBOY BEBOP');
    expect(providersOf(bebop)).toEqual(['bangumi-data', 'mal-anime-2016', 'anidb-titles']);
  });

  it('is Hyouka for MAL 12189, not its Japanese title', () => {
    const hyouka = byMal(12189);
    expect(hyouka).toMatchObject({ title: 'Hyouka', titleJapanese: '氷菓' });
    expect(hyouka.synonyms).toContain('氷菓');
  });

  it('keeps English, romaji and Japanese in their own fields', () => {
    expect(byMal(16498)).toMatchObject({ title: 'Shingeki no Kyojin', titleEnglish: 'attack on titan', titleJapanese: '進撃の巨人' });
    expect(byMal(199)).toMatchObject({ title: 'Sen to Chihiro no Kamikakushi', titleEnglish: 'Spirited Away', titleRomaji: 'sen to chihiro no kamikakushi' });
    // Where AniDB's romaji is shown, kuromoji's reading (陰陽師 read "inyoushi") stays a name search knows.
    expect(byMal(50932)).toMatchObject({ title: 'Saikyou Onmyouji no Isekai Tenseiki', titleRomaji: 'Saikyou Onmyouji no Isekai Tenseiki' });
    expect(byMal(50932).synonyms).toContain('saikyou inyoushi no isekai tenseiki');
  });

  it("takes AniDB's official English title over a provider's styled one, unless AniDB labels it with a year", () => {
    // bangumi-data's English for SPY×FAMILY is "SPY FAMILY" (the × lost); AniDB's is "Spy x Family".
    expect(byMal(50265)).toMatchObject({ title: 'Spy x Family', titleEnglish: 'Spy x Family', titleJapanese: 'SPY×FAMILY' });
    expect(byMal(50265).synonyms).toEqual(expect.arrayContaining(['SPY FAMILY', 'SPY×FAMILY']));
    expect(byMal(35073)).toMatchObject({ title: 'Overlord II', titleEnglish: 'Overlord II' });
    // AniDB's English for the final series is "Fairy Tail (2018)": a catalog's label, not taken.
    expect(byMal(35972)).toMatchObject({ title: 'Fairy Tail Final Series', titleEnglish: 'FAIRY TAIL FINAL SERIES' });
  });

  it('falls back to the AOD title, then English, for entries MAL 2016 does not list', () => {
    const dandadan = byMal(57334); // in the AOD sample and bangumi-data, newer than the MAL CSV
    expect(providersOf(dandadan)).toContain('anime-offline-database');
    expect(providersOf(dandadan)).not.toContain('mal-anime-2016');
    expect(dandadan.title).toBe('Dandadan');
    const apothecary = byMal(54492);
    expect(providersOf(apothecary)).toEqual(['bangumi-data']);
    expect(apothecary.title).toBe(apothecary.titleEnglish);
    expect(apothecary.title).toBe('The Apothecary Diaries');
  });

  it('falls back to a readable romanisation when no source has a Latin title', () => {
    const japaneseOnly = catalog.records.filter((r) => providersOf(r).join() === 'bangumi-data' && !r.titleEnglish && r.titleRomaji && /^\P{Script=Latin}*$/u.test(r.titleJapanese ?? 'x'));
    expect(japaneseOnly.length).toBeGreaterThan(100);
    expect(japaneseOnly.filter((r) => r.title.toLowerCase() !== r.titleRomaji).map((r) => `${r.id} ${r.title}`)).toEqual([]);
    expect(byMal(38568)).toMatchObject({ title: 'Susume Dokankun', titleJapanese: '進め！土管くん' });
  });

  it('never shows an ALL-CAPS styling when the name has letters to restore', () => {
    const bocchi = byMal(47917); // English "BOCCHI THE ROCK!" only
    expect(bocchi.title).toBe('Bocchi the Rock!');
    expect(bocchi.synonyms).toContain('BOCCHI THE ROCK!');
    expect(byMal(227).title).toBe('FLCL'); // MAL's own title, an acronym
  });

  it('spaces ornaments that join words but keeps a season mark', () => {
    expect(byMal(1887).title).toBe('Lucky Star');
    expect(byMal(1887).synonyms).toContain('Lucky☆Star');
    expect(byMal(9756).title).toBe('Mahou Shoujo Madoka Magica');
    expect(byMal(9756).synonyms).toContain('Mahou Shoujo Madoka★Magica');
    expect(byMal(12403).title).toBe('Yuru Yuri♪♪'); // the second season of "Yuru Yuri"
  });

  it('keeps every title a provider gave findable as a synonym', () => {
    // Several provider entries can share a MAL id (split entries): any entry with that id will do.
    const byMalId = new Map<string, AnimeRecord[]>();
    for (const record of catalog.records) for (const p of record.platformIds) if (p.platform === Platform.MAL) byMalId.set(p.id, [...(byMalId.get(p.id) ?? []), record]);
    // Names are kept once whatever their case (search ignores case).
    const named = (record: AnimeRecord, name: string) => [record.title, ...record.synonyms].some((n) => n.toLowerCase() === name.toLowerCase());
    const missing = [...bangumi, ...films, ...mal]
      .filter((record) => malId(record) && !byMalId.get(malId(record)!)?.some((merged) => named(merged, record.title)))
      .map((record) => `mal:${malId(record)}: ${record.title}`);
    expect(missing).toEqual([]);
    expect(catalog.search({ query: 'COWBOY BEBOP', first: 1 }).nodes[0]?.id).toBe('mal:1');
  });
});

describe('MAL 2016 in the merge', () => {
  it('adds MAL entries no other provider has as catalog entries, with AniList ids from arm', () => {
    expect(bangumi.some((r) => malId(r) === '11741')).toBe(false);
    const fateZero2 = byMal(11741);
    expect(fateZero2).toMatchObject({ id: 'mal:11741', title: 'Fate/Zero 2nd Season', format: AnimeFormat.TV, episodes: 12, score: 8.73, popularity: 340973 });
    expect(providersOf(fateZero2)).toEqual(['mal-anime-2016']);
    expect(catalog.byPlatform(Platform.ANILIST, 11741)).toBe(fateZero2);
    const malOnly = catalog.records.filter((r) => providersOf(r).join() === 'mal-anime-2016');
    expect(malOnly.length).toBeGreaterThan(5000);
    // Every MAL row is in the entry its MAL id names.
    const unreachable = mal.filter((row) => !providersOf(byMal(Number(malId(row)))).includes('mal-anime-2016')).map(malId);
    expect(unreachable).toEqual([]);
  });

  it('gives popularity (MAL members) and null where no source knows it', () => {
    expect(byMal(16498).popularity).toBe(896229);
    expect(byMal(54492).popularity).toBeNull();
    const withMal = catalog.records.filter((r) => providersOf(r).includes('mal-anime-2016'));
    expect(withMal.every((r) => r.popularity !== null)).toBe(true);
  });

  it('fills the score only where no better source has one', () => {
    // The films catalog rates Your Name 8.331, MAL 2016 9.37; the AOD averages Shingeki no Kyojin.
    expect(byMal(32281).score).toBe(8.331);
    expect(byMal(16498).score).toBeCloseTo(8.544, 3);
    expect(byMal(1).score).toBe(8.82); // bangumi-data has no score
  });

  it('is a format hint only where the other providers do not know the format', () => {
    const bebopMal = mal.find((r) => malId(r) === '1')!;
    const bebopBangumi = bangumi.find((r) => malId(r) === '1')!;
    const unknownFormat = { ...bebopBangumi, format: AnimeFormat.UNKNOWN };
    const [merged] = mergeRecords([[unknownFormat], [bebopMal]], {});
    expect(merged!.format).toBe(AnimeFormat.TV);
    const known = mergeRecords([[{ ...bebopBangumi, format: AnimeFormat.SPECIAL }], [bebopMal]], {});
    expect(known[0]!.format).toBe(AnimeFormat.SPECIAL);
  });

  it('lists tags once, in the one vocabulary', () => {
    expect(byMal(1).tags).toEqual(['action', 'adventure', 'comedy', 'drama', 'sci-fi', 'space']);
    const offVocabulary = catalog.records.flatMap((r) => r.tags.filter((t) => canonicalTag(t) !== t).map((t) => `${r.id}: ${t}`));
    expect(offVocabulary).toEqual([]);
    expect(catalog.records.filter((r) => new Set(r.tags).size !== r.tags.length).map((r) => r.id)).toEqual([]);
  });

  it('filters by any spelling of a tag', () => {
    const count = (tag: string) => catalog.search({ filter: { tagsInclude: [tag] }, first: 0 }).totalCount;
    expect(count('sci-fi')).toBeGreaterThan(2000);
    expect(count('Science Fiction')).toBe(count('sci-fi'));
    expect(count('Sci Fi')).toBe(count('sci-fi'));
    expect(catalog.search({ filter: { tagsInclude: ['romance'], tagsExclude: ['Sci-Fi'] }, first: 0 }).totalCount).toBe(
      catalog.records.filter((r) => r.tags.includes('romance') && !r.tags.includes('sci-fi')).length,
    );
  });
});

describe('provider switches', () => {
  it('leave each bundled provider out: the AOD sample alone is its 10 entries', async () => {
    const sampleOnly = await loadCatalog(
      loadConfig({
        CATALOG_BANGUMI: 'false',
        CATALOG_MAL: 'false',
        CATALOG_MOVIES_PATH: 'off',
        CATALOG_ANIDB_TITLES_PATH: 'off',
        CATALOG_ANIDB_TITLES_SNAPSHOT_PATH: 'off',
        CATALOG_CACHE_DIR: 'off',
      }),
    );
    expect(sampleOnly.reports.map((r) => r.provider)).toEqual(['anime-offline-database']);
    expect(sampleOnly.size).toBe(10);
  });
});
