// The real recordings the harvest tests serve, and the loopback routes that serve them the way
// each source answers: AniList a `Page.media` list of the recorded Media among the ids a batch
// names (AniList leaves ids it does not know out of the page), Jikan and Kitsu one document per
// recorded id and a 404 for the rest. Which catalog entries they belong to is read from the real
// catalog, never written here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, projectRoot, type Config } from '../../src/config/index.js';
import type { ReplayServer } from '../replay/server.js';

// From the project root, so the bench (compiled into dist/) reads the same files.
const UPSTREAM = resolve(projectRoot(), 'test/fixtures/upstream');
const readJson = (path: string): any => JSON.parse(readFileSync(resolve(UPSTREAM, path), 'utf8'));

/** `{"data":{"Media":…}}` answers recorded by manami-project/modb-app (see PROVENANCE.md). */
export const ANILIST_MEDIA_FILES = [
  'anilist/modb_anilist_1_cowboy_bebop.json',
  'anilist/modb_anilist_5114_fmab.json',
  'anilist/modb_anilist_20954_koe_no_katachi.json',
  'anilist/modb_anilist_15689_nekomonogatari_kuro.json',
  'anilist/modb_anilist_235_meitantei_conan.json',
  'anilist/modb_anilist_118123_holo_no_graffiti.json',
];

/** Live `Page.media` answers (fewer fields per Media). */
export const ANILIST_PAGE_FILES = ['anilist/page-score-desc.json', 'anilist/page-trending-releasing.json'];

/** Every recorded AniList Media by id; a full `Media` recording wins over a page's shorter one. */
export function anilistMediaById(): Map<number, any> {
  const media = new Map<number, any>();
  for (const file of ANILIST_PAGE_FILES) for (const m of readJson(file).Page.media) media.set(m.id, m);
  for (const file of ANILIST_MEDIA_FILES) {
    const m = readJson(file).data.Media;
    media.set(m.id, m);
  }
  return media;
}

/** Jikan `GET /anime/{id}` bodies served for `/anime/{id}/full` (SAO's base-endpoint recording has no /full twin). */
export const JIKAN_FILES: Record<string, string> = {
  '1': 'jikan/anime-1-full.json',
  '11757': 'jikan/anime-11757.json',
};

/** Kitsu anime resources of the recorded `GET /anime?filter[text]=cowboy bebop` page, by id. */
export function kitsuResourcesById(): Map<string, any> {
  return new Map(readJson('kitsu/search-cowboy-bebop.json').data.map((r: any) => [r.id, r]));
}

export function recording(path: string): any {
  return readJson(path);
}

/** A real Jikan answer of another endpoint (`GET /genres/anime`: `data` is a list), for "wrong shape" faults. */
export const JIKAN_WRONG_SHAPE = resolve(UPSTREAM, 'jikan/genres-anime.json');

export interface RoutedIds {
  anilist: number[];
  jikan: string[];
  kitsu: string[];
}

export function routeRecordings(replay: ReplayServer): RoutedIds {
  const media = anilistMediaById();
  replay.route({
    method: 'POST',
    path: '/anilist/',
    body: (req) => {
      const ids: number[] = JSON.parse(req.body).variables.ids;
      return JSON.stringify({ data: { Page: { media: ids.filter((id) => media.has(id)).map((id) => media.get(id)) } } });
    },
  });
  for (const [id, file] of Object.entries(JIKAN_FILES)) replay.route({ method: 'GET', path: `/jikan/anime/${id}/full`, file: resolve(UPSTREAM, file) });
  const kitsu = kitsuResourcesById();
  for (const [id, resource] of kitsu) replay.route({ method: 'GET', path: `/kitsu/anime/${id}`, body: JSON.stringify({ data: resource }) });
  return { anilist: [...media.keys()], jikan: Object.keys(JIKAN_FILES), kitsu: [...kitsu.keys()] };
}

export function replayConfig(replay: ReplayServer, extra: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    ANILIST_URL: `${replay.url}/anilist`,
    JIKAN_BASE_URL: `${replay.url}/jikan`,
    KITSU_BASE_URL: `${replay.url}/kitsu`,
    CATALOG_ROMAJI: 'false',
    REDIS_URL: '',
    DATABASE_URL: '',
    UPSTREAM_TIMEOUT_MS: '1500',
    ...extra,
  });
}
