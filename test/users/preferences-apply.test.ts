// Preferences apply by default (src/users/preferences.ts), through the real app on the real catalog
// (upstreams replayed from recordings) with the SQLite store (the core again on PostgreSQL): adult
// entries leave search, `ask` and the similarity lists of a user who has not allowed them, titles
// follow titleLanguage, streaming offers the region, schedules and AniList's airing times the time
// zone; an explicit argument beats the preference; and the gateway's response cache and HTTP
// caching never hand one caller's answer to another.
// Real entries: "A Kite" (mal:320, tagged hentai), "Kimi no Na wa." (mal:32281, English "Your
// Name."), Cowboy Bebop (mal:1: Netflix without regions, bilibili in CN, U-NEXT in JP).
import type { App } from '../../gateway/app.js';
import { accessHarness, call, json, type Harness } from '../auth/support.js';
import { describeWithPart } from '../support/system-parts.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';

let harness: Harness;
let app: App;
let origin: string;
beforeAll(async () => {
  harness = await accessHarness();
  ({ app, origin } = await harness.start());
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

const KITE = 'mal:320';
const SEARCH = `query SearchKite($query: String, $filter: AnimeFilter) { search(query: $query, filter: $filter, first: 20) { totalCount nodes { id title } } }`;
const UPDATE = `mutation P($input: PreferencesInput!) { updatePreferences(input: $input) { nsfwAllowed titleLanguage region timeZone genresAvoided } }`;

const graphql = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
  const res = await call(origin, '/graphql', { ...json({ query, variables }), ...(key ? { key } : {}) });
  expect(res.body.errors).toBeUndefined();
  return res.body.data as Record<string, any>;
};
const signUp = async () => (await call(origin, '/api/users', { method: 'POST' })).body as { userId: string; apiKey: string };
const ids = (data: Record<string, any>) => (data['search'].nodes as Array<{ id: string }>).map((n) => n.id);
const cacheStats = async () => (await call(origin, '/health')).body.responseCache as { hits: number; misses: number; entries: number };

describe('adult entries', () => {
  it('a user who has not allowed them does not get an adult entry in search that an anonymous request gets; allowing them, or asking by tag, brings it back', async () => {
    const alice = await signUp();
    const anonymous = await graphql(SEARCH, { query: 'A Kite' });
    expect(ids(anonymous)).toContain(KITE);
    // Defaults: nsfwAllowed false.
    const filtered = await graphql(SEARCH, { query: 'A Kite' }, alice.apiKey);
    expect(ids(filtered)).not.toContain(KITE);
    expect(filtered['search'].totalCount).toBeLessThan(anonymous['search'].totalCount);
    // The explicit argument beats the preference: asking for the tag by name is asking for them.
    expect(ids(await graphql(SEARCH, { query: 'A Kite', filter: { tagsInclude: ['hentai'] } }, alice.apiKey))).toContain(KITE);
    // Browsing (no title words) leaves them out too.
    const browse = await graphql(`{ search(filter: { yearFrom: 1998, yearTo: 1998 }, first: 0) { totalCount } }`, {}, alice.apiKey);
    const browseAll = await graphql(`{ search(filter: { yearFrom: 1998, yearTo: 1998 }, first: 0) { totalCount } }`);
    expect(browse['search'].totalCount).toBeLessThan(browseAll['search'].totalCount);

    await graphql(UPDATE, { input: { nsfwAllowed: true } }, alice.apiKey);
    expect(ids(await graphql(SEARCH, { query: 'A Kite' }, alice.apiKey))).toContain(KITE);
  });

  it('ask answers run as the caller: the same question leaves the adult entry out for a user who has not allowed it', async () => {
    const bob = await signUp();
    // Both read as SearchAnime (by title words; by genres and year), which lists "A Kite" to anonymous callers.
    for (const text of ['kite', 'police action anime from 1998']) {
      const ASK = `query Ask($text: String!) { ask(text: $text) { operation variables result } }`;
      const anonymous = await graphql(ASK, { text });
      expect(anonymous['ask'].operation).toBe('SearchAnime');
      expect(JSON.stringify(anonymous['ask'].result)).toContain(`"${KITE}"`);
      const personal = await graphql(ASK, { text }, bob.apiKey);
      expect(personal['ask']).toMatchObject({ operation: 'SearchAnime', variables: anonymous['ask'].variables });
      expect(JSON.stringify(personal['ask'].result)).not.toContain(`"${KITE}"`);
    }
  });
});

describe('REST runs as the caller', () => {
  it('the REST search and question routes leave the adult entry out for a user who has not allowed it, and keep it for anonymous callers', async () => {
    const carol = await signUp();
    const restIds = (body: any) => (body.data.search.nodes as Array<{ id: string }>).map((n) => n.id);
    const anonymous = await call(origin, '/api/search?q=A%20Kite&first=20');
    expect(anonymous.status).toBe(200);
    expect(restIds(anonymous.body)).toContain(KITE);
    const personal = await call(origin, '/api/search?q=A%20Kite&first=20', { key: carol.apiKey });
    expect(personal.status).toBe(200);
    expect(restIds(personal.body)).not.toContain(KITE);
    // The natural-language route and a batch item too.
    const asked = await call(origin, '/api/query', { ...json({ query: 'kite' }), key: carol.apiKey });
    expect(asked.status).toBe(200);
    expect(asked.body.operation).toBe('SearchAnime');
    expect(JSON.stringify(asked.body.answer)).not.toContain(`"${KITE}"`);
    const batch = await call(origin, '/api/batch', { ...json({ items: [{ operation: 'SearchAnime', variables: { query: 'A Kite', first: 20 } }] }), key: carol.apiKey });
    expect(batch.status).toBe(200);
    expect(JSON.stringify(batch.body.results[0].data)).not.toContain(`"${KITE}"`);
    expect(JSON.stringify((await call(origin, '/api/batch', json({ items: [{ operation: 'SearchAnime', variables: { query: 'A Kite', first: 20 } }] }))).body.results[0].data)).toContain(`"${KITE}"`);
  });
});

describe('titles, streaming, schedules', () => {
  it('titleLanguage ENGLISH gives titleEnglish as `title` (the display title when there is none); anonymous answers keep the display title', async () => {
    const carol = await signUp();
    const QUERY = `{ a: anime(malId: 32281) { title titleEnglish } b: anime(malId: 1) { title } }`;
    expect(await graphql(QUERY)).toEqual({ a: { title: 'Kimi no Na wa.', titleEnglish: 'Your Name.' }, b: { title: 'Cowboy Bebop' } });
    await graphql(UPDATE, { input: { titleLanguage: 'ENGLISH' } }, carol.apiKey);
    expect(await graphql(QUERY, {}, carol.apiKey)).toEqual({ a: { title: 'Your Name.', titleEnglish: 'Your Name.' }, b: { title: 'Cowboy Bebop' } });
    // Through search (the fast path) and through federation (entities of another subgraph).
    expect((await graphql(SEARCH, { query: 'kimi no na wa' }, carol.apiKey))['search'].nodes[0]).toEqual({ id: 'mal:32281', title: 'Your Name.' });
    await graphql(UPDATE, { input: { titleLanguage: 'JAPANESE' } }, carol.apiKey);
    expect((await graphql(QUERY, {}, carol.apiKey))['a'].title).toBe('君の名は。');
    // ROMAJI: the reading is the display title's own spelling here, so the display title stays.
    await graphql(UPDATE, { input: { titleLanguage: 'ROMAJI' } }, carol.apiKey);
    expect((await graphql(QUERY, {}, carol.apiKey))['a'].title).toBe('Kimi no Na wa.');
    expect((await graphql(QUERY))['a'].title).toBe('Kimi no Na wa.');
  });

  it('region keeps the offers of the user\'s country (and those without region data); an explicit region wins', async () => {
    const dave = await signUp();
    const OFFERS = `query O($region: String) { anime(malId: 1) { streamingOffers(region: $region) { service regions } } }`;
    const services = (data: Record<string, any>) => (data['anime'].streamingOffers as Array<{ service: string }>).map((o) => o.service);
    const all = services(await graphql(OFFERS));
    expect(all).toEqual(expect.arrayContaining(['netflix', 'bilibili', 'unext']));
    await graphql(UPDATE, { input: { region: 'JP' } }, dave.apiKey);
    const jp = services(await graphql(OFFERS, {}, dave.apiKey));
    expect(jp).toEqual(expect.arrayContaining(['netflix', 'unext']));
    expect(jp).not.toContain('bilibili');
    expect(services(await graphql(OFFERS, { region: 'CN' }, dave.apiKey))).toContain('bilibili');
    expect(services(await graphql(OFFERS))).toEqual(all);
  });

  it('schedules render in the user\'s time zone unless `timezone` is given', async () => {
    const erin = await signUp();
    const SCHEDULE = `query S($tz: String) { anime(malId: 1) { schedule(timezone: $tz) { slug timezone } } }`;
    expect((await graphql(SCHEDULE))['anime'].schedule.timezone).toBe('UTC');
    await graphql(UPDATE, { input: { timeZone: 'Europe/Berlin' } }, erin.apiKey);
    expect((await graphql(SCHEDULE, {}, erin.apiKey))['anime'].schedule.timezone).toBe('Europe/Berlin');
    expect((await graphql(SCHEDULE, { tz: 'Asia/Tokyo' }, erin.apiKey))['anime'].schedule.timezone).toBe('Asia/Tokyo');
  });
});

describe('AniList airing times', () => {
  let replay: ReplayServer;
  let conanOrigin: string;
  beforeAll(async () => {
    // A second app whose AniList is a replay of Meitantei Conan (Media 235, RELEASING, next episode
    // at 1682758800 = 2023-04-29T09:00:00Z; test/fixtures/upstream/PROVENANCE.md).
    replay = await startReplayServer();
    replay.route({ method: 'POST', path: '/anilist/', file: 'test/fixtures/upstream/anilist/modb_anilist_235_meitantei_conan.json' });
    ({ origin: conanOrigin } = await harness.start({ ANILIST_URL: `${replay.url}/anilist` }));
  }, 60_000);
  afterAll(async () => {
    await replay?.close();
  });

  it("airingAtLocal renders the next episode in the user's time zone unless `timezone` is given", async () => {
    const QUERY = `query A($tz: String) { anime(anilistId: 235) { anilist { nextAiringEpisode { airingAt airingAtIso airingAtLocal(timezone: $tz) } } } }`;
    const run = async (variables: Record<string, unknown>, key?: string) => {
      const res = await call(conanOrigin, '/graphql', { ...json({ query: QUERY, variables }), ...(key ? { key } : {}) });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.anime.anilist.nextAiringEpisode as { airingAt: number; airingAtIso: string; airingAtLocal: string };
    };
    expect(await run({})).toEqual({ airingAt: 1682758800, airingAtIso: '2023-04-29T09:00:00.000Z', airingAtLocal: '2023-04-29T09:00:00Z' });
    const user = (await call(conanOrigin, '/api/users', { method: 'POST' })).body as { apiKey: string };
    await call(conanOrigin, '/graphql', { ...json({ query: UPDATE, variables: { input: { timeZone: 'Asia/Tokyo' } } }), key: user.apiKey });
    expect((await run({}, user.apiKey)).airingAtLocal).toBe('2023-04-29T18:00:00+09:00');
    expect((await run({ tz: 'Europe/Berlin' }, user.apiKey)).airingAtLocal).toBe('2023-04-29T11:00:00+02:00');
  });
});

describe('caches never cross callers', () => {
  it("the response cache neither serves a user another caller's answer nor keeps a user's answer for others", async () => {
    const frank = await signUp();
    const grace = await signUp();
    await graphql(UPDATE, { input: { titleLanguage: 'ENGLISH' } }, grace.apiKey);
    const QUERY = `query CacheProbe($q: String) { search(query: $q, first: 20) { nodes { id title } } }`;
    const variables = { q: 'kite' };
    const before = await cacheStats();
    // Anonymous twice: the second is a hit.
    const anonymous = await graphql(QUERY, variables);
    expect(await graphql(QUERY, variables)).toEqual(anonymous);
    expect((await cacheStats()).hits).toBe(before.hits + 1);
    const withKite = (data: Record<string, any>) => (data['search'].nodes as Array<{ id: string }>).some((n) => n.id === KITE);
    expect(withKite(anonymous)).toBe(true);
    // Users: not served the cached anonymous answer, and their answers are not kept.
    const afterAnonymous = await cacheStats();
    expect(withKite(await graphql(QUERY, variables, frank.apiKey))).toBe(false);
    expect(withKite(await graphql(QUERY, variables, grace.apiKey))).toBe(false);
    const yourName = await graphql(`query CacheProbe2 { anime(malId: 32281) { title } }`, {}, grace.apiKey);
    expect(yourName['anime'].title).toBe('Your Name.');
    expect(await cacheStats()).toEqual(afterAnonymous);
    // After the users' requests, anonymous callers still get the unfiltered, display-title answers.
    expect(await graphql(QUERY, variables)).toEqual(anonymous);
    expect((await graphql(`query CacheProbe2 { anime(malId: 32281) { title } }`))['anime'].title).toBe('Kimi no Na wa.');
    expect((await graphql(`query CacheProbe2 { anime(malId: 32281) { title } }`, {}, frank.apiKey))['anime'].title).toBe('Kimi no Na wa.');
  });

  it('a GET answer to a user key is no-store (no ETag); the anonymous one stays publicly cacheable', async () => {
    const heidi = await signUp();
    const url = `/graphql?query=${encodeURIComponent('{ search(query: "kite", first: 5) { nodes { id } } }')}`;
    const headers = { accept: 'application/json', 'apollo-require-preflight': 'true' };
    const anonymous = await call(origin, url, { headers });
    expect(anonymous.headers.get('cache-control')).toMatch(/^public/);
    const personal = await call(origin, url, { headers, key: heidi.apiKey });
    expect(personal.status).toBe(200);
    expect(personal.headers.get('cache-control')).toBe('no-store');
    expect(personal.headers.get('etag')).toBeNull();
    expect(JSON.stringify(personal.body)).not.toContain(KITE);
  });
});

describe('similarity lists', () => {
  it('semanticSearch leaves adult entries out by default and brings them for a user who allowed them; includeAdult: false wins', async () => {
    const ivan = await signUp();
    const QUERY = `query Sem($filter: SimilarityFilter) { semanticSearch(text: "hentai", first: 20, filter: $filter) { anime { id tags } } }`;
    const adultIn = (data: Record<string, any>) => (data['semanticSearch'] as Array<{ anime: { tags: string[] } }>).filter((r) => r.anime.tags.includes('hentai')).length;
    expect(adultIn(await graphql(QUERY))).toBe(0);
    expect(adultIn(await graphql(QUERY, {}, ivan.apiKey))).toBe(0);
    const anyAdult = adultIn(await graphql(QUERY, { filter: { includeAdult: true } }));
    expect(anyAdult).toBeGreaterThan(0);
    await graphql(UPDATE, { input: { nsfwAllowed: true } }, ivan.apiKey);
    expect(adultIn(await graphql(QUERY, {}, ivan.apiKey))).toBe(anyAdult);
    expect(adultIn(await graphql(QUERY, { filter: { includeAdult: false } }, ivan.apiKey))).toBe(0);
  }, 300_000);

  it('similar leaves out the genres a user avoids', async () => {
    const judy = await signUp();
    const QUERY = `{ anime(malId: 1) { similar(first: 10) { anime { id tags } } } }`;
    const results = (data: Record<string, any>) => data['anime'].similar as Array<{ anime: { id: string; tags: string[] } }>;
    const anonymous = results(await graphql(QUERY));
    const avoided = anonymous.flatMap((r) => r.anime.tags).find((t) => t === 'comedy') ?? anonymous[0]!.anime.tags[0]!;
    await graphql(UPDATE, { input: { genresAvoided: [avoided] } }, judy.apiKey);
    const personal = results(await graphql(QUERY, {}, judy.apiKey));
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.every((r) => !r.anime.tags.includes(avoided))).toBe(true);
    expect(anonymous.some((r) => r.anime.tags.includes(avoided))).toBe(true);
  }, 300_000);
});

// The same preferences read from the real PostgreSQL (a fresh schema through DATABASE_SCHEMA, dropped after).
const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'preferences on PostgreSQL (test/users/preferences-apply.test.ts)')('preferences on PostgreSQL', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('prefs_apply');
  let pgOrigin: string;
  beforeAll(async () => {
    ({ origin: pgOrigin } = await harness.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema }));
  }, 60_000);
  afterAll(async () => {
    await dropSchema(url, schema);
  });

  it('adult entries leave search and titles follow titleLanguage for the user only; anonymous answers stay as they were', async () => {
    const ask = async (query: string, variables: Record<string, unknown>, key?: string) => (await call(pgOrigin, '/graphql', { ...json({ query, variables }), ...(key ? { key } : {}) })).body.data as Record<string, any>;
    const user = (await call(pgOrigin, '/api/users', { method: 'POST' })).body as { apiKey: string };
    expect(ids(await ask(SEARCH, { query: 'A Kite' }))).toContain(KITE);
    expect(ids(await ask(SEARCH, { query: 'A Kite' }, user.apiKey))).not.toContain(KITE);
    await ask(UPDATE, { input: { titleLanguage: 'ENGLISH', nsfwAllowed: true } }, user.apiKey);
    expect(ids(await ask(SEARCH, { query: 'A Kite' }, user.apiKey))).toContain(KITE);
    const TITLE = `{ anime(malId: 32281) { title } }`;
    expect((await ask(TITLE, {}, user.apiKey))['anime'].title).toBe('Your Name.');
    expect((await ask(TITLE, {}))['anime'].title).toBe('Kimi no Na wa.');
  });
});

it('the app is the one under test', () => {
  expect(app.catalog?.byId(KITE)?.tags).toContain('hentai');
});
