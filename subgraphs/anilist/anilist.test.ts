// The anilist subgraph end to end: its schema executed with the real upstream kit pointed at the
// loopback replay server, which serves real AniList recordings (see test/fixtures/upstream/PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, OutcomeRecorder, withOutcomes, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayRequest, type ReplayServer } from '../../test/replay/server.js';
import { buildAnilistSchema } from './schema.js';
import { pageCursor } from './search-variables.js';

const fixturePath = (name: string) => resolve(projectRoot(), 'test/fixtures/upstream/anilist', name);
const fixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));
// The recordings are the `data` member (or data.Media) of AniList answers; served re-wrapped, as AniList sends them.
const MEDIA_1_BODY = JSON.stringify({ data: { Media: fixture('media-1-cowboy-bebop.json') } });
const SCORE_PAGE_BODY = JSON.stringify({ data: fixture('page-score-desc.json') });
const TRENDING_PAGE_BODY = JSON.stringify({ data: fixture('page-trending-releasing.json') });
const SCORE_PAGE_IDS = [5114, 20996, 104578, 114129, 124194];

interface SentBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}
const sent = (req: Pick<ReplayRequest, 'body'>): SentBody => JSON.parse(req.body) as SentBody;
const isOperation = (name: string, variables?: (v: Record<string, unknown>) => boolean) => (req: Pick<ReplayRequest, 'body'>) => {
  const body = sent(req);
  return body.operationName === name && (!variables || variables(body.variables));
};

const NOW = new Date('2026-11-26T12:00:00Z');

let replay: ReplayServer;
let kit: UpstreamKitWithStats;
let schema: GraphQLSchema;

async function buildWith(env: Record<string, string> = {}): Promise<GraphQLSchema> {
  await kit?.close();
  const config = loadConfig({ ANILIST_URL: replay.url, ...env });
  // A fresh kit per test: no cache or breaker state leaks between tests; short backoffs.
  kit = createUpstreamKit(config, { namespace: `anilist-test-${Math.random()}`, policy: { baseDelayMs: 5, maxDelayMs: 20 } });
  return buildAnilistSchema({ upstream: kit, config, now: () => NOW });
}

async function run(source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: {} });
}

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'POST', path: '/', match: isOperation('AnilistMedia', (v) => v.id === 1), body: MEDIA_1_BODY });
  // AniList answers an unknown id with HTTP 404 (no recording of its body is needed: the status decides).
  replay.route({ method: 'POST', path: '/', match: isOperation('AnilistMedia', (v) => v.id === 999_999_999), status: 404, body: '' });
  replay.route({
    method: 'POST',
    path: '/',
    match: isOperation('AnilistMediaBatch', (v) => JSON.stringify(v.ids) === JSON.stringify(SCORE_PAGE_IDS)),
    body: SCORE_PAGE_BODY,
  });
  replay.route({ method: 'POST', path: '/', match: isOperation('AnilistSearch'), body: TRENDING_PAGE_BODY });
});

afterAll(async () => {
  await kit?.close();
  await replay.close();
});

beforeEach(async () => {
  replay.reset();
  schema = await buildWith();
});

const ENTITY_QUERY = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Anime {
        anilistId
        anilist {
          id
          idMal
          siteUrl
          title { romaji english native }
          format
          status
          season
          seasonYear
          episodes
          duration
          averageScore
          meanScore
          score
          popularity
          favourites
          trending
          genres
          tags { name rank category isSpoiler }
          relations { relationType kind anilistId mediaType anime { anilistId } }
          studios { name isMain }
          nextAiringEpisode { episode airingAt timeUntilAiring }
          streamingEpisodes { title site }
          externalLinks { site url type language }
          coverImage { large color }
          bannerImage
          isAdult
        }
      }
    }
  }
`;

const reps = (...ids: Array<number | null>) => ({ representations: ids.map((anilistId) => ({ __typename: 'Anime', anilistId })) });
type Entity = { anilistId: number | null; anilist: Record<string, unknown> | null };
const entities = (result: ExecutionResult) => (result.data as { _entities: Entity[] })._entities;

describe('Anime.anilist through _entities', () => {
  it('resolves Cowboy Bebop from AniList with universal enums', async () => {
    const result = await run(ENTITY_QUERY, reps(1));
    expect(result.errors).toBeUndefined();
    const [bebop] = entities(result);
    expect(bebop?.anilistId).toBe(1);
    expect(bebop?.anilist).toMatchObject({
      id: 1,
      idMal: 1,
      siteUrl: 'https://anilist.co/anime/1',
      title: { romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ' },
      format: 'TV',
      status: 'COMPLETED',
      season: 'SPRING',
      seasonYear: 1998,
      episodes: 26,
      duration: 24,
      averageScore: 86,
      meanScore: 86,
      score: 8.6,
      popularity: 402591,
      favourites: 25871,
      genres: ['Action', 'Adventure', 'Drama', 'Sci-Fi'],
      studios: [
        { name: 'Sunrise', isMain: true },
        { name: 'Bandai Visual', isMain: false },
        { name: 'Bandai Entertainment', isMain: false },
      ],
      nextAiringEpisode: null,
      coverImage: { color: '#f16b50' },
      isAdult: false,
    });
    const anilist = bebop!.anilist!;
    expect((anilist.tags as unknown[])[0]).toEqual({ name: 'Space', rank: 94, category: 'Setting-Universe', isSpoiler: false });
    expect(anilist.relations).toContainEqual({ relationType: 'SIDE_STORY', kind: 'SIDE_STORY', anilistId: 5, mediaType: 'ANIME', anime: { anilistId: 5 } });
    expect(anilist.relations).toContainEqual({ relationType: 'ADAPTATION', kind: 'OTHER', anilistId: 30173, mediaType: 'MANGA', anime: null });
    expect(anilist.streamingEpisodes).toHaveLength(26);
    expect(anilist.externalLinks).toContainEqual({ site: 'Netflix', url: 'https://www.netflix.com/title/80001305', type: 'STREAMING', language: null });
  });

  it('sends one named POST with the id as a variable', async () => {
    await run(ENTITY_QUERY, reps(1));
    expect(replay.count('/')).toBe(1);
    const [request] = replay.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBeUndefined();
    expect(sent(request!)).toMatchObject({ operationName: 'AnilistMedia', variables: { id: 1 } });
    expect(sent(request!).query).toContain('Media(id: $id, type: ANIME)');
  });

  it('asks AniList once for many entities (one Page with id_in), answering in the order asked', async () => {
    const asked = [124194, 5114, 114129, 20996, 104578];
    const result = await run(ENTITY_QUERY, reps(...asked));
    expect(result.errors).toBeUndefined();
    expect(replay.count('/')).toBe(1);
    expect(sent(replay.requests[0]!)).toMatchObject({ operationName: 'AnilistMediaBatch', variables: { ids: SCORE_PAGE_IDS, perPage: 50 } });
    const got = entities(result);
    expect(got.map((e) => [e.anilistId, e.anilist?.id, e.anilist?.format])).toEqual([
      [124194, 124194, 'TV'],
      [5114, 5114, 'TV'],
      [114129, 114129, 'MOVIE'],
      [20996, 20996, 'TV'],
      [104578, 104578, 'TV'],
    ]);
    expect(got[2]?.anilist).toMatchObject({ averageScore: 92, studios: [{ name: 'Bandai Namco Pictures', isMain: true }] });
  });

  it('asks once for an id that several siblings share', async () => {
    const result = await run(ENTITY_QUERY, reps(1, 1));
    expect(result.errors).toBeUndefined();
    expect(entities(result).map((e) => e.anilist?.id)).toEqual([1, 1]);
    expect(replay.requests.map((r) => sent(r))).toMatchObject([{ operationName: 'AnilistMedia', variables: { id: 1 } }]);
  });

  it('gives every sibling of a failed batch its own typed error', async () => {
    replay.fault({ path: '/' }, { status: 503 });
    const result = await run(ENTITY_QUERY, reps(124194, 5114));
    expect(entities(result)).toEqual([
      { anilistId: 124194, anilist: null },
      { anilistId: 5114, anilist: null },
    ]);
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0, 'anilist'], 'SOURCE_UNAVAILABLE'],
      [['_entities', 1, 'anilist'], 'SOURCE_UNAVAILABLE'],
    ]);
    // Retries included, every call carried both ids: the siblings still made one batch.
    expect(replay.count('/')).toBeGreaterThan(0);
    for (const request of replay.requests) expect(sent(request)).toMatchObject({ operationName: 'AnilistMediaBatch', variables: { ids: [5114, 124194] } });
  });

  it('keeps concurrent operations apart: a batch each, outcomes recorded to their own request', async () => {
    const [bebop, unknown] = [new OutcomeRecorder(), new OutcomeRecorder()];
    const [found, missing] = await Promise.all([
      withOutcomes(bebop, () => graphql({ schema, source: ENTITY_QUERY, variableValues: reps(1), contextValue: {} })),
      withOutcomes(unknown, () => graphql({ schema, source: ENTITY_QUERY, variableValues: reps(999_999_999), contextValue: {} })),
    ]);
    expect(entities(found)[0]?.anilist).toMatchObject({ id: 1 });
    expect(entities(missing)).toEqual([{ anilistId: 999_999_999, anilist: null }]);
    expect(replay.requests.map((r) => sent(r).variables.id).sort()).toEqual([1, 999_999_999]);
    expect(bebop.outcomes).toEqual([{ source: 'anilist', outcome: 'live', ageSeconds: expect.any(Number) }]);
    expect(unknown.outcomes).toEqual([{ source: 'anilist', outcome: 'live', ageSeconds: 0, errorCode: 'NOT_FOUND' }]);
  });

  it('resolves to null without asking AniList when the entity has no AniList id', async () => {
    const result = await run(ENTITY_QUERY, reps(null));
    expect(result.errors).toBeUndefined();
    expect(entities(result)).toEqual([{ anilistId: null, anilist: null }]);
    expect(replay.count()).toBe(0);
  });

  it('resolves to null, without an error, for an id AniList does not know (404)', async () => {
    const result = await run(ENTITY_QUERY, reps(999_999_999));
    expect(result.errors).toBeUndefined();
    expect(entities(result)).toEqual([{ anilistId: 999_999_999, anilist: null }]);
  });

  it('returns partial data with a SOURCE_UNAVAILABLE error when AniList is down', async () => {
    replay.fault({ path: '/' }, { status: 503 });
    const result = await run(ENTITY_QUERY, reps(1));
    expect(entities(result)).toEqual([{ anilistId: 1, anilist: null }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'anilist']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anilist' });
  });

  it('waits out a 429 Retry-After and then answers', async () => {
    replay.fault({ path: '/' }, { status: 429, retryAfterS: 1, times: 1 });
    const started = Date.now();
    const result = await run(ENTITY_QUERY, reps(1));
    expect(result.errors).toBeUndefined();
    expect(entities(result)[0]?.anilist).toMatchObject({ id: 1 });
    expect(replay.count('/')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('turns a malformed answer into SOURCE_BAD_RESPONSE on the field', async () => {
    replay.fault({ path: '/' }, { garbage: true });
    const result = await run(ENTITY_QUERY, reps(1));
    expect(entities(result)).toEqual([{ anilistId: 1, anilist: null }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'anilist' });
  });

  it('sends the AniList token as a Bearer token when configured', async () => {
    schema = await buildWith({ ANILIST_TOKEN: 'test-token' });
    await run(ENTITY_QUERY, reps(1));
    expect(replay.requests[0]?.headers.authorization).toBe('Bearer test-token');
  });
});

const SEARCH_QUERY = /* GraphQL */ `
  query ($after: String) {
    anilistSearch(statusIn: [AIRING], sort: [TRENDING_DESC], perPage: 5, scoreMin: 70, formatIn: [TV], after: $after) {
      currentPage
      perPage
      total
      lastPage
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      results {
        anime { anilistId }
        media { id status trending episodes title { english } }
      }
    }
  }
`;

describe('anilistSearch', () => {
  it('maps our filters to AniList Media arguments and returns Anime references with their media', async () => {
    const result = await run(SEARCH_QUERY);
    expect(result.errors).toBeUndefined();
    expect(replay.count('/')).toBe(1);
    const body = sent(replay.requests[0]!);
    expect(body.operationName).toBe('AnilistSearch');
    expect(body.variables).toEqual({
      page: 1,
      perPage: 5,
      status_in: ['RELEASING'],
      format_in: ['TV'],
      averageScore_greater: 69,
      sort: ['TRENDING_DESC'],
      isAdult: false,
    });
    const page = (result.data as { anilistSearch: Record<string, unknown> & { results: Array<{ anime: unknown; media: Record<string, unknown> }> } }).anilistSearch;
    expect(page).toMatchObject({
      currentPage: 1,
      perPage: 5,
      total: 15263,
      lastPage: 3053,
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: pageCursor(1), endCursor: pageCursor(1) },
    });
    expect(page.results.map((r) => r.anime)).toEqual([131565, 21, 129874, 127720, 131083].map((anilistId) => ({ anilistId })));
    expect(page.results[1]?.media).toEqual({ id: 21, status: 'AIRING', trending: 108, episodes: null, title: { english: 'One Piece' } });
  });

  it('asks for the page after a cursor', async () => {
    await run(SEARCH_QUERY, { after: pageCursor(1) });
    expect(sent(replay.requests[0]!).variables.page).toBe(2);
  });

  it('rejects bad input without calling AniList', async () => {
    const result = await run('{ anilistSearch(perPage: 500) { currentPage } }');
    expect(result.data).toEqual({ anilistSearch: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'perPage' });
    expect(replay.count()).toBe(0);
  });

  it('resolves to null with a typed error when AniList fails', async () => {
    replay.fault({ path: '/' }, { status: 500 });
    const result = await run(SEARCH_QUERY);
    expect(result.data).toEqual({ anilistSearch: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anilist' });
  });
});

describe('composition', () => {
});
