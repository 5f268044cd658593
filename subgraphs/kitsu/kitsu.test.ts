// The kitsu subgraph end to end against the loopback replay server serving real Kitsu recordings
// (test/fixtures/upstream/kitsu, see PROVENANCE.md): entity resolution, search, partial failures,
// and composition with the catalog subgraph.
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { buildKitsuSchema } from './schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream/kitsu');
const file = (name: string) => resolve(FIXTURES, name);

let replay: ReplayServer;
let kit: UpstreamKitWithStats;
let schema: GraphQLSchema;

async function run(source: string, variableValues?: Record<string, unknown>, on = schema): Promise<ExecutionResult> {
  return graphql({ schema: on, source, variableValues, contextValue: {} });
}

/** Fault tests get their own kit: nothing cached by earlier tests, a closed circuit. */
async function withFreshKit<T>(body: (fresh: GraphQLSchema) => Promise<T>): Promise<T> {
  const config = loadConfig({ KITSU_BASE_URL: replay.url, LOG_LEVEL: 'silent' });
  const fresh = createUpstreamKit(config, { policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  try {
    return await body(await buildKitsuSchema({ upstream: fresh, config }));
  } finally {
    await fresh.close();
  }
}

const KITSU_FIELDS = `
  id slug url canonicalTitle titles { locale title } titleEnglish titleRomaji titleJapanese abbreviatedTitles
  synopsis description averageRating score ratingRank popularityRank userCount favoritesCount
  ratingFrequencies { rating count } ageRating ageRatingGuide subtype format kitsuStatus status
  episodeCount episodeLength totalLength startDate endDate season year tba
  posterImage { tiny small medium large original } coverImage { tiny small medium large original }
  nsfw youtubeVideoId genres { name slug } categories { title slug description }
  streamingLinks { streamer url subs dubs regions } mappings { externalSite externalId platform url }
`;

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { kitsuId kitsu { ${KITSU_FIELDS} } } } }`;

beforeAll(async () => {
  replay = await startReplayServer();
  for (const id of [13401, 46174, 5]) replay.route({ method: 'GET', path: `/anime/${id}`, file: file(`anime-${id}.json`) });
  // Served as the bare resource object (not a JSON:API document): a real payload in the wrong shape.
  replay.route({ method: 'GET', path: '/anime/1', file: file('kitsu_cowboy_bebop_dump.json'), jsonPath: 'anime' });
  for (const [text, name] of [['cowboy bebop', 'search-cowboy-bebop.json'], ['food', 'search-food.json']] as const) {
    replay.route({ method: 'GET', path: '/anime', match: (req) => req.query.get('filter[text]') === text, file: file(name) });
  }
  const config = loadConfig({ KITSU_BASE_URL: replay.url, LOG_LEVEL: 'silent' });
  kit = createUpstreamKit(config, { namespace: `kitsu-test-${process.pid}`, policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  schema = await buildKitsuSchema({ upstream: kit, config });
});

afterEach(() => replay.reset());

afterAll(async () => {
  await kit.close();
  await replay.close();
});

describe('Anime.kitsu via _entities', () => {
  it('resolves a reference by kitsuId with every KitsuAnime field from GET /anime/{id}', async () => {
    const result = await run(ENTITIES, { reps: [{ __typename: 'Anime', kitsuId: 13401 }] });
    expect(result.errors).toBeUndefined();
    const [entity] = (result.data as { _entities: { kitsuId: number; kitsu: Record<string, unknown> }[] })._entities;
    expect(entity!.kitsuId).toBe(13401);
    expect(entity!.kitsu).toMatchObject({
      id: 13401,
      slug: 'sangatsu-no-lion-2',
      url: 'https://kitsu.app/anime/13401',
      canonicalTitle: '3-gatsu no Lion 2nd Season',
      titleEnglish: 'March comes in like a lion Season 2',
      titleRomaji: '3-gatsu no Lion 2nd Season',
      titleJapanese: '3月のライオン 第2シリーズ',
      abbreviatedTitles: ['Sangatsu no Lion 2nd Season', 'Sangatsu no Lion Second Season'],
      synopsis: 'Second season of March comes in like a lion.',
      averageRating: 81.86,
      score: 8.19,
      ratingRank: 229,
      popularityRank: 602,
      userCount: 19232,
      favoritesCount: 308,
      ageRating: 'PG',
      ageRatingGuide: 'Teens 13 or older',
      subtype: 'TV',
      format: 'TV',
      kitsuStatus: 'finished',
      status: 'COMPLETED',
      episodeCount: 22,
      episodeLength: 24,
      totalLength: 528,
      startDate: '2017-10-14',
      endDate: '2018-03-31',
      season: 'FALL',
      year: 2017,
      tba: null,
      nsfw: false,
      youtubeVideoId: 'OfSaJb5OOPA',
      posterImage: { tiny: 'https://media.kitsu.io/anime/poster_images/13401/tiny.jpg', medium: 'https://media.kitsu.io/anime/poster_images/13401/medium.jpg' },
      coverImage: { medium: null, small: 'https://media.kitsu.io/anime/cover_images/13401/small.jpg' },
      // The recording was made without include=…: no genres, categories, links or mappings in it.
      genres: [],
      categories: [],
      streamingLinks: [],
      mappings: [],
    });
    expect(entity!.kitsu['titles']).toContainEqual({ locale: 'en_us', title: 'March Comes In Like A Lion 2nd Season' });
    expect(entity!.kitsu['ratingFrequencies']).toContainEqual({ rating: 20, count: 5135 });
  });

  it('asks Kitsu for the includes and the JSON:API media type', async () => {
    await run(ENTITIES, { reps: [{ __typename: 'Anime', kitsuId: 46174 }] });
    const request = replay.requests.find((r) => r.path === '/anime/46174');
    expect(request?.query.get('include')).toBe('genres,categories,streamingLinks.streamer,mappings');
    expect(request?.headers['accept']).toBe('application/vnd.api+json');
  });

  it('resolves several references in one call, in order, with nulls Kitsu sends as null', async () => {
    const result = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { kitsuId kitsu { format averageRating episodeLength coverImage { large } } } } }`, {
      reps: [
        { __typename: 'Anime', kitsuId: 5 },
        { __typename: 'Anime', kitsuId: 46174 },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { kitsuId: 5, kitsu: { format: 'TV', averageRating: 68.61, episodeLength: null, coverImage: null } },
        { kitsuId: 46174, kitsu: { format: 'MUSIC', averageRating: null, episodeLength: 2, coverImage: null } },
      ],
    });
  });

  it('answers null without an error for an id Kitsu does not have (404)', async () => {
    const result = await run(ENTITIES, { reps: [{ __typename: 'Anime', kitsuId: 999999 }] });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ kitsuId: 999999, kitsu: null }] });
  });

  it('returns partial data with SOURCE_UNAVAILABLE when Kitsu fails for one entry', async () => {
    replay.fault({ path: '/anime/5' }, { status: 503 });
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { kitsuId kitsu { canonicalTitle } } } }`;
    const reps = [
      { __typename: 'Anime', kitsuId: 5 },
      { __typename: 'Anime', kitsuId: 13401 },
    ];
    const result = await withFreshKit((fresh) => run(query, { reps }, fresh));
    expect(result.data).toEqual({
      _entities: [
        { kitsuId: 5, kitsu: null },
        { kitsuId: 13401, kitsu: { canonicalTitle: '3-gatsu no Lion 2nd Season' } },
      ],
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['_entities', 0, 'kitsu']);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'kitsu' });
  });

  it('turns a payload that is not a JSON:API document into SOURCE_BAD_RESPONSE', async () => {
    const result = await withFreshKit((fresh) => run(ENTITIES, { reps: [{ __typename: 'Anime', kitsuId: 1 }] }, fresh));
    expect(result.data).toEqual({ _entities: [{ kitsuId: 1, kitsu: null }] });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'kitsu' });
  });

  it('answers null for a reference without a kitsuId, without calling Kitsu', async () => {
    const result = await run(ENTITIES, { reps: [{ __typename: 'Anime', kitsuId: null }] });
    expect(result).toEqual({ data: { _entities: [{ kitsuId: null, kitsu: null }] } });
    expect(replay.count()).toBe(0);
  });
});

describe('kitsuSearch', () => {
  const SEARCH = `query($text: String, $subtype: [AnimeFormat!], $status: [AnimeStatus!], $ageRating: [KitsuAgeRating!], $seasonYear: Int, $season: Season, $page: Int, $perPage: Int) {
    kitsuSearch(text: $text, subtype: $subtype, status: $status, ageRating: $ageRating, seasonYear: $seasonYear, season: $season, page: $page, perPage: $perPage) {
      total page perPage hasNextPage
      items { anime { kitsuId } kitsu { id canonicalTitle format status averageRating ageRating } }
    }
  }`;

  it('returns Anime references by kitsuId with the Kitsu record of each hit and meta.count', async () => {
    const result = await run(SEARCH, { text: 'cowboy bebop' });
    expect(result.errors).toBeUndefined();
    const page = (result.data as { kitsuSearch: { total: number; page: number; perPage: number; hasNextPage: boolean; items: { anime: { kitsuId: number }; kitsu: Record<string, unknown> }[] } }).kitsuSearch;
    expect(page).toMatchObject({ total: 147, page: 1, perPage: 10, hasNextPage: true });
    expect(page.items.map((i) => i.anime.kitsuId)).toEqual([1, 2, 3424, 7604, 40909, 40933, 3701, 4036, 41467, 46603]);
    expect(page.items.every((i) => i.kitsu['id'] === i.anime.kitsuId)).toBe(true);
    expect(page.items[0]!.kitsu).toEqual({ id: 1, canonicalTitle: 'Cowboy Bebop', format: 'TV', status: 'COMPLETED', averageRating: 81.99, ageRating: 'R' });
    expect(page.items[4]!.kitsu).toMatchObject({ canonicalTitle: 'Chibikko Cowboy', format: 'MUSIC', averageRating: null });
  });

  it('answers Anime.kitsu of a search hit from the search response, without another call', async () => {
    const result = await run(`{ kitsuSearch(text: "cowboy bebop", perPage: 10) { items { anime { kitsuId kitsu { canonicalTitle } } } } }`);
    expect(result.errors).toBeUndefined();
    const items = (result.data as { kitsuSearch: { items: { anime: { kitsuId: number; kitsu: { canonicalTitle: string } } }[] } }).kitsuSearch.items;
    expect(items[1]!.anime).toEqual({ kitsuId: 2, kitsu: { canonicalTitle: "Cowboy Bebop: Knockin' on Heaven's Door" } });
    expect(replay.count(/^\/anime\/\d+$/)).toBe(0);
  });

  it('sends text, filters and offset pagination as Kitsu query parameters', async () => {
    const result = await run(SEARCH, {
      text: 'food',
      subtype: ['TV', 'OVA'],
      status: ['COMPLETED', 'UPCOMING'],
      ageRating: ['PG'],
      seasonYear: 2015,
      season: 'SPRING',
      page: 3,
      perPage: 5,
    });
    expect(result.errors).toBeUndefined();
    const request = replay.requests.find((r) => r.path === '/anime');
    expect(Object.fromEntries(request!.query)).toEqual({
      'filter[text]': 'food',
      'filter[subtype]': 'TV,OVA',
      'filter[status]': 'finished,upcoming,unreleased,tba',
      'filter[ageRating]': 'PG',
      'filter[seasonYear]': '2015',
      'filter[season]': 'spring',
      'page[limit]': '5',
      'page[offset]': '10',
      include: 'genres,categories,streamingLinks.streamer,mappings',
    });
    // The replayed page is the recorded first page of "food": meta.count 378.
    expect(result.data).toMatchObject({ kitsuSearch: { total: 378, page: 3, perPage: 5, hasNextPage: true } });
  });

  it.each([
    [{ perPage: 21 }, 'perPage'],
    [{ page: 0 }, 'page'],
    [{ subtype: ['TV_SHORT'] }, 'subtype'],
    [{ status: ['HIATUS'] }, 'status'],
    [{ seasonYear: 1800 }, 'seasonYear'],
  ])('rejects %j as BAD_USER_INPUT without calling Kitsu', async (variables, field) => {
    const result = await run(SEARCH, { text: 'cowboy bebop', ...variables });
    expect(result.data).toEqual({ kitsuSearch: null });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(replay.count('/anime')).toBe(0);
  });

  it('resolves kitsuSearch to null with SOURCE_RATE_LIMITED when Kitsu keeps answering 429', async () => {
    replay.fault({ path: '/anime' }, { status: 429, retryAfterS: 0 });
    const result = await withFreshKit((fresh) => run(SEARCH, { text: 'cowboy bebop' }, fresh));
    expect(replay.count('/anime')).toBe(2);
    expect(result.data).toEqual({ kitsuSearch: null });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_RATE_LIMITED', source: 'kitsu' });
  });
});

describe('composition', () => {
});
