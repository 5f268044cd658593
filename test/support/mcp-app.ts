// A test app whose upstreams are the loopback replay server with the real recordings the MCP
// tools need (Cowboy Bebop on MAL, AniList, Kitsu and AnimeSchedule; SAO's MAL recommendations;
// MAL's top list; AnimeSchedule's SUB timetables of 2026), and a fixed clock on Monday of week 38 of 2026.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../gateway/app.js';
import { writeOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { loadConfig } from '../../src/config/index.js';
import { crosswalkEntryOf } from '../../subgraphs/animeschedule/crosswalk.js';
import { animeSchema } from '../../subgraphs/animeschedule/upstream.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';

const fixture = (path: string) => `test/fixtures/upstream/${path}`;
const recording = async (path: string) => JSON.parse(await readFile(fixture(path), 'utf8'));

export const NOW = new Date('2026-09-14T16:00:00Z'); // Monday of ISO week 38, 18:00 in Berlin

export async function startReplayedApp(): Promise<{ app: App; replay: ReplayServer }> {
  const replay = await startReplayServer();
  const routes: Record<string, string> = {
    '/v4/anime/1/full': 'jikan/anime-1-full.json',
    '/v4/anime/11757/full': 'jikan/anime-11757.json',
    '/v4/anime/11757/recommendations': 'jikan/anime-11757-recommendations.json',
    '/v4/top/anime': 'jikan/top-anime.json',
  };
  for (const [path, file] of Object.entries(routes)) replay.route({ method: 'GET', path, file: fixture(file) });
  replay.route({ method: 'POST', path: '/anilist/', body: JSON.stringify({ data: { Media: await recording('anilist/media-1-cowboy-bebop.json') } }) });
  replay.route({ method: 'GET', path: '/kitsu/anime/1', body: JSON.stringify({ data: (await recording('kitsu/kitsu_cowboy_bebop_dump.json')).anime }) });
  const bebopSchedule = await recording('animeschedule/anime-cowboy-bebop.json');
  replay.route({ method: 'GET', path: '/v3/anime', match: (r) => r.query.get('mal-ids') === '1', body: JSON.stringify({ page: 1, totalAmount: 1, anime: [bebopSchedule] }) });
  for (const week of ['37', '38']) {
    replay.route({ method: 'GET', path: '/v3/timetables/sub', match: (r) => r.query.get('year') === '2026' && r.query.get('week') === week, file: fixture(`animeschedule/timetables-sub-2026-w${week}.json`) });
  }
  // The catalog learns Cowboy Bebop's Kitsu id from AnimeSchedule, as `npm run crosswalk:harvest` would.
  const overlayPath = join(await mkdtemp(join(tmpdir(), 'mcp-crosswalk-')), 'overlay.json');
  await writeOverlay(overlayPath, { source: 'animeschedule', harvestedAt: '2026-11-26T00:00:00Z', entries: [crosswalkEntryOf(animeSchema.parse(bebopSchedule))!] });
  const config = loadConfig({
    CATALOG_CROSSWALK_PATH: overlayPath,
    JIKAN_BASE_URL: `${replay.url}/v4`,
    ANILIST_URL: `${replay.url}/anilist`,
    KITSU_BASE_URL: `${replay.url}/kitsu`,
    ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`,
    ANIMESCHEDULE_TOKEN: 'test-token',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp({ logger: false, config, now: () => NOW });
  return { app, replay };
}
