// Every persisted operation in schema/operations is valid against the public schema and runs
// without errors on the server backed by real upstream recordings (these become MCP tools and
// REST routes). Operations touching upstream fields use the anime a recording exists for.
import { readdir, readFile } from 'node:fs/promises';
import { buildSchema, parse, validate } from 'graphql';
import { createApp } from '../gateway/app.js';
import type { ReplayServer } from './replay/server.js';
import { postGraphQL, type TestApp } from './support/app.js';
import { SAMPLE_VARIABLES } from './support/operation-samples.js';
import { RECORDED_SCHEDULE_NOW, startRecordedUpstreams } from './support/replay-bebop.js';

/**
 * Operations allowed to answer a typed error here: the catalog's pictures are remote, so no
 * picture is indexed in this app (test/similarity.test.ts indexes real posters and searches them).
 */
const EXPECTED_ERRORS: Record<string, string> = {
  SearchByImage: 'SOURCE_UNAVAILABLE',
  // No AniList search answer is recorded: the replay serves its one AniList route (Cowboy Bebop's
  // Media) to every AniList request, which the search client rejects as the wrong shape.
  SearchAnilist: 'SOURCE_BAD_RESPONSE',
};

let replay: ReplayServer;
let app: TestApp;
let operations: Array<{ file: string; source: string; name: string }>;
const operation = (name: string) => operations.find((op) => op.name === name)!;

beforeAll(async () => {
  const upstreams = await startRecordedUpstreams();
  replay = upstreams.replay;
  // The recordings behind the REST routes' operations (test/fixtures/upstream/PROVENANCE.md).
  const upstream = 'test/fixtures/upstream';
  replay.route({ method: 'GET', path: '/v4/seasons/2020/winter', file: `${upstream}/jikan/seasons-2020-winter.json` });
  replay.route({ method: 'GET', path: '/v4/random/anime', file: `${upstream}/jikan/random-anime.json` });
  replay.route({ method: 'GET', path: '/v4/schedules', file: `${upstream}/jikan/schedules-monday.json` });
  replay.route({ method: 'GET', path: '/v4/genres/anime', file: `${upstream}/jikan/genres-anime.json` });
  replay.route({ method: 'GET', path: '/kitsu/anime', match: (r) => r.query.get('filter[text]') === 'cowboy bebop', file: `${upstream}/kitsu/search-cowboy-bebop.json` });
  const created = await createApp({ logger: false, config: upstreams.config, now: () => RECORDED_SCHEDULE_NOW });
  app = { ...created, url: await created.app.listen({ port: 0, host: '127.0.0.1' }) };
  const files = (await readdir('schema/operations')).filter((f) => f.endsWith('.graphql'));
  operations = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(`schema/operations/${file}`, 'utf8');
      const name = source.match(/^(?:query|mutation)\s+(\w+)/m)?.[1] ?? '';
      return { file, source, name };
    }),
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  await replay?.close();
});

describe('persisted operations', () => {
  it('each file holds one named operation with a leading description comment', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const op of operations) {
      expect(op.name).not.toBe('');
      expect(op.source.trimStart().startsWith('#')).toBe(true);
      expect(parse(op.source).definitions).toHaveLength(1);
    }
  });

  it('validate against schema/api.graphql', async () => {
    const schema = buildSchema(await readFile('schema/api.graphql', 'utf8'));
    for (const op of operations) expect(validate(schema, parse(op.source))).toEqual([]);
  });

  it('run on the server with sample variables and return data', async () => {
    for (const op of operations) {
      const variables = SAMPLE_VARIABLES[op.name];
      expect({ op: op.name, variables }).toEqual({ op: op.name, variables: expect.any(Object) });
      if (typeof variables?.image === 'string') variables.image = `data:image/jpeg;base64,${(await readFile(variables.image)).toString('base64')}`;
      const { body } = await postGraphQL(app, op.source, variables);
      if (EXPECTED_ERRORS[op.name] && body.errors) {
        expect({ op: op.name, code: body.errors[0]!.extensions?.code }).toEqual({ op: op.name, code: EXPECTED_ERRORS[op.name] });
        continue;
      }
      expect({ op: op.name, errors: body.errors }).toEqual({ op: op.name, errors: undefined });
      expect({ op: op.name, answered: Boolean(Object.values(body.data ?? {})[0]) }).toEqual({ op: op.name, answered: true });
    }
  });
});

describe('what the operations answer', () => {
  it('SearchAnime without enhance answers from the catalog alone, without any upstream call', async () => {
    const before = replay.count();
    const { body } = await postGraphQL(app, operation('SearchAnime').source, { query: 'cowboy bebop', formats: ['TV'], first: 3 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.search.nodes[0]).toMatchObject({ id: 'mal:1', malId: 1 });
    expect(body.data!.search.nodes[0]).not.toHaveProperty('mal');
    expect(replay.count()).toBe(before);
  });

  it('SearchAnime maps genres, years, minimum score and formats onto the catalog filter', async () => {
    const source = operation('SearchAnime').source;
    const all = await postGraphQL(app, source, { first: 5 });
    const filtered = await postGraphQL(app, source, { genres: ['action'], yearFrom: 2000, yearTo: 2020, minScore: 7, formats: ['TV', 'MOVIE'], first: 5 });
    expect(filtered.body.errors).toBeUndefined();
    const { totalCount, nodes } = filtered.body.data!.search;
    expect(totalCount).toBeGreaterThan(0);
    expect(totalCount).toBeLessThan(all.body.data!.search.totalCount);
    for (const anime of nodes) {
      expect(anime.score).toBeGreaterThanOrEqual(7);
      expect(anime.year).toBeGreaterThanOrEqual(2000);
      expect(anime.year).toBeLessThanOrEqual(2020);
      expect(['TV', 'MOVIE']).toContain(anime.format);
    }
  });

  it('SearchAnime with enhance adds the MyAnimeList and AniList scores', async () => {
    const { body } = await postGraphQL(app, operation('SearchAnime').source, SAMPLE_VARIABLES['SearchAnime']);
    expect(body.errors).toBeUndefined();
    const [bebop] = body.data!.search.nodes;
    expect(bebop.id).toBe('mal:1');
    expect(bebop.mal.score).toBeGreaterThan(8);
    expect(bebop.anilist.averageScore).toBeGreaterThan(80);
  });

  it('CompareRatings puts the catalog, MAL, AniList and Kitsu scores side by side', async () => {
    const { body } = await postGraphQL(app, operation('CompareRatings').source, { malId: 1 });
    expect(body.errors).toBeUndefined();
    const anime = body.data!.anime;
    expect(anime.mal.score).toBeGreaterThan(8);
    expect(anime.anilist.averageScore).toBeGreaterThan(80);
    expect(anime.kitsu.averageRating).toBeGreaterThan(80);
  });

  it('GetStreamingInfo gathers the catalog offers, MAL services and Kitsu links', async () => {
    const { body } = await postGraphQL(app, operation('GetStreamingInfo').source, { malId: 1, region: 'US' });
    expect(body.errors).toBeUndefined();
    const anime = body.data!.anime;
    expect(anime.streamingOffers).toContainEqual(expect.objectContaining({ service: 'netflix' }));
    expect(anime.mal.streaming.map((s: { name: string }) => s.name)).toContain('Crunchyroll');
    // The recorded Kitsu resource carries no included streaming links.
    expect(anime.kitsu).toEqual({ streamingLinks: [] });
  });

  it('GetAnimeRecommendations lists what MAL users recommend, as catalog entries', async () => {
    const { body } = await postGraphQL(app, operation('GetAnimeRecommendations').source, { malId: 11757 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.anime.mal.recommendations[0].anime).toMatchObject({ malId: 17265 });
  });

  it('AiringSchedule answers today by default and a whole week with weekly', async () => {
    const source = operation('AiringSchedule').source;
    const today = await postGraphQL(app, source, { timezone: 'Asia/Tokyo' });
    expect(today.body.errors).toBeUndefined();
    expect(today.body.data).toEqual({ today: expect.objectContaining({ date: '2026-09-15', weekday: 'TUESDAY' }) });
    expect(today.body.data!.today.entries[0]).toMatchObject({ episodeNumber: 9, airsAt: { local: '2026-09-15T00:30:00+09:00' } });
    const week = await postGraphQL(app, source, { timezone: 'UTC', weekly: true, week: '38', year: 2026 });
    expect(week.body.errors).toBeUndefined();
    expect(week.body.data).toEqual({ week: expect.objectContaining({ year: 2026, week: 38 }) });
    expect(week.body.data!.week.entries.length).toBeGreaterThan(0);
  });

  it('TopAnime lists MAL\'s top entries with their catalog ids', async () => {
    const { body } = await postGraphQL(app, operation('TopAnime').source, {});
    expect(body.errors).toBeUndefined();
    expect(body.data!.malTop.nodes[0]).toMatchObject({ anime: { id: 'mal:5114' } });
  });
});
