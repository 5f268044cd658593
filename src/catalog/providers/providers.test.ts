// Providers on real data: the AOD samples, bangumi-data and the films catalog. Malformed entries
// are counted, reported and skipped; an unusable file is a typed error, never a crash.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnimeFormat, AnimeStatus, Platform, Season } from '../../domain/index.js';
import { CatalogFileError, loadAod } from './aod.js';
import { bangumiDataPath, loadBangumiData } from './bangumi-data.js';
import { loadAnimestreamMovies } from './animestream-movies.js';

const FIXTURES = 'test/fixtures/upstream/catalog-derived';
const idOf = (record: { platformIds: Array<{ platform: Platform; id: string }> }, platform: Platform) =>
  record.platformIds.filter((p) => p.platform === platform).map((p) => p.id);

describe('anime-offline-database provider', () => {
  it('loads the real sample (a bare array of AOD entries) with every id and field', async () => {
    const { records, report } = await loadAod(`${FIXTURES}/base_anime_sample.json`);
    expect(report).toMatchObject({ loaded: 10, skipped: 0, licence: 'ODbL-1.0' });
    const dandadan = records.find((r) => r.title === 'Dandadan')!;
    expect(idOf(dandadan, Platform.MAL)).toEqual(['57334']);
    expect(idOf(dandadan, Platform.ANN)).toEqual(['30869', '34211']);
    expect(idOf(dandadan, Platform.ANIME_PLANET)).toEqual(['dandadan']);
    expect(dandadan).toMatchObject({ format: AnimeFormat.TV, episodes: 12, status: AnimeStatus.COMPLETED, season: Season.FALL, year: 2024, durationSeconds: 1380 });
    expect(dandadan.studios).toEqual(['science saru inc.']);
    expect(dandadan.score).toBeCloseTo(8.515, 2);
    expect(dandadan.relations.length).toBeGreaterThan(0);
  });

  it('counts, reports and skips malformed entries of a real derived dump', async () => {
    // Two entries of this dump carry `duration` as a bare number instead of { value, unit }.
    const { records, report } = await loadAod(`${FIXTURES}/enriched_anime_database.json`);
    expect(report.loaded + report.skipped).toBe(28);
    expect(report.skipped).toBe(2);
    expect(records).toHaveLength(report.loaded);
    expect(report.problems.every((p) => p.includes('duration'))).toBe(true);
  });

  it('refuses a file that is not JSON or not the AOD format with a typed error', async () => {
    await expect(loadAod(`${FIXTURES}/enhanced_anime_schema_example.json`)).rejects.toBeInstanceOf(CatalogFileError);
    await expect(loadAod(`${FIXTURES}/does-not-exist.json`)).rejects.toThrow(/cannot be used/);
    const dir = await mkdtemp(join(tmpdir(), 'aod-'));
    await writeFile(join(dir, 'wrong.json'), JSON.stringify({ license: {}, entries: [] }));
    await expect(loadAod(join(dir, 'wrong.json'))).rejects.toThrow(/no "data" array/);
  });
});

describe('bangumi-data provider', () => {
  it('loads every item of the installed package', async () => {
    const { records, report } = await loadBangumiData();
    expect(report.skipped).toBe(0);
    expect(report.loaded).toBeGreaterThan(8000);
    const bebop = records.find((r) => idOf(r, Platform.MAL).includes('1'))!;
    expect(bebop.title).toBe('COWBOY BEBOP');
    expect(idOf(bebop, Platform.BANGUMI)).toEqual(['253']);
    expect(bebop).toMatchObject({ format: AnimeFormat.TV, year: 1998, season: Season.FALL, startDate: '1998-10-23', status: AnimeStatus.COMPLETED });
    const netflix = bebop.streaming.find((s) => s.service === 'netflix')!;
    expect(netflix.url).toBe('https://www.netflix.com/title/80001305');
    const bilibili = bebop.streaming.find((s) => s.service === 'bilibili')!;
    expect(bilibili.regions).toEqual(['CN']);
  });

  it('skips and reports items that fail validation without losing the rest', async () => {
    const data = JSON.parse(await readFile(bangumiDataPath(), 'utf8'));
    data.items = data.items.slice(0, 50);
    delete data.items[3].title;
    data.items[7].sites = 'not a list';
    const dir = await mkdtemp(join(tmpdir(), 'bangumi-'));
    await writeFile(join(dir, 'data.json'), JSON.stringify(data));
    const { records, report } = await loadBangumiData(join(dir, 'data.json'));
    expect(report).toMatchObject({ loaded: 48, skipped: 2 });
    expect(records).toHaveLength(48);
    expect(report.problems[0]).toMatch(/^item 3:/);
  });
});

describe('films provider', () => {
  it('loads the bundled films catalog with ids, genres as tags and runtime', async () => {
    const { records, report } = await loadAnimestreamMovies('data/animestream-catalog-movies.json');
    expect(report).toMatchObject({ loaded: 1643, skipped: 0 });
    const yourName = records.find((r) => idOf(r, Platform.MAL).includes('32281'))!;
    expect(yourName).toMatchObject({ title: 'Your Name.', format: AnimeFormat.MOVIE, year: 2016, durationSeconds: 106 * 60 });
    expect(idOf(yourName, Platform.ANILIST)).toEqual(['21519']);
    expect(idOf(yourName, Platform.IMDB)).toEqual(['tt5311514']);
    expect(yourName.tags).toContain('romance');
  });
});
