// The anisearch subgraph against the loopback replay server serving real aniSearch pages
// (test/fixtures/upstream/anisearch, see PROVENANCE.md) and a test-written allow-all robots.txt:
// every field from the page, a 404, and a layout change.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult } from 'graphql';
import { Catalog } from '../../src/catalog/index.js';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { buildScrapedSchema } from '../scraped/schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const page = (name: string) => resolve(FIXTURES, 'anisearch', name);
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const FIELDS = `id url title titles { language title native } type episodes episodeMinutes status startDate endDate studios adaptedFrom targetGroup
  synopsis rating { value votes best worst } score genres tags { name kind } image relations { kind id title relation url } origin`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { anisearchId anisearch { ${FIELDS} } } } }`;

let replay: ReplayServer;

async function run(id: number): Promise<ExecutionResult> {
  const config = loadConfig({ ANISEARCH_BASE_URL: replay.url, SCRAPE_MIN_INTERVAL_MS: '20', LOG_LEVEL: 'silent' });
  const kit = createUpstreamKit(config, { namespace: `as-test-${process.pid}-${Math.random()}` });
  try {
    const schema = await buildScrapedSchema({ upstream: kit, config, catalog: new Catalog([], []) });
    return await graphql({ schema, source: ENTITIES, variableValues: { reps: [{ __typename: 'Anime', anisearchId: id }] }, contextValue: {} });
  } finally {
    await kit.close();
  }
}

const entity = (result: ExecutionResult) => (result.data as { _entities: { anisearch: Record<string, unknown> | null }[] })._entities[0]!.anisearch;

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: '/robots.txt', file: resolve(FIXTURES, 'scrape/robots-allow-all.txt'), headers: { 'content-type': 'text/plain' } });
  for (const [id, file] of [
    [3633, 'modb_anisearch_3633_death_note_score.html'],
    [4946, 'modb_anisearch_4946_a_certain_magical_index.html'],
    [9981, 'modb_anisearch_type_movie.html'],
    [12224, 'modb_anisearch_no-score.html'],
  ] as const) {
    replay.route({ method: 'GET', path: `/anime/${id}`, file: page(file), headers: HTML });
  }
  // Mechanical edit of the real Death Note page: the <section id="information">…</section> block cut out.
  const edited = readFileSync(page('modb_anisearch_3633_death_note_score.html'), 'utf8').replace(/<section id="information">[\s\S]*?<\/section>/, '');
  replay.route({ method: 'GET', path: '/anime/99999', body: edited, headers: HTML });
});

afterEach(() => replay.reset());
afterAll(() => replay.close());

describe('Anime.anisearch from real pages', () => {
  it('reads every field of Death Note', async () => {
    const result = await run(3633);
    expect(result.errors).toBeUndefined();
    const record = entity(result)!;
    expect(record).toMatchObject({
      id: 3633,
      url: 'https://www.anisearch.com/anime/3633,death-note',
      title: 'Death Note',
      type: 'TV-Series',
      episodes: 37,
      episodeMinutes: 23,
      status: 'Completed',
      startDate: '2006-10-04',
      endDate: '2007-06-27',
      studios: ['MADHOUSE Inc.'],
      adaptedFrom: 'Manga',
      targetGroup: 'Male',
      rating: { value: 4.5, votes: 13312, best: 5, worst: 0.1 },
      score: 9,
      genres: ['Crime Fiction', 'Drama', 'Fantasy', 'Horror', 'Psychological Drama', 'Supernatural Drama', 'Thriller'],
      image: 'https://www.anisearch.com/images/anime/cover/3/3633_300.webp',
      origin: 'UPSTREAM',
    });
    expect(record['titles']).toContainEqual({ language: 'ja', title: 'Death Note', native: 'デスノート' });
    expect(record['tags']).toEqual(expect.arrayContaining([{ name: 'Crime Fiction', kind: 'MAIN_GENRE' }, { name: 'Drama', kind: 'SUBGENRE' }]));
    expect(record['relations']).toContainEqual({ kind: 'manga', id: 4755, title: 'Death Note', relation: 'Manga: Original Work', url: 'https://www.anisearch.com/manga/4755,death-note' });
    // The English description, without the hidden "Source:" line.
    expect(record['synopsis']).toMatch(/^Light Yagami is a high school student/);
    expect(record['synopsis']).not.toContain('Source:');
  });

  it('reads localized titles and a movie', async () => {
    const index = entity(await run(4946))!;
    expect(index).toMatchObject({ title: 'Toaru Majutsu no Index', studios: ['J.C.STAFF Co., Ltd.'], adaptedFrom: 'Light Novel', episodes: 24 });
    expect(index['titles']).toContainEqual({ language: 'en', title: 'A Certain Magical Index', native: null });
    expect(entity(await run(9981))).toMatchObject({ title: 'Eiga Koe no Katachi', type: 'Movie', episodeMinutes: 129, studios: ['Kyoto Animation Co., Ltd.'] });
  });

  it('gives nulls for what an upcoming entry does not show yet', async () => {
    expect(entity(await run(12224))).toMatchObject({ title: 'Biblia Koshodou no Jiken Techou', status: 'Upcoming', startDate: null, endDate: null, studios: [], synopsis: null });
  });

  it('answers null for an id aniSearch does not have (404)', async () => {
    const result = await run(424242);
    expect(result.errors).toBeUndefined();
    expect(entity(result)).toBeNull();
  });

  it('names the missing part when the layout changed (information block removed from a real page)', async () => {
    const result = await run(99999);
    expect(entity(result)).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'anisearch', field: 'information' });
  });
});
