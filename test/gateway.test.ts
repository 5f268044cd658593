// End-to-end through the embedded gateway on the real catalog: lookups, entity resolution by
// platform key, correlation ids, and clear typed errors for bad input.
import { execute, parse } from 'graphql';
import { buildCatalogSchema } from '../subgraphs/catalog/schema.js';
import { postGraphQL, request, startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(() => app?.close());

describe('embedded gateway', () => {
  it('enters by malId and reads catalog fields through the gateway', async () => {
    const { status, body } = await postGraphQL(app, '{ anime(malId: 16498) { id title titleJapanese malId anilistId anidbId annId kitsuId animePlanetId format year season } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // Ids as the AOD sample entry "Shingeki no Kyojin" lists them in its sources.
    expect(body.data!.anime).toMatchObject({
      id: 'mal:16498',
      title: 'Shingeki no Kyojin',
      titleJapanese: '進撃の巨人',
      malId: 16498,
      anilistId: 16498,
      anidbId: 9541,
      annId: 14950,
      kitsuId: 7442,
      animePlanetId: 'attack-on-titan',
      format: 'TV',
      year: 2013,
      season: 'SPRING',
    });
  });

  it('resolves Anime entity references by any platform key, as the gateway asks other subgraphs', async () => {
    const schema = await buildCatalogSchema(app.catalog!);
    const result = await execute({
      schema,
      document: parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { id title } } }'),
      variableValues: {
        r: [
          { __typename: 'Anime', malId: 1 },
          { __typename: 'Anime', anidbId: 9541 },
          { __typename: 'Anime', animePlanetId: 'attack-on-titan' },
          { __typename: 'Anime', malId: 999999999 },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!['_entities']).toEqual([
      { id: 'mal:1', title: 'Cowboy Bebop' },
      { id: 'mal:16498', title: 'Shingeki no Kyojin' },
      { id: 'mal:16498', title: 'Shingeki no Kyojin' },
      null,
    ]);
  });

  it("shows MyAnimeList's title with its popularity, the Japanese title in its own field (MAL 12189)", async () => {
    const { body } = await postGraphQL(app, '{ anime(malId: 12189) { id title titleJapanese popularity score tags } }');
    expect(body.errors).toBeUndefined();
    // From the MAL 2016 CSV row "12189,Hyouka,"Mystery, School, Slice of Life",TV,22,8.17,372246".
    expect(body.data!.anime).toEqual({ id: 'mal:12189', title: 'Hyouka', titleJapanese: '氷菓', popularity: 372246, score: 8.17, tags: ['mystery', 'school', 'slice of life'] });
  });

  it('executes in-process with the same limits as /graphql (App.execute)', async () => {
    const ok = await app.execute('query($id: ID) { anime(id: $id) { id title } }', { id: 'anidb:23' });
    expect(ok).toEqual({ data: { anime: { id: 'mal:1', title: 'Cowboy Bebop' } } });
    const nested = 'related { anime { '.repeat(8) + 'id' + ' } }'.repeat(8);
    const deep = await app.execute(`{ anime(malId: 16498) { ${nested} } }`);
    expect(deep.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers Query.ask with the operation that ran, its variables and result, and follows up', async () => {
    const ask = 'query($t: String!, $s: String) { ask(text: $t, sessionId: $s) { intent operation variables explanation suggestions result } }';
    const first = await postGraphQL(app, ask, { t: 'watch order of shingeki no kyojin', s: 'gw-1' });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.ask).toMatchObject({ intent: 'franchise', operation: 'GetFranchise', variables: { id: 'mal:16498' } });
    expect(first.body.data!.ask.result.franchise[0]).toMatchObject({ id: 'mal:16498' });
    const followUp = await postGraphQL(app, ask, { t: 'what about the second one?', s: 'gw-1' });
    expect(followUp.body.data!.ask.operation).toBe('GetAnimeById');
    expect(followUp.body.data!.ask.variables.id).toBe(first.body.data!.ask.result.franchise[1].id);
    const empty = await postGraphQL(app, ask, { t: '   ' });
    expect(empty.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('accepts an alias id from another platform', async () => {
    const { body } = await postGraphQL(app, '{ anime(id: "anidb:23") { id malId } }');
    expect(body.data!.anime).toEqual({ id: 'mal:1', malId: 1 });
  });

  it('echoes X-Correlation-ID, and creates one when absent', async () => {
    const given = await postGraphQL(app, '{ catalogInfo { entries } }', {}, { 'x-correlation-id': 'test-run-42' });
    expect(given.headers.get('x-correlation-id')).toBe('test-run-42');
    const created = await postGraphQL(app, '{ catalogInfo { entries } }');
    expect(created.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the catalog on /health', async () => {
    const response = await request(app, '/health');
    expect(response.status).toBe(200);
    const health = response.json();
    expect(health.status).toBe('ok');
    expect(health.catalog.entries).toBeGreaterThan(9000);
    expect(health.catalog.sources.map((s: { provider: string }) => s.provider)).toEqual(['anime-offline-database', 'animestream-movies', 'bangumi-data', 'mal-anime-2016', 'anidb-titles']);
  });
});

describe('bad input gets a clear error with a code', () => {
  const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.['code'];

  it('unknown id → NOT_FOUND with null data', async () => {
    const { body } = await postGraphQL(app, '{ anime(malId: 999999999) { id } }');
    expect(body.data!.anime).toBeNull();
    expect(codeOf(body)).toBe('NOT_FOUND');
  });

  it('no id or two ids → BAD_USER_INPUT', async () => {
    expect(codeOf((await postGraphQL(app, '{ anime { id } }')).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await postGraphQL(app, '{ anime(malId: 1, anilistId: 1) { id } }')).body)).toBe('BAD_USER_INPUT');
  });

  it('invalid filter → BAD_USER_INPUT naming the field', async () => {
    const { body } = await postGraphQL(app, '{ search(filter: { yearFrom: 2020, yearTo: 2000 }) { totalCount } }');
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/yearFrom/);
  });

  it('an enum value that does not exist → validation error', async () => {
    const { status, body } = await postGraphQL(app, '{ search(filter: { formats: [CARTOON] }) { totalCount } }');
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a made-up cursor or a page too large → BAD_USER_INPUT', async () => {
    expect(codeOf((await postGraphQL(app, '{ search(query: "naruto", after: "nope") { totalCount } }')).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await postGraphQL(app, '{ search(query: "naruto", first: 5000) { totalCount } }')).body)).toBe('BAD_USER_INPUT');
  });

  it('a query nested too deep → QUERY_TOO_COMPLEX', async () => {
    const nested = 'related { anime { '.repeat(8) + 'id' + ' } }'.repeat(8);
    const { status, body } = await postGraphQL(app, `{ anime(malId: 16498) { ${nested} } }`);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors![0]!.message).toMatch(/depth/);
  });

  it('a query that costs too much → QUERY_TOO_COMPLEX', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => `f${i}: title`).join(' ');
    const { status, body } = await postGraphQL(app, `{ search(query: "a", first: 100) { nodes { ${fields} } } }`);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors![0]!.message).toMatch(/cost/);
  });

  it('an oversized request body → 413 before any parsing', async () => {
    const query = `{ search(query: "${'a'.repeat(app.config.MAX_BODY_BYTES)}") { totalCount } }`;
    const response = await request(app, '/graphql', { method: 'POST', body: JSON.stringify({ query }), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual({ errors: [{ message: expect.stringMatching(/too large/), extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('a very long search text → BAD_USER_INPUT', async () => {
    const { body } = await postGraphQL(app, `{ search(query: "${'naruto '.repeat(40)}") { totalCount } }`);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });
});
