// The livechart subgraph against the loopback replay server serving real LiveChart pages
// (test/fixtures/upstream/livechart, see PROVENANCE.md) and a test-written allow-all robots.txt:
// every field from the page, a 404, and a layout change.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
// Built as the gateway registers it: the one `scraped` subgraph of the three sites.
import { buildScrapedSchema } from '../scraped/schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const page = (name: string) => resolve(FIXTURES, 'livechart', name);
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const FIELDS = `id url title romajiTitle englishTitle alternativeTitles synopsis format source episodes runTime status season premiere
  studios genres tags rating { value votes best worst } score image website origin`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { livechartId livechart { ${FIELDS} } } } }`;

let replay: ReplayServer;

async function run(id: number): Promise<ExecutionResult> {
  const config = loadConfig({ LIVECHART_BASE_URL: replay.url, SCRAPE_MIN_INTERVAL_MS: '20', LOG_LEVEL: 'silent' });
  const kit = createUpstreamKit(config, { namespace: `lc-test-${process.pid}-${Math.random()}` });
  try {
    const schema = await buildScrapedSchema({ upstream: kit, config });
    return await graphql({ schema, source: ENTITIES, variableValues: { reps: [{ __typename: 'Anime', livechartId: id }] }, contextValue: {} });
  } finally {
    await kit.close();
  }
}

const entity = (result: ExecutionResult) => (result.data as { _entities: { livechart: Record<string, unknown> | null }[] })._entities[0]!.livechart;

beforeAll(async () => {
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
});

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
