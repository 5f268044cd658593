// The jikan subgraph end to end: GraphQL operations against its schema, with the upstream kit
// pointed at the loopback replay server serving real Jikan recordings.
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { buildJikanSchema } from './schema.js';

const fixture = (name: string) => resolve(projectRoot(), 'test/fixtures/upstream/jikan', name);

/** Upstream path → recording. Where no /full recording exists the base endpoint's body (a subset) is served; see PROVENANCE.md. */
const ROUTES: Record<string, string> = {
  '/v4/anime/1/full': 'anime-1-full.json',
  '/v4/anime/1/characters': 'anime-1-characters.json',
  '/v4/anime/11757/full': 'anime-11757.json',
  '/v4/anime/11757/staff': 'anime-11757-staff.json',
  '/v4/anime/11757/statistics': 'anime-11757-statistics.json',
  '/v4/anime/11757/recommendations': 'anime-11757-recommendations.json',
  '/v4/anime/11757/episodes': 'anime-11757-episodes.json',
  '/v4/anime/11757/reviews': 'anime-11757-reviews.json',
  '/v4/top/anime': 'top-anime.json',
  '/v4/seasons/2020/winter': 'seasons-2020-winter.json',
  '/v4/seasons/now': 'seasons-now.json',
  '/v4/seasons/upcoming': 'seasons-upcoming.json',
  '/v4/schedules': 'schedules-monday.json',
  '/v4/random/anime': 'random-anime.json',
  '/v4/genres/anime': 'genres-anime.json',
  '/v4/recommendations/anime': 'recommendations-anime.json',
  '/v4/characters/36765/full': 'character-36765.json',
  '/v4/people/1/full': 'person-1.json',
};

let replay: ReplayServer;
const kits: UpstreamKitWithStats[] = [];

/** A fresh kit (empty cache, full rate budget) and schema; retries off so fault tests are quick. */
async function jikanSchema(): Promise<GraphQLSchema> {
  const config = loadConfig({ JIKAN_BASE_URL: `${replay.url}/v4`, LOG_LEVEL: 'silent' });
  const kit = createUpstreamKit(config, { namespace: `jikan-test-${kits.length}`, policy: { maxAttempts: 1, breakerThreshold: 100 } });
  kits.push(kit);
  return buildJikanSchema({ upstream: kit, config });
}

async function run(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: {} });
}

const ENTITY = `query ($malId: Int!) { _entities(representations: [{ __typename: "Anime", malId: $malId }]) { ... on Anime { malId mal { %s } } } }`;
const entity = (fields: string) => ENTITY.replace('%s', fields);

beforeAll(async () => {
  replay = await startReplayServer();
  for (const [path, file] of Object.entries(ROUTES)) replay.route({ method: 'GET', path, file: fixture(file) });
});
afterEach(() => replay.reset());
afterAll(async () => {
  await Promise.all(kits.map((k) => k.close()));
  await replay.close();
});

describe('jikan subgraph schema', () => {
});

describe('Anime.mal via _entities', () => {
  it('resolves every field of /anime/1/full for Cowboy Bebop', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      entity(`malId url title titleEnglish titleJapanese titleSynonyms titles { type title } type format source episodes statusText status airing
        aired { from to string } duration durationSeconds rating score scoredBy rank popularity members favorites synopsis background season year
        broadcast { day time timezone string } trailer { youtubeId url } images { jpg { imageUrl largeImageUrl } webp { smallImageUrl } }
        genres { malId name } themes { malId name } demographics { name } explicitGenres { name } studios { malId name url }
        producers { name } licensors { name } relations { relation entries { malId type name anime { malId } } }
        theme { openings endings } external { name url } streaming { name url }`),
      { malId: 1 },
    );
    expect(result.errors).toBeUndefined();
    const mal = (result.data?._entities as Array<{ malId: number; mal: Record<string, unknown> }>)[0]!;
    expect(mal.malId).toBe(1);
    expect(mal.mal).toMatchObject({
      malId: 1,
      url: 'https://myanimelist.net/anime/1/Cowboy_Bebop',
      title: 'Cowboy Bebop',
      titleEnglish: 'Cowboy Bebop',
      titleJapanese: 'カウボーイビバップ',
      titleSynonyms: [],
      type: 'TV',
      format: 'TV',
      source: 'Original',
      episodes: 26,
      statusText: 'Finished Airing',
      status: 'COMPLETED',
      airing: false,
      aired: { from: '1998-04-03T00:00:00+00:00', to: '1999-04-24T00:00:00+00:00', string: 'Apr 3, 1998 to Apr 24, 1999' },
      duration: '24 min per ep',
      durationSeconds: 1440,
      rating: 'R - 17+ (violence & profanity)',
      score: 8.75,
      scoredBy: 1024836,
      rank: 47,
      popularity: 42,
      members: 1985235,
      favorites: 86961,
      season: 'SPRING',
      year: 1998,
      broadcast: { day: 'Saturdays', time: '01:00', timezone: 'Asia/Tokyo', string: 'Saturdays at 01:00 (JST)' },
      trailer: { youtubeId: 'gY5nDXOtv_o', url: 'https://www.youtube.com/watch?v=gY5nDXOtv_o' },
      images: {
        jpg: { imageUrl: 'https://cdn.myanimelist.net/images/anime/4/19644.jpg', largeImageUrl: 'https://cdn.myanimelist.net/images/anime/4/19644l.jpg' },
        webp: { smallImageUrl: 'https://cdn.myanimelist.net/images/anime/4/19644t.webp' },
      },
      genres: [{ malId: 1, name: 'Action' }, { malId: 46, name: 'Award Winning' }, { malId: 24, name: 'Sci-Fi' }],
      themes: [{ malId: 50, name: 'Adult Cast' }, { malId: 29, name: 'Space' }],
      demographics: [],
      explicitGenres: [],
      studios: [{ malId: 14, name: 'Sunrise', url: 'https://myanimelist.net/anime/producer/14/Sunrise' }],
      producers: [{ name: 'Bandai Visual' }, { name: 'Victor Entertainment' }, { name: 'Audio Planning U' }],
      licensors: [{ name: 'Funimation' }],
      theme: {
        openings: ['"Tank!" by The Seatbelts (eps 1-25)'],
        endings: expect.arrayContaining(['2: "Space Lion" by The Seatbelts (eps 13)']),
      },
      streaming: [
        { name: 'Crunchyroll', url: 'http://www.crunchyroll.com/series-271225' },
        { name: 'Netflix', url: 'https://www.netflix.com/title/80001305' },
        { name: 'Tubi TV', url: 'https://tubitv.com/series/2052/cowboy-bebop-subtitled' },
      ],
    });
    expect(mal.mal.synopsis).toMatch(/^Crime is timeless\./);
    expect(mal.mal.background).toMatch(/^When Cowboy Bebop first aired/);
    expect(mal.mal.titles).toEqual([
      { type: 'Default', title: 'Cowboy Bebop' },
      { type: 'Japanese', title: 'カウボーイビバップ' },
      { type: 'English', title: 'Cowboy Bebop' },
    ]);
    expect(mal.mal.external).toContainEqual({ name: 'ANN', url: 'https://www.animenewsnetwork.com/encyclopedia/anime.php?id=13' });
    expect(mal.mal.relations).toContainEqual({
      relation: 'Summary',
      entries: [{ malId: 4037, type: 'anime', name: 'Cowboy Bebop: Yose Atsume Blues', anime: { malId: 4037 } }],
    });
    // One upstream call for all of it.
    expect(replay.count('/v4/anime/1/full')).toBe(1);
  });

  it('resolves characters (/anime/1/characters) with voice actors, limited by first', async () => {
    const schema = await jikanSchema();
    const result = await run(schema, entity('characters(first: 2) { role favorites character { malId name url } voiceActors { language person { malId name } } }'), { malId: 1 });
    expect(result.errors).toBeUndefined();
    const { characters } = (result.data?._entities as Array<{ mal: { characters: Array<Record<string, unknown>> } }>)[0]!.mal;
    expect(characters).toHaveLength(2);
    expect(characters[0]).toMatchObject({
      role: 'Main',
      favorites: 2240,
      character: { malId: 3, name: 'Black, Jet', url: 'https://myanimelist.net/character/3/Jet_Black' },
    });
    expect(characters[0]!.voiceActors).toContainEqual({ language: 'English', person: { malId: 358, name: 'Billingslea, Beau' } });
    expect(characters[1]).toMatchObject({ character: { malId: 1, name: 'Spiegel, Spike' } });
  });

  it('resolves staff, statistics and recommendations (Sword Art Online, 11757)', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      entity(`title rank staff { positions person { malId name } }
        statistics { watching completed onHold dropped planToWatch total scores { score votes percentage } }
        recommendations { anime { malId } title url votes images { jpg { imageUrl } } }`),
      { malId: 11757 },
    );
    expect(result.errors).toBeUndefined();
    const { mal } = (result.data?._entities as Array<{ mal: Record<string, unknown> & { statistics: { scores: unknown[] } } }>)[0]!;
    expect(mal).toMatchObject({
      title: 'Sword Art Online',
      rank: 2897,
      staff: [{ positions: ['Producer'], person: { malId: 14031, name: 'Iwakami, Atsuhiro' } }],
      statistics: { watching: 95611, completed: 2287389, onHold: 31504, dropped: 110880, planToWatch: 143053, total: 2668437 },
      recommendations: [
        {
          anime: { malId: 17265 },
          title: 'Log Horizon',
          url: 'https://myanimelist.net/recommendations/anime/11757-17265',
          votes: 174,
          images: { jpg: { imageUrl: 'https://cdn.myanimelist.net/images/anime/5/84004.jpg?s=73d4b44ed253ca5c865ef6e026cec99f' } },
        },
      ],
    });
    expect(mal.statistics.scores[0]).toEqual({ score: 1, votes: 27658, percentage: 1.5 });
  });

  it('resolves the episode list (/anime/11757/episodes) with the page asked for', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      entity('episodes episodeList(page: 1) { nodes { number title titleJapanese titleRomaji aired score filler recap url forumUrl } pagination { currentPage hasNextPage lastVisiblePage } }'),
      { malId: 11757 },
    );
    expect(result.errors).toBeUndefined();
    const { mal } = (result.data?._entities as Array<{ mal: { episodes: number; episodeList: { nodes: Array<Record<string, unknown>>; pagination: unknown } } }>)[0]!;
    expect(mal.episodeList.nodes).toHaveLength(25);
    expect(mal.episodeList.nodes).toHaveLength(mal.episodes);
    expect(mal.episodeList.nodes[0]).toEqual({
      number: 1,
      title: 'The World of Swords',
      titleJapanese: '剣の世界',
      // MAL pads the romaji with a no-break space.
      titleRomaji: 'Ken no Sekai',
      aired: '2012-07-08T00:00:00+00:00',
      score: null,
      filler: false,
      recap: false,
      url: 'https://myanimelist.net/anime/11757/Sword_Art_Online/episode/1',
      forumUrl: 'https://myanimelist.net/forum/?topicid=459625',
    });
    expect(mal.episodeList.nodes[24]).toMatchObject({ number: 25, title: 'The World Seed', titleRomaji: 'Sekai no Shushi' });
    expect(mal.episodeList.pagination).toEqual({ currentPage: 1, hasNextPage: false, lastVisiblePage: 1 });
    expect(replay.requests.find((r) => r.path === '/v4/anime/11757/episodes')?.query.get('page')).toBe('1');
  });

  it('resolves reviews (/anime/11757/reviews), passing page, spoilers and preliminary', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      entity('reviews(page: 1, spoilers: true, preliminary: false) { nodes { malId url date score scores { story animation sound character enjoyment } votes tags spoiler preliminary episodesWatched username text } pagination { currentPage hasNextPage } }'),
      { malId: 11757 },
    );
    expect(result.errors).toBeUndefined();
    const { reviews } = (result.data?._entities as Array<{ mal: { reviews: { nodes: Array<Record<string, unknown> & { text: string }>; pagination: unknown } } }>)[0]!.mal;
    expect(reviews.nodes).toHaveLength(2);
    // The 2022 shape: per-aspect scores and helpful votes, no tags or flags.
    expect(reviews.nodes[0]).toMatchObject({
      malId: 138911,
      url: 'https://myanimelist.net/reviews.php?id=138911',
      date: '2014-04-06T02:33:00+00:00',
      score: 4,
      scores: { story: 4, animation: 8, sound: 8, character: 1, enjoyment: 3 },
      votes: 5216,
      tags: [],
      spoiler: null,
      preliminary: null,
      episodesWatched: 25,
      username: 'USERNAME_1',
    });
    expect(reviews.nodes[0]!.text).toMatch(/^--The review contains minor spoilers-- /);
    expect(reviews.nodes[1]).toMatchObject({ malId: 164583, score: 2, votes: 2303 });
    expect(reviews.pagination).toEqual({ currentPage: 1, hasNextPage: false });
    const request = replay.requests.find((r) => r.path === '/v4/anime/11757/reviews')!;
    expect(Object.fromEntries(request.query)).toEqual({ page: '1', spoilers: 'true', preliminary: 'false' });
  });

  it('refuses an episode or review page below 1 and a negative character count without calling MAL for them', async () => {
    const schema = await jikanSchema();
    const result = await run(schema, entity('title episodeList(page: 0) { nodes { number } } reviews(page: -1) { nodes { malId } } characters(first: -1) { role }'), { malId: 11757 });
    expect(result.data?._entities).toEqual([{ malId: 11757, mal: { title: 'Sword Art Online', episodeList: null, reviews: null, characters: null } }]);
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(replay.requests.map((r) => r.path)).toEqual(['/v4/anime/11757/full']);
  });

  it('answers for several representations and a null malId', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      `{ _entities(representations: [{ __typename: "Anime", malId: 1 }, { __typename: "Anime", malId: 11757 }, { __typename: "Anime", malId: null }]) {
          ... on Anime { malId mal { title } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { malId: 1, mal: { title: 'Cowboy Bebop' } },
      { malId: 11757, mal: { title: 'Sword Art Online' } },
      { malId: null, mal: null },
    ]);
  });
});

describe('MAL lists', () => {
  it('malTop returns Anime references with MAL rank and score, passing type/filter/page/limit', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      `{ malTop(type: TV, filter: BY_POPULARITY, page: 1, limit: 25) {
          nodes { malId title rank score members anime { malId mal { title format status season year } } }
          pagination { currentPage lastVisiblePage hasNextPage total } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.malTop).toEqual({
      nodes: [
        {
          malId: 5114,
          title: 'Fullmetal Alchemist: Brotherhood',
          rank: 1,
          score: 9.15,
          members: expect.any(Number),
          anime: { malId: 5114, mal: { title: 'Fullmetal Alchemist: Brotherhood', format: 'TV', status: 'COMPLETED', season: 'SPRING', year: 2009 } },
        },
      ],
      pagination: { currentPage: 1, lastVisiblePage: 701, hasNextPage: true, total: null },
    });
    const [request] = replay.requests;
    expect(Object.fromEntries(request!.query)).toEqual({ type: 'tv', filter: 'bypopularity', page: '1', limit: '25' });
    // `mal` came with the list: no per-entry call.
    expect(replay.requests).toHaveLength(1);
  });

  it('fetches /full lazily for fields a list entry lacks', async () => {
    const schema = await jikanSchema();
    replay.route({ method: 'GET', path: '/v4/anime/5114/full', status: 404, body: '{"status":404}' });
    const result = await run(schema, '{ malTop { nodes { anime { mal { title streaming { name } } } } } }');
    // MAL says 404 for the /full call: the lazy field fails alone, the rest stays.
    expect(result.data?.malTop).toEqual({ nodes: [{ anime: { mal: { title: 'Fullmetal Alchemist: Brotherhood', streaming: null } } }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'jikan' });
    expect(replay.count('/v4/anime/5114/full')).toBe(1);
  });

  it('malSeason, malSeasonNow and malSeasonUpcoming read the season pages', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      `{ season: malSeason(year: 2020, season: WINTER) { nodes { malId title anime { malId } } pagination { hasNextPage lastVisiblePage } }
         now: malSeasonNow(page: 1) { nodes { malId title } }
         upcoming: malSeasonUpcoming { nodes { malId title rank anime { mal { status } } } pagination { lastVisiblePage } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      season: { nodes: [{ malId: 38883, title: 'Haikyuu!!: To the Top', anime: { malId: 38883 } }], pagination: { hasNextPage: true, lastVisiblePage: 2 } },
      now: { nodes: [{ malId: 48583, title: 'Shingeki no Kyojin: The Final Season Part 2' }] },
      upcoming: { nodes: [{ malId: 44511, title: 'Chainsaw Man', rank: null, anime: { mal: { status: 'UPCOMING' } } }], pagination: { lastVisiblePage: 22 } },
    });
    expect(replay.count('/v4/seasons/2020/winter')).toBe(1);
  });

  it('malSchedule filters by broadcast day', async () => {
    const schema = await jikanSchema();
    const result = await run(schema, '{ malSchedule(day: MONDAY) { nodes { malId title rank anime { mal { status broadcast { string } } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.malSchedule).toEqual({
      nodes: [{ malId: 49689, title: 'Hikari~be my light', rank: null, anime: { mal: { status: 'AIRING', broadcast: { string: 'Unknown' } } } }],
    });
    expect(replay.requests[0]?.query.get('filter')).toBe('monday');
  });

  it('malRandom, malGenres and malRecentRecommendations', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      `{ malRandom { malId title anime { malId mal { year season format } } }
         malGenres(kind: GENRES) { malId name url count }
         malRecentRecommendations { nodes { id content date username entries { title anime { malId } } } pagination { hasNextPage lastVisiblePage } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.malRandom).toEqual({
      malId: 44026,
      title: 'Zannen na Ikimono Jiten (2019)',
      anime: { malId: 44026, mal: { year: 2019, season: 'SUMMER', format: 'TV' } },
    });
    const genres = result.data?.malGenres as Array<{ name: string }>;
    expect(genres).toHaveLength(76);
    expect(genres[0]).toEqual({ malId: 1, name: 'Action', url: 'https://myanimelist.net/anime/genre/1/Action', count: 4447 });
    expect(replay.requests.find((r) => r.path === '/v4/genres/anime')?.query.get('filter')).toBe('genres');
    expect(result.data?.malRecentRecommendations).toEqual({
      nodes: [
        {
          id: '22135-31646',
          content: 'Another hidden gem with great character dynamics and explores a rather underhyped sport',
          date: '2022-02-20T14:53:29+00:00',
          username: 'USER_1',
          entries: [
            { title: 'Ping Pong the Animation', anime: { malId: 22135 } },
            { title: '3-gatsu no Lion', anime: { malId: 31646 } },
          ],
        },
      ],
      pagination: { hasNextPage: true, lastVisiblePage: 20 },
    });
  });

  it('malCharacter and malPerson read the character and person pages', async () => {
    const schema = await jikanSchema();
    const result = await run(
      schema,
      `{ malCharacter(id: 36765) { malId name nicknames favorites url images { jpg { imageUrl } } anime { title } voices { language } about }
         malPerson(id: 1) { malId name givenName familyName alternateNames birthday favorites about images { jpg { imageUrl } } anime { title } voices { title } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.malCharacter).toMatchObject({
      malId: 36765,
      name: 'Kazuto Kirigaya',
      nicknames: ['Kirito', 'The Black Swordsman', 'Beater', 'Kazu'],
      favorites: 38444,
      url: 'https://myanimelist.net/character/36765/Kazuto_Kirigaya',
      images: { jpg: { imageUrl: 'https://cdn.myanimelist.net/images/characters/7/204821.jpg' } },
      anime: [],
      voices: [],
    });
    expect(result.data?.malPerson).toMatchObject({
      malId: 1,
      name: 'Tomokazu Seki',
      givenName: '智一',
      familyName: '関',
      alternateNames: ['Seki Mondoya', '門戸 開', 'Monto Hiraku'],
      birthday: '1972-09-08T00:00:00+00:00',
      favorites: 5772,
      about: 'Hometown: Tokyo, Japan\nBlood type: AB\n\nTwitter: @seki0908',
      images: { jpg: { imageUrl: 'https://cdn.myanimelist.net/images/voiceactors/1/55486.jpg' } },
    });
  });

  it('rejects a page below 1 and a limit above 25 as BAD_USER_INPUT without calling MAL', async () => {
    const schema = await jikanSchema();
    const result = await run(schema, '{ a: malTop(limit: 50) { nodes { malId } } b: malSeasonNow(page: 0) { nodes { malId } } }');
    expect(result.data).toEqual({ a: null, b: null });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(replay.requests).toHaveLength(0);
  });
});

describe('when Jikan fails', () => {
  it('returns partial data: the failing field is null and the error says SOURCE_UNAVAILABLE from jikan', async () => {
    const schema = await jikanSchema();
    replay.fault({ path: '/v4/anime/1/characters' }, { status: 503 });
    const result = await run(schema, entity('title score characters { role }'), { malId: 1 });
    expect(result.data?._entities).toEqual([{ malId: 1, mal: { title: 'Cowboy Bebop', score: 8.75, characters: null } }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'mal', 'characters']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'jikan' });
  });

  it('reports a malformed body as SOURCE_BAD_RESPONSE', async () => {
    const schema = await jikanSchema();
    replay.fault({ path: '/v4/anime/1/full' }, { garbage: true });
    const result = await run(schema, entity('title'), { malId: 1 });
    expect(result.data?._entities).toEqual([{ malId: 1, mal: null }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'jikan' });
  });

  it('reports 429 as SOURCE_RATE_LIMITED on a list query', async () => {
    const schema = await jikanSchema();
    replay.fault({ path: '/v4/seasons/now' }, { status: 429 });
    const result = await run(schema, '{ malSeasonNow { nodes { malId } } }');
    expect(result.data?.malSeasonNow).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_RATE_LIMITED', source: 'jikan' });
  });

  it('resolves mal to null, without an error, for an anime MAL does not have', async () => {
    const schema = await jikanSchema();
    const result = await run(schema, entity('title'), { malId: 999999 });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ malId: 999999, mal: null }]);
  });

  it('never sends more than 3 requests a second (Jikan’s published limit)', async () => {
    const schema = await jikanSchema();
    const ids = [101, 102, 103, 104, 105, 106, 107];
    const result = await run(schema, `{ _entities(representations: [${ids.map((id) => `{ __typename: "Anime", malId: ${id} }`).join(',')}]) { ... on Anime { mal { title } } } }`);
    expect(result.errors).toBeUndefined();
    const times = replay.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(ids.length);
    for (let i = 3; i < times.length; i += 1) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(950);
  });
});
