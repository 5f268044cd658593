// Providers on real data: the AOD samples, bangumi-data, the films catalog and the MAL 2016 CSV. Malformed entries
// are counted, reported and skipped; an unusable file is a typed error, never a crash.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnimeFormat, AnimeStatus, Platform, Season } from '../../domain/index.js';
import { CatalogFileError, loadAod } from './aod.js';
import { bangumiDataPath, loadBangumiData } from './bangumi-data.js';
import { loadAnimestreamMovies } from './animestream-movies.js';
import { loadMal2016 } from './mal-2016.js';
import type { ProviderReport, SourceRecord } from './types.js';

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

  it('folds an anime listed twice (one bangumi.tv subject, one first day) into one record, and keeps parts apart', async () => {
    const { records } = await loadBangumiData();
    const listed = (subject: string) => records.filter((r) => idOf(r, Platform.BANGUMI).includes(subject));
    // Steins;Gate 0 under its Japanese and its Chinese title: one record with both names and both lists' sites.
    const [steinsGate, ...others] = listed('129807');
    expect(others).toEqual([]);
    expect([steinsGate!.title, ...steinsGate!.synonyms]).toEqual(expect.arrayContaining(['STEINS;GATE 0', 'シュタインズ・ゲート ゼロ', '命运石之门 0']));
    expect(steinsGate!.streaming.map((s) => s.service)).toEqual(expect.arrayContaining(['nicovideo', 'abema']));
    expect(steinsGate!.titleJapanese).toBe('シュタインズ・ゲート ゼロ');
    // No subject is listed twice with one first day any more; Fate/strange Fake's special and series stay two.
    const days = records.flatMap((r) => idOf(r, Platform.BANGUMI).map((id) => `${id} ${r.format} ${r.startDate}`));
    expect(days.length - new Set(days).size).toBe(0);
    expect(listed('443831').map((r) => r.startDate)).toHaveLength(2);
  });

  it('decodes the HTML escaping a few titles keep', async () => {
    const { records } = await loadBangumiData();
    const names = records.flatMap((r) => [r.title, ...r.synonyms]);
    expect(names).toContain('TIGER & BUNNY 2');
    expect(names.filter((n) => /&(?:amp|quot|#\d+);/.test(n))).toEqual([]);
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

describe('MyAnimeList 2016 provider', () => {
  const MAL_CSV = 'data/mal-anime-2016.csv';
  let records: SourceRecord[];
  let report: ProviderReport;
  beforeAll(async () => {
    ({ records, report } = await loadMal2016(MAL_CSV));
  });
  const byMal = (id: string) => records.find((r) => idOf(r, Platform.MAL).includes(id))!;

  it('loads every row of the bundled CSV with its MAL id', () => {
    expect(report).toMatchObject({ provider: 'mal-anime-2016', licence: 'CC0-1.0', loaded: 12297, skipped: 0 });
    expect(new Set(records.map((r) => idOf(r, Platform.MAL)[0])).size).toBe(12297);
    const bebop = byMal('1');
    expect(bebop).toMatchObject({ title: 'Cowboy Bebop', format: AnimeFormat.TV, episodes: 26, score: 8.82, popularity: 486824 });
    expect(bebop.platformIds).toEqual([{ platform: Platform.MAL, id: '1', url: 'https://myanimelist.net/anime/1' }]);
  });

  it('decodes the HTML entities the scrape kept in names', () => {
    // In the CSV: "Gintama&#039;", "Roberta&#039;s Blood Trail", "Tiger &amp; Bunny", "Tokyo Ghoul: &quot;Jack&quot;".
    expect(byMal('9969').title).toBe("Gintama'");
    expect(byMal('4901').title).toBe("Black Lagoon: Roberta's Blood Trail");
    expect(byMal('9941').title).toBe('Tiger & Bunny');
    expect(byMal('30458').title).toBe('Tokyo Ghoul: "Jack"');
    expect(records.filter((r) => /&(#\d+|amp|quot|gt|lt);/.test(r.title))).toEqual([]);
  });

  it('reads "Unknown" episodes, an empty rating and an empty type as unknown, not as errors', () => {
    expect(byMal('21')).toMatchObject({ title: 'One Piece', episodes: null, score: 8.58, format: AnimeFormat.TV });
    expect(byMal('30484')).toMatchObject({ title: 'Steins;Gate 0', episodes: null, score: null, format: AnimeFormat.UNKNOWN, popularity: 60999 });
  });

  it('turns its genres into tags of the one vocabulary', () => {
    // "Action, Comedy, Historical, Parody, Samurai, Sci-Fi, Shounen"
    expect(byMal('9969').tags).toEqual(['action', 'comedy', 'historical', 'parody', 'samurai', 'sci-fi', 'shounen']);
    // "Drama, Game, Seinen, Slice of Life"
    expect(byMal('31646').tags).toEqual(['drama', 'game', 'seinen', 'slice of life']);
  });

  it('counts, reports and skips rows that fail validation', async () => {
    const lines = (await readFile(MAL_CSV, 'utf8')).split('\n').slice(0, 51);
    lines[3] = lines[3]!.replace(/,TV,/, ',Television,'); // not a MAL type
    lines[7] = lines[7]!.slice(0, lines[7]!.indexOf(',"')); // a row cut before its genres
    lines[9] = lines[9]!.replace(/^\d+/, 'x'); // not an id
    const dir = await mkdtemp(join(tmpdir(), 'mal-'));
    await writeFile(join(dir, 'anime.csv'), lines.join('\n'));
    const cut = await loadMal2016(join(dir, 'anime.csv'));
    expect(cut.report).toMatchObject({ loaded: 47, skipped: 3 });
    expect(cut.records).toHaveLength(47);
    expect(cut.report.problems).toEqual([expect.stringMatching(/^line 4: type:/), expect.stringMatching(/^line 8: expected 7 fields, found 2/), expect.stringMatching(/^line 10: anime_id:/)]);
  });

  it('refuses a file that is not this CSV with a typed error', async () => {
    await expect(loadMal2016('data/animestream-catalog-movies.json')).rejects.toBeInstanceOf(CatalogFileError);
    const dir = await mkdtemp(join(tmpdir(), 'mal-'));
    const text = await readFile(MAL_CSV, 'utf8');
    await writeFile(join(dir, 'open-quote.csv'), text.slice(0, text.indexOf('"Drama, Romance') + 10));
    await expect(loadMal2016(join(dir, 'open-quote.csv'))).rejects.toThrow(/line 2: quoted field is not closed/);
    await expect(loadMal2016(join(dir, 'missing.csv'))).rejects.toThrow(/cannot be used/);
  });
});
