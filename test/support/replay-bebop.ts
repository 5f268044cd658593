// Real upstream recordings on a loopback replay server, routed the way the app asks for them:
// Cowboy Bebop (MAL 1) from Jikan, AniList, Kitsu and AnimeSchedule, plus the recordings that only
// exist for other requests (Jikan 11757 with its recommendations, staff, episodes and reviews, Bebop's
// characters, the MAL top list, AnimeSchedule's
// SUB timetables of 2026 weeks 37/38). `recordedUpstreamConfig` points a config at it, with the
// crosswalk overlay that teaches the catalog Bebop's Kitsu id (as `npm run crosswalk:harvest` would).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { crosswalkEntryOf } from '../../subgraphs/animeschedule/crosswalk.js';
import { animeSchema } from '../../subgraphs/animeschedule/upstream.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';

const UPSTREAM = 'test/fixtures/upstream';
const recording = async (path: string) => JSON.parse(await readFile(`${UPSTREAM}/${path}`, 'utf8'));

/** A clock inside the recorded AnimeSchedule weeks: Monday 2026-09-14 16:00 UTC (ISO week 38). */
/** Cowboy Bebop's catalog ids plus one field of every source subgraph (each source called once). */
export const BEBOP_SOURCES_QUERY = `{
  anime(malId: 1) {
    id title malId anilistId kitsuId
    mal { score rank }
    anilist { averageScore popularity }
    kitsu { averageRating }
    schedule(timezone: "Europe/Berlin") { slug }
  }
}`;

export const RECORDED_SCHEDULE_NOW = new Date('2026-09-14T16:00:00Z');

/** Routes Cowboy Bebop's recordings of every JSON source (what one `anime(malId: 1)` asks). */
export async function routeBebop(replay: ReplayServer): Promise<void> {
  // Where a recording is the bare object of an envelope (AniList `data.Media`, Kitsu JSON:API
  // `data`, AnimeSchedule's list page) the envelope is put back around it unchanged.
  replay.route({ method: 'GET', path: '/v4/anime/1/full', file: `${UPSTREAM}/jikan/anime-1-full.json` });
  replay.route({ method: 'POST', path: '/anilist/', body: JSON.stringify({ data: { Media: await recording('anilist/media-1-cowboy-bebop.json') } }) });
  replay.route({ method: 'GET', path: '/kitsu/anime/1', body: JSON.stringify({ data: (await recording('kitsu/kitsu_cowboy_bebop_dump.json')).anime }) });
  replay.route({
    method: 'GET',
    path: '/v3/anime',
    match: (r) => r.query.get('mal-ids') === '1',
    body: JSON.stringify({ page: 1, totalAmount: 1, anime: [await recording('animeschedule/anime-cowboy-bebop.json')] }),
  });
}

/** Routes the recordings that exist only for other anime or lists (see PROVENANCE.md). */
export function routeOtherRecordings(replay: ReplayServer): void {
  // No /full recording of 11757 exists: the base endpoint's body (a subset) is served for it.
  replay.route({ method: 'GET', path: '/v4/anime/11757/full', file: `${UPSTREAM}/jikan/anime-11757.json` });
  replay.route({ method: 'GET', path: '/v4/anime/11757/recommendations', file: `${UPSTREAM}/jikan/anime-11757-recommendations.json` });
  replay.route({ method: 'GET', path: '/v4/top/anime', file: `${UPSTREAM}/jikan/top-anime.json` });
  // Cast, staff, episodes and reviews: recorded for these two anime only.
  replay.route({ method: 'GET', path: '/v4/anime/1/characters', file: `${UPSTREAM}/jikan/anime-1-characters.json` });
  for (const list of ['staff', 'episodes', 'reviews']) replay.route({ method: 'GET', path: `/v4/anime/11757/${list}`, file: `${UPSTREAM}/jikan/anime-11757-${list}.json` });
  // AniDB: Haikyuu!! (aid 10145). ANN's feed: no recording of ANN's own exists, so a real RSS 2.0
  // feed of another site stands in (test/fixtures/upstream/rss, as subgraphs/ann's tests use it).
  replay.route({ method: 'GET', path: '/anidb/httpapi', match: (r) => r.query.get('aid') === '10145', file: `${UPSTREAM}/anidb/vagab0nd_10145.xml`, headers: { 'content-type': 'text/xml; charset=UTF-8' } });
  replay.route({ method: 'GET', path: '/ann/all/rss.xml', file: `${UPSTREAM}/rss/weblabor.hu.xml`, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  // LiveChart's spring 2025 chart (LIVECHART_BASE_URL is /livechart here); no robots.txt is routed, and a 404 allows all.
  replay.route({ method: 'GET', path: '/livechart/spring-2025/all', file: `${UPSTREAM}/livechart/modb_livechart_spring-2025_all.html`, headers: { 'content-type': 'text/html; charset=utf-8' } });
  for (const week of ['37', '38']) {
    replay.route({
      method: 'GET',
      path: '/v3/timetables/sub',
      match: (r) => r.query.get('year') === '2026' && r.query.get('week') === week && r.query.get('tz') === 'UTC',
      file: `${UPSTREAM}/animeschedule/timetables-sub-2026-w${week}.json`,
    });
  }
}

/** Writes a crosswalk overlay with Cowboy Bebop's AnimeSchedule links (its Kitsu id among them). */
export async function writeBebopOverlay(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crosswalk-'));
  const path = join(dir, 'overlay.json');
  const bebop = animeSchema.parse(await recording('animeschedule/anime-cowboy-bebop.json'));
  await writeOverlay(path, { source: 'animeschedule', harvestedAt: '2026-11-26T00:00:00Z', entries: [crosswalkEntryOf(bebop)!] });
  return path;
}

/** A config whose upstream base URLs are the replay server (with an AnimeSchedule token). */
export function recordedUpstreamConfig(replay: ReplayServer, crosswalkPath: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    JIKAN_BASE_URL: `${replay.url}/v4`,
    ANILIST_URL: `${replay.url}/anilist`,
    KITSU_BASE_URL: `${replay.url}/kitsu`,
    ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`,
    ANIMESCHEDULE_TOKEN: 'test-token',
    // Every source at the replay server, so no test ever reaches a real site.
    ANIDB_BASE_URL: `${replay.url}/anidb`,
    ANIDB_CLIENT: 'animefederationtest',
    ANIDB_CLIENT_VERSION: '1',
    ANN_BASE_URL: `${replay.url}/ann`,
    ANN_NEWS_URL: `${replay.url}/ann/all/rss.xml`,
    ANIMEPLANET_BASE_URL: `${replay.url}/animeplanet`,
    LIVECHART_BASE_URL: `${replay.url}/livechart`,
    ANISEARCH_BASE_URL: `${replay.url}/anisearch`,
    // The loopback server needs no spacing between pages (the interval is tested in subgraphs/animeplanet).
    SCRAPE_MIN_INTERVAL_MS: '20',
    CATALOG_CROSSWALK_PATH: crosswalkPath,
    ...env,
  });
}

export interface RecordedUpstreams {
  replay: ReplayServer;
  config: Config;
}

/** A replay server with every route above and a config pointing at it. */
export async function startRecordedUpstreams(env: Record<string, string> = {}): Promise<RecordedUpstreams> {
  const replay = await startReplayServer();
  await routeBebop(replay);
  routeOtherRecordings(replay);
  return { replay, config: recordedUpstreamConfig(replay, await writeBebopOverlay(), env) };
}
