// HTTP statuses of /graphql over real HTTP: a request rejected before execution answers 400 (never
// 500) with `{ errors: [{ message, extensions: { code } }] }` and no `data`; one that executed
// answers 200, field errors included. App.execute (MCP, NLQ) reports the same codes.
import { postGraphQL, request, startTestApp, type GraphQLResponseBody, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(() => app?.close());

/** `anime(malId) { related { anime { … id } } }`, `depth` selections deep (odd depths round down). */
function nestedQuery(depth: number): string {
  const pairs = Math.floor((depth - 2) / 2);
  return `{ anime(malId: 16498) { ${'related { anime { '.repeat(pairs)}id${' } }'.repeat(pairs)} } }`;
}

const PREFLIGHT = { 'apollo-require-preflight': 'true' };

function rawPost(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return request(app, '/graphql', { method: 'POST', body, headers });
}

function getGraphQL(query: string, headers: Record<string, string> = PREFLIGHT) {
  return request(app, `/graphql?query=${encodeURIComponent(query)}`, { headers });
}

function expectRejected(response: { status: number; body: GraphQLResponseBody }, code: string) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.length).toBeGreaterThan(0);
  for (const error of response.body.errors!) {
    expect(typeof error.message).toBe('string');
    expect(error.extensions?.['code']).toBe(code);
  }
}

const parsed = (response: { status: number; json: () => unknown }) => ({ status: response.status, body: response.json() as GraphQLResponseBody });

describe('POST /graphql rejected before execution → 400', () => {
  it('a query 30 selections deep → QUERY_TOO_COMPLEX', async () => {
    const response = await postGraphQL(app, nestedQuery(30));
    expectRejected(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors![0]!.message).toMatch(/depth of 10/);
  });

  it('200 aliases of a paged search → QUERY_TOO_COMPLEX (cost)', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: search(query: "a", first: 25) { nodes { id title } }`).join(' ');
    const response = await postGraphQL(app, `{ ${aliases} }`);
    expectRejected(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors![0]!.message).toMatch(/^Query cost \d+ is above the limit of 5000/);
  });

  it("more selections than the cost counter walks (fragments spread 11⁴ times) → QUERY_TOO_COMPLEX", async () => {
    const fragments = [1, 2, 3, 4].map((n) => `fragment F${n} on CatalogInfo { ${`...F${n - 1} `.repeat(11)}}`).join(' ');
    const response = await postGraphQL(app, `{ catalogInfo { ...F4 } } fragment F0 on CatalogInfo { entries } ${fragments}`);
    expectRejected(response, 'QUERY_TOO_COMPLEX');
  });

  it('a syntax error → GRAPHQL_PARSE_FAILED', async () => {
    expectRejected(await postGraphQL(app, '{ anime(malId: 1) { id }'), 'GRAPHQL_PARSE_FAILED');
  });

  it('an unknown field → GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await postGraphQL(app, '{ anime(malId: 1) { id rating } }');
    expectRejected(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors![0]!.message).toMatch(/"rating"/);
  });

  it('a variable of the wrong type, or a required one missing → BAD_USER_INPUT', async () => {
    const query = 'query($malId: Int!) { anime(malId: $malId) { id } }';
    const wrongType = await postGraphQL(app, query, { malId: 'one' });
    expectRejected(wrongType, 'BAD_USER_INPUT');
    expect(wrongType.body.errors![0]!.message).toMatch(/\$malId/);
    expectRejected(await postGraphQL(app, query, {}), 'BAD_USER_INPUT');
  });

  it('several operations and no name, or an unknown name → INVALID_GRAPHQL', async () => {
    const two = 'query A { catalogInfo { entries } } query B { catalogInfo { entries } }';
    expectRejected(await postGraphQL(app, two), 'INVALID_GRAPHQL');
    const named = await rawPost(JSON.stringify({ query: two, operationName: 'C' }));
    expectRejected(parsed(named), 'INVALID_GRAPHQL');
  });

  it('a mutation the schema does not have → GRAPHQL_VALIDATION_FAILED', async () => {
    expectRejected(await postGraphQL(app, 'mutation { rate(id: "mal:1") }'), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('no query → BAD_REQUEST', async () => {
    expectRejected(parsed(await rawPost(JSON.stringify({ variables: {} }))), 'BAD_REQUEST');
  });

  it('a body that is not JSON, or empty → BAD_REQUEST in the GraphQL error shape', async () => {
    const broken = await rawPost('{"query": "{ catalogInfo { entries } }"');
    expect(broken.headers.get('content-type')).toMatch(/^application\/json/);
    expectRejected(parsed(broken), 'BAD_REQUEST');
    expectRejected(parsed(await rawPost('')), 'BAD_REQUEST');
  });

  it('a body of a type nobody parses keeps 415, in the GraphQL error shape', async () => {
    const response = await rawPost('<query/>', { 'content-type': 'application/xml' });
    expect(response.status).toBe(415);
    expect(response.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('application/graphql-response+json (graphql-http audits)', () => {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

  it('validation failure → 400, no data, the accepted content type', async () => {
    const response = await rawPost(JSON.stringify({ query: '{ notAField }' }), headers);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expectRejected(parsed(response), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('JSON parsing failure → 400, the accepted content type', async () => {
    const response = await rawPost('{ "not a JSON', headers);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expectRejected(parsed(response), 'BAD_REQUEST');
  });

  it('a query over the limits → 400', async () => {
    expectRejected(parsed(await rawPost(JSON.stringify({ query: nestedQuery(30) }), headers)), 'QUERY_TOO_COMPLEX');
  });
});

describe('executed requests stay 200, field errors included', () => {
  it('an unknown id → 200 with data and NOT_FOUND', async () => {
    const { status, body } = await postGraphQL(app, '{ anime(id: "nope") { id } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ anime: null });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('a resolver rejecting its arguments → 200 with data and BAD_USER_INPUT', async () => {
    const { status, body } = await postGraphQL(app, '{ anime(malId: 1, anilistId: 1) { id } catalogInfo { entries } }');
    expect(status).toBe(200);
    expect(body.data!['anime']).toBeNull();
    expect(body.data!['catalogInfo'].entries).toBeGreaterThan(9000);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('GET /graphql?query= (with a CSRF preflight header, as Apollo requires)', () => {
  it('runs a query → 200', async () => {
    const response = await getGraphQL('{ anime(malId: 1) { id malId } }');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ data: { anime: { id: 'mal:1', malId: 1 } } });
    expect(response.json().errors).toBeUndefined();
  });

  it('a query over the limits → 400 QUERY_TOO_COMPLEX', async () => {
    expectRejected(parsed(await getGraphQL(nestedQuery(30))), 'QUERY_TOO_COMPLEX');
  });

  it('no query → 400 BAD_REQUEST', async () => {
    expectRejected(parsed(await request(app, '/graphql', { headers: { ...PREFLIGHT, accept: 'application/json' } })), 'BAD_REQUEST');
  });

  it('a mutation keeps Apollo’s 405', async () => {
    const response = await getGraphQL('mutation { removeFromWatchlist(animeId: "mal:1") }');
    expect(response.status).toBe(405);
    expect(response.json().errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('App.execute (MCP, NLQ) reports the same codes', () => {
  it.each([
    ['QUERY_TOO_COMPLEX', nestedQuery(30), {}],
    ['GRAPHQL_PARSE_FAILED', '{ anime(malId: 1) { id }', {}],
    ['GRAPHQL_VALIDATION_FAILED', '{ anime(malId: 1) { id rating } }', {}],
    ['BAD_USER_INPUT', 'query($malId: Int!) { anime(malId: $malId) { id } }', { malId: 'one' }],
  ])('%s', async (code, query, variables) => {
    const outcome = await app.execute(query, variables);
    expect(outcome.data).toBeNull();
    expect(outcome.errors?.[0]?.extensions?.['code']).toBe(code);
  });

  it('a field error comes back beside the data', async () => {
    const outcome = await app.execute('{ anime(id: "nope") { id } }');
    expect(outcome.data).toEqual({ anime: null });
    expect(outcome.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
