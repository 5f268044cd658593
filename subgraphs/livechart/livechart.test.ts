// The livechart subgraph against the loopback replay server serving real LiveChart pages
// (test/fixtures/upstream/livechart, see PROVENANCE.md) and a test-written allow-all robots.txt:
// every field from the anime pages and the season chart, 404s, layout changes and a bot wall.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult } from 'graphql';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { Platform, Season } from '../../src/domain/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
// Built as the gateway registers it: the one `scraped` subgraph of the three sites.
import { buildScrapedSchema } from '../scraped/schema.js';
import { seasonDataClass } from './client.js';
import { catalogEntryOf } from './resolvers.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const page = (name: string) => resolve(FIXTURES, 'livechart', name);
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const FIELDS = `id url title romajiTitle englishTitle alternativeTitles synopsis format source episodes runTime status season premiere
  studios genres tags rating { value votes best worst } score image website origin`;
const SEASON_PAGE = 'modb_livechart_spring-2025_all.html';
const ENTRY_FIELDS = `id url title romajiTitle englishTitle nativeTitle alternativeTitles premiere premierePrecision premiereDate premiereLabel airsAt
  release { scheduleId url label episode medium region } tags studios source episodes minutes synopsis synopsisSource poster links { site url } anime { id }`;
const SEASON = `query($year: Int!, $season: Season!) { livechartSeason(year: $year, season: $season) { year season url title fetchedAt origin entries { ${ENTRY_FIELDS} } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { livechartId livechart { ${FIELDS} } } } }`;

let replay: ReplayServer;
let catalog: Catalog;

/** Runs `source` on a scraped schema with its own kit (an empty cache); `steps` may run more on the same kit. */
async function execute(source: string, variableValues: Record<string, unknown>, steps?: (run: (s: string, v: Record<string, unknown>) => Promise<ExecutionResult>, kit: UpstreamKitWithStats) => Promise<void>): Promise<ExecutionResult> {
  const config = loadConfig({ LIVECHART_BASE_URL: replay.url, SCRAPE_MIN_INTERVAL_MS: '20', LOG_LEVEL: 'silent' });
  const kit = createUpstreamKit(config, { namespace: `lc-test-${process.pid}-${Math.random()}` });
  try {
    const schema = await buildScrapedSchema({ upstream: kit, config, catalog, now: () => new Date('2026-12-01T00:00:00Z') });
    const run = (s: string, v: Record<string, unknown>) => graphql({ schema, source: s, variableValues: v, contextValue: {} }) as Promise<ExecutionResult>;
    const result = await run(source, variableValues);
    await steps?.(run, kit);
    return result;
  } finally {
    await kit.close();
  }
}

const run = (id: number) => execute(ENTITIES, { reps: [{ __typename: 'Anime', livechartId: id }] });

const entity = (result: ExecutionResult) => (result.data as { _entities: { livechart: Record<string, unknown> | null }[] })._entities[0]!.livechart;

beforeAll(async () => {
  // The catalog the server ships (data/ and bangumi-data): it lists none of the recorded season's
  // LiveChart ids, but most of the MyAnimeList ids the cards link.
  catalog = await loadCatalog(loadConfig({ LOG_LEVEL: 'silent' }));
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: '/robots.txt', file: resolve(FIXTURES, 'scrape/robots-allow-all.txt'), headers: { 'content-type': 'text/plain' } });
  for (const [id, file] of [
    [3437, 'modb_livechart_anime_3437_death_note.html'],
    [321, 'modb_livechart_anime_321_one_piece.html'],
    [1296, 'modb_livechart_type_movie.html'],
  ] as const) {
    replay.route({ method: 'GET', path: `/anime/${id}`, file: page(file), headers: HTML });
  }
  // Mechanical edit of the real Death Note page: the JSON-LD <script> blocks cut out.
  const edited = readFileSync(page('modb_livechart_anime_3437_death_note.html'), 'utf8').replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
  replay.route({ method: 'GET', path: '/anime/99999', body: edited, headers: HTML });
  replay.route({ method: 'GET', path: '/spring-2025/all', file: page(SEASON_PAGE), headers: HTML });
}, 120_000);

afterEach(() => replay.reset());
afterAll(() => replay.close());

describe('Anime.livechart from real pages', () => {
  it('reads every field of Death Note', async () => {
    const result = await run(3437);
    expect(result.errors).toBeUndefined();
    expect(entity(result)).toMatchObject({
      id: 3437,
      url: 'https://www.livechart.me/anime/3437',
      title: 'Death Note',
      romajiTitle: 'Death Note',
      englishTitle: null,
      alternativeTitles: ['デスノート'],
      format: 'TV',
      source: 'Manga',
      episodes: 37,
      runTime: '23m',
      status: 'Finished',
      season: 'Fall 2006',
      premiere: '2006-10-03',
      studios: ['MADHOUSE'],
      genres: ['Detective', 'Mystery', 'Psychological', 'Supernatural', 'Suspense'],
      tags: ['Detective', 'Mystery', 'Psychological', 'Supernatural', 'Suspense', 'Shounen'],
      rating: { value: 8.66, votes: 6896, best: 10, worst: 1 },
      score: 8.66,
      image: 'https://u.livechart.me/anime/3437/poster_image/ea9acd1ccea844fd9c4debde5e8e631e.png/large.jpg',
      website: 'http://www.ntv.co.jp/deathnote/',
      origin: 'UPSTREAM',
    });
    // HTML entities of the JSON-LD text are decoded.
    expect(entity(result)!['synopsis']).toContain("that the book's claim is true");
  });

  it('reads an airing series (One Piece: no episode total yet) and a movie', async () => {
    expect(entity(await run(321))).toMatchObject({ title: 'One Piece', status: 'Releasing', episodes: null, season: 'Fall 1999', rating: { value: 9.1, votes: 8352 }, studios: ['Toei Animation'] });
    expect(entity(await run(1296))).toMatchObject({ title: 'Koe no Katachi', englishTitle: 'A Silent Voice', format: 'Movie', runTime: '2h 10m', studios: ['Kyoto Animation'], score: 9.05 });
  });

  it('answers null for an id LiveChart does not have (404)', async () => {
    const result = await run(424242);
    expect(result.errors).toBeUndefined();
    expect(entity(result)).toBeNull();
  });

  it('names the missing part when the layout changed (JSON-LD removed from a real page)', async () => {
    const result = await run(99999);
    expect(entity(result)).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'livechart', field: 'jsonLd' });
    expect(result.errors?.[0]?.message).toBe('LiveChart page layout changed: jsonLd not found');
  });
});

type Entry = Record<string, unknown> & { id: number };
const chart = (result: ExecutionResult) => (result.data as { livechartSeason: { entries: Entry[] } & Record<string, unknown> | null }).livechartSeason;
// Over HTTP a DateTime is its ISO string; graphql() hands back the Date.
const season = async (year: number, name: string) => JSON.parse(JSON.stringify(await execute(SEASON, { year, season: name }))) as ExecutionResult;

/** The date line each card shows (`<div class="anime-date">`), by LiveChart id, read from the raw page. */
function shownDates(): Map<number, string> {
  const html = readFileSync(page(SEASON_PAGE), 'utf8');
  const dates = new Map<number, string>();
  for (const card of html.split('<article class="anime"').slice(1)) {
    const id = Number(card.match(/data-anime-id="(\d+)"/)![1]);
    dates.set(id, card.match(/<div class="anime-date"[^>]*>([^<]*)<\/div>/)![1]!);
  }
  return dates;
}

describe('livechartSeason from the real spring 2025 chart', () => {
  it('reads every card, in page order, with what each shows', async () => {
    const result = await season(2025, 'SPRING');
    expect(result.errors).toBeUndefined();
    const spring = chart(result)!;
    expect(spring).toMatchObject({ year: 2025, season: 'SPRING', url: 'https://www.livechart.me/spring-2025/all', title: 'Spring 2025 Anime', origin: 'UPSTREAM' });
    expect(spring.entries.map((e) => e.id)).toEqual([...shownDates().keys()]);
    expect(spring.entries).toHaveLength(15);
    expect(spring.entries[0]).toEqual({
      id: 11222,
      url: 'https://www.livechart.me/anime/11222',
      title: 'Enn Enn no Shouboutai San no Shou',
      romajiTitle: 'Enn Enn no Shouboutai San no Shou',
      englishTitle: 'Fire Force Season 3',
      nativeTitle: '炎炎ノ消防隊 参ノ章',
      alternativeTitles: ['Fire Brigade of Flames 3rd Chapter', 'Enen no Shouboutai 3rd Chapter', 'Fire Force 3rd Season', 'Enn Enn no Shouboutai 3rd Season', 'Enn Enn no Shouboutai 3rd Chapter', 'Fire Force 3rd Chapter', '불꽃 소방대 3장', '炎炎消防隊 貳之章', 'หน่วยผจญคนไฟลุก'],
      premiere: '2025-04-01T00:00:00.000Z',
      premierePrecision: 'MONTH',
      premiereDate: '2025-04',
      premiereLabel: 'April 2025',
      airsAt: null,
      release: { scheduleId: 12344, url: 'https://www.livechart.me/anime/11222/schedules/12344', label: 'EP1 · TV (JP)', episode: 1, medium: 'TV', region: 'JP' },
      tags: ['Action', 'Supernatural'],
      studios: ['david production'],
      source: 'Manga',
      episodes: null,
      minutes: null,
      synopsis: expect.stringMatching(/^Tokyo is burning, .* join their fight\.\n\nNow, as part of Company 8, .* set everything ablaze\.$/s),
      synopsisSource: 'Crunchyroll',
      poster: 'https://u.livechart.me/anime/11222/poster_image/a3e7dce9a52f7591a3866cbfcb6a7df5.webp/large.jpg',
      links: expect.arrayContaining([
        { site: 'website', url: 'https://fireforce-anime.jp/' },
        { site: 'anilist', url: 'https://anilist.co/anime/149118' },
        { site: 'mal', url: 'https://myanimelist.net/anime/51818' },
      ]),
      anime: { id: 'mal:51818' },
    });
    // LiveChart's own pages (videos, streams) are not links out.
    expect((spring.entries[0]!['links'] as { url: string }[]).every((l) => l.url.startsWith('http'))).toBe(true);
  });

  it('gives each premiere with its precision, as the page text shows it (every level of the recording)', async () => {
    const entries = chart(await season(2025, 'SPRING'))!.entries;
    const byId = new Map(entries.map((e) => [e.id, e]));
    const shown = shownDates();
    // The page was rendered for a visitor in Central European time ("CET"/"CEST").
    const berlin = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', ...options }).format(new Date(iso));
    const zone = (iso: string) => (berlin(iso, { timeZoneName: 'shortOffset' }).endsWith('GMT+2') ? 'CEST' : 'CET');
    const levels = new Set<string>();
    for (const [id, text] of shown) {
      const entry = byId.get(id)!;
      const premiere = entry['premiere'] as string;
      levels.add(entry['premierePrecision'] as string);
      switch (entry['premierePrecision']) {
        case 'YEAR':
          expect({ id, text }).toEqual({ id, text: entry['premiereDate'] });
          break;
        case 'MONTH':
          expect({ id, text }).toEqual({ id, text: berlin(premiere, { month: 'long', year: 'numeric' }) });
          break;
        case 'DAY':
          expect({ id, text }).toEqual({ id, text: `${berlin(premiere, { month: 'long', day: 'numeric', year: 'numeric' })} ${zone(premiere)}` });
          break;
        case 'TIME': {
          const time = berlin(premiere, { hour: 'numeric', minute: '2-digit', hour12: true }).replace(' ', '').toLowerCase();
          expect({ id, text }).toEqual({ id, text: `${berlin(premiere, { month: 'short', day: 'numeric', year: 'numeric' })} at ${time} ${zone(premiere)}` });
          break;
        }
        default:
          throw new Error(`no precision for ${id}`);
      }
      // Only a TIME premiere is a broadcast time.
      expect({ id, airsAt: entry['airsAt'] }).toEqual({ id, airsAt: entry['premierePrecision'] === 'TIME' ? premiere : null });
    }
    expect([...levels].sort()).toEqual(['DAY', 'MONTH', 'TIME', 'YEAR']);

    // YEAR: the instant is a placeholder; the overlay's words say more.
    expect(byId.get(11460)).toMatchObject({ premiere: '2025-01-01T00:00:00.000Z', premierePrecision: 'YEAR', premiereDate: '2025', premiereLabel: 'Early Spring 2025', airsAt: null });
    // DAY: 00:00 in Japan, so the page's "March 13, 2025 CET" is the 14th in Japan (the film opened there on 14 March 2025).
    expect(byId.get(12773)).toMatchObject({ premiere: '2025-03-13T15:00:00.000Z', premierePrecision: 'DAY', premiereDate: '2025-03-14', premiereLabel: null, airsAt: null });
    // TIME: "Mar 25, 2025 at 4:00pm CET" is the broadcast time.
    expect(byId.get(12836)).toMatchObject({ premierePrecision: 'TIME', premiereDate: '2025-03-26', airsAt: '2025-03-25T15:00:00.000Z', release: { label: 'BD (JP)', episode: null, medium: 'BD', region: 'JP', scheduleId: 13353 } });
  });

  it('reads release kinds, episodes × minutes ("?" is null) and the catalog link', async () => {
    const entries = chart(await season(2025, 'SPRING'))!.entries;
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(11854)).toMatchObject({ release: { label: 'THTR (JP)', episode: null, medium: 'THTR', region: 'JP', scheduleId: 12567 }, episodes: null, minutes: null, studios: [] });
    expect(byId.get(12120)).toMatchObject({ release: { label: 'EP1 · TV (JP)', episode: 1, medium: 'TV' }, episodes: 5, minutes: null, premiereLabel: 'Spring 2025' });
    expect(byId.get(12832)).toMatchObject({ episodes: null, minutes: 23, source: 'Novel' });
    expect(byId.get(12795)).toMatchObject({ tags: [], source: 'Other' });
    // The shipped catalog has none of these LiveChart ids: entries link by the MyAnimeList id their card links.
    expect(entries.every((e) => !catalog.byPlatform(Platform.LIVECHART, e.id))).toBe(true);
    expect(byId.get(12773)!['anime']).toEqual({ id: 'mal:59408' });
    expect(byId.get(12114)!['anime']).toEqual({ id: 'mal:55709' });
    // WITCH WATCH's card links AniDB only (a18816).
    expect(byId.get(12030)!['anime']).toEqual({ id: 'mal:59597' });
    expect(catalog.byId('mal:59597')!.title).toMatch(/witch ?watch/i);
    // A MyAnimeList id the catalog lacks (12836), or no database link on the card (12824): no anime.
    expect(byId.get(12836)!['anime']).toBeNull();
    expect(byId.get(12824)!['anime']).toBeNull();
    expect(entries.filter((e) => e['anime'] !== null)).toHaveLength(10);
  });

  it('links by LiveChart id first, and never to an entry that lists another LiveChart id', () => {
    // A real catalog entry with both ids, and a card-like reference pointing at its MyAnimeList page.
    const record = catalog.records.find((r) => r.platformIds.some((p) => p.platform === Platform.LIVECHART) && r.platformIds.some((p) => p.platform === Platform.MAL))!;
    const livechartId = Number(record.platformIds.find((p) => p.platform === Platform.LIVECHART)!.id);
    const mal = record.platformIds.find((p) => p.platform === Platform.MAL)!;
    const links = [{ site: 'mal', url: `https://myanimelist.net/anime/${mal.id}` }];
    expect(catalogEntryOf(catalog, { id: livechartId, links: [] })).toBe(record);
    expect(catalogEntryOf(catalog, { id: livechartId, links })).toBe(record);
    expect(catalogEntryOf(catalog, { id: 99_999_999, links })).toBeNull();
  });

  it('answers null for a season LiveChart does not have (404) and refuses a year out of range', async () => {
    const missing = await season(1990, 'WINTER');
    expect(missing.errors).toBeUndefined();
    expect(chart(missing)).toBeNull();
    expect(replay.count('/winter-1990/all')).toBe(1);
    const early = await season(1800, 'WINTER');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(replay.count('/winter-1800/all')).toBe(0);
  });

  it('names the missing part when the layout changed (the chart container or a card id renamed)', async () => {
    const html = readFileSync(page(SEASON_PAGE), 'utf8');
    // Mechanical edits of the real page.
    replay.route({ method: 'GET', path: '/summer-2025/all', body: html.replace('data-controller="anime-card-list"', 'data-controller="x-list"'), headers: HTML });
    replay.route({ method: 'GET', path: '/fall-2025/all', body: html.replaceAll('data-anime-id=', 'data-id='), headers: HTML });
    const noChart = await season(2025, 'SUMMER');
    expect(chart(noChart)).toBeNull();
    expect(noChart.errors?.[0]?.message).toBe('LiveChart page layout changed: chart not found');
    expect(noChart.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'livechart', field: 'chart' });
    const noIds = await season(2025, 'FALL');
    expect(noIds.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'livechart', field: 'card id' });
  });

  it('answers a bot wall with SOURCE_BLOCKED and sends nothing more to LiveChart', async () => {
    // A real anti-bot page with a reCAPTCHA (AniDB's AntiLeech page), served in place of the chart.
    replay.route({ method: 'GET', path: '/winter-2025/all', file: resolve(FIXTURES, 'anidb/modb_anidb_anti-leech_page.html'), headers: HTML });
    const walled = await execute(SEASON, { year: 2025, season: 'WINTER' }, async (again) => {
      const next = await again(SEASON, { year: 2025, season: 'SPRING' });
      expect(next.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BLOCKED', source: 'livechart' });
    });
    expect(chart(walled)).toBeNull();
    expect(walled.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BLOCKED', source: 'livechart', reason: 'bot-wall' });
    expect(replay.count('/winter-2025/all')).toBe(1);
    expect(replay.count('/spring-2025/all')).toBe(0);
  });

  it('reads the chart once (robots.txt first) and serves it from the cache after', async () => {
    await execute(SEASON, { year: 2025, season: 'SPRING' }, async (again) => {
      const second = await again(SEASON, { year: 2025, season: 'SPRING' });
      expect(chart(second)).toMatchObject({ origin: 'CACHE' });
    });
    expect(replay.requests.map((r) => r.path)).toEqual(['/robots.txt', '/spring-2025/all']);
  });

  it('keeps a running season for hours and an ended one for days (Japan time)', () => {
    expect(seasonDataClass(2025, Season.SPRING, new Date('2025-05-01T00:00:00Z'))).toBe('page');
    expect(seasonDataClass(2025, Season.SPRING, new Date('2025-06-30T14:59:59Z'))).toBe('page');
    expect(seasonDataClass(2025, Season.SPRING, new Date('2025-06-30T15:00:00Z'))).toBe('catalog');
    expect(seasonDataClass(2025, Season.FALL, new Date('2025-12-31T15:00:00Z'))).toBe('catalog');
    expect(seasonDataClass(2026, Season.WINTER, new Date('2025-12-01T00:00:00Z'))).toBe('page');
  });
});
