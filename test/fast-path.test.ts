// The embedded gateway's single-fetch fast path (gateway/fast-path.ts) answers exactly what the
// query planner answers: every persisted operation (with and without upstream fields) and a set of
// ad-hoc queries (errors, fragments, aliases, variables, introspection) run on two servers over the
// same catalog and recorded upstreams, one with the fast path and one without, and the full HTTP
// responses (status, data, errors, extensions) are compared.
import { readdir, readFile } from 'node:fs/promises';
import { buildSchema, parse } from 'graphql';
import { createApp } from '../gateway/app.js';
import { readSupergraph } from '../gateway/compose.js';
import { buildSubgraphSchemas } from '../gateway/subgraphs.js';
import { fieldOwners, singleSubgraphOf } from '../gateway/fast-path.js';
import type { ReplayServer } from './replay/server.js';
import { request, type TestApp } from './support/app.js';
import { SAMPLE_VARIABLES } from './support/operation-samples.js';
import { RECORDED_SCHEDULE_NOW, startRecordedUpstreams } from './support/replay-bebop.js';

let replay: ReplayServer;
let fast: TestApp;
let planned: TestApp;
let operations: Array<{ name: string; source: string }>;

const ADHOC: Array<{ label: string; query: string; variables?: Record<string, unknown> }> = [
  { label: 'lookup with aliases and __typename', query: '{ a: anime(malId: 1) { __typename title year } b: anime(malId: 5) { title format } }' },
  { label: 'fragments and variables with defaults', query: 'query Q($q: String = "monster") { search(query: $q, first: 2) { totalCount nodes { ...F } } } fragment F on Anime { id title synonyms }' },
  { label: 'an unknown id answers null', query: '{ anime(malId: 99999999) { title } }' },
  { label: 'bad input is a typed error', query: '{ anime(id: "nonsense") { title } }' },
  { label: 'an over-long search is refused', query: `{ search(query: "${'x'.repeat(300)}") { totalCount } }` },
  { label: 'variables of the wrong type', query: 'query Q($id: Int!) { anime(malId: $id) { title } }', variables: { id: 'one' } },
  { label: 'a missing operation name among several', query: 'query A { anime(malId: 1) { title } } query B { anime(malId: 5) { title } }' },
  { label: 'introspection', query: '{ __type(name: "Anime") { name fields { name } } }' },
  { label: 'a catalog field beside an upstream one', query: '{ anime(malId: 1) { title mal { score } } }' },
  { label: 'similarity next to the catalog', query: '{ anime(id: "mal:199") { title similar(first: 2) { nodes { anime { title } score } } } }' },
];

beforeAll(async () => {
  const upstreams = await startRecordedUpstreams();
  replay = upstreams.replay;
  const start = async (fastPath: boolean, catalog?: TestApp['catalog']) => {
    // The similarity index is built when first asked, not in the background of each server.
    const config = { ...upstreams.config, GATEWAY_FAST_PATH: fastPath, SIMILARITY_WARM: false };
    const created = await createApp({ logger: false, config, now: () => RECORDED_SCHEDULE_NOW, ...(catalog ? { catalog } : {}) });
    return { ...created, url: await created.app.listen({ port: 0, host: '127.0.0.1' }) };
  };
  fast = await start(true);
  planned = await start(false, fast.catalog);
  const files = (await readdir('schema/operations')).filter((f) => f.endsWith('.graphql'));
  operations = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(`schema/operations/${file}`, 'utf8');
      return { name: source.match(/^query\s+(\w+)/m)![1]!, source };
    }),
  );
}, 180_000);

afterAll(async () => {
  await fast?.close();
  await planned?.close();
  await replay?.close();
});

async function both(query: string, variables: Record<string, unknown> = {}) {
  const ask = async (app: TestApp) => {
    const response = await request(app, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': 'fast-path-test' }, body: JSON.stringify({ query, variables }) });
    // When each server's own kit fetched an upstream answer depends on when it was asked, not on
    // the path taken.
    const timeless = response.text.replace(/"ageSeconds":\d+/g, '"ageSeconds":0').replace(/"fetchedAt":"[^"]*"/g, '"fetchedAt":"-"');
    const body = JSON.parse(timeless) as Record<string, unknown>;
    return { status: response.status, body };
  };
  return { fast: await ask(fast), planned: await ask(planned) };
}

describe('the fast path answers as the planner does', () => {
  it('for every persisted operation, with and without upstream fields', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const { name, source } of operations) {
      const sample = { ...SAMPLE_VARIABLES[name] };
      if (typeof sample['image'] === 'string') sample['image'] = `data:image/jpeg;base64,${(await readFile(sample['image'] as string)).toString('base64')}`;
      for (const variables of 'enhance' in sample ? [sample, { ...sample, enhance: false }] : [sample]) {
        const answers = await both(source, variables);
        expect({ name, variables, ...answers.fast }).toEqual({ name, variables, ...answers.planned });
      }
    }
  }, 120_000);

  it.each(ADHOC)('for $label', async ({ query, variables }) => {
    const answers = await both(query, variables);
    expect(answers.fast).toEqual(answers.planned);
  });
});

describe('which operations take the fast path', () => {
  it('those one in-process subgraph answers alone, and no others', async () => {
    const owners = fieldOwners(await readSupergraph());
    const api = buildSchema(await readFile('schema/api.graphql', 'utf8'));
    const local = await buildSubgraphSchemas({ catalog: fast.catalog!, upstream: fast.upstream, config: fast.config, now: () => RECORDED_SCHEDULE_NOW, execute: fast.execute }, ['catalog', 'jikan']);
    const route = (query: string, operationName?: string) => singleSubgraphOf(api, parse(query), operationName, owners, local);
    expect(route('{ anime(malId: 1) { title year tags } }')).toBe('catalog');
    expect(route('{ search(query: "x") { nodes { title } } }')).toBe('catalog');
    // A source's field, a merged (universal, @requires) field, and introspection go to the planner.
    expect(route('{ anime(malId: 1) { title mal { score } } }')).toBeNull();
    expect(route('{ anime(malId: 1) { ratings { source } } }')).toBeNull();
    expect(route('{ __schema { queryType { name } } }')).toBeNull();
    // Only the named operation counts.
    const two = 'query A { anime(malId: 1) { title } } query B { anime(malId: 1) { mal { score } } }';
    expect(route(two, 'A')).toBe('catalog');
    expect(route(two, 'B')).toBeNull();
  });
});

describe('the response cache of catalog-only answers', () => {
  const health = async () => (await request(fast, '/health')).json().responseCache as { hits: number; misses: number; entries: number };
  const post = async (query: string, variables: Record<string, unknown> = {}) =>
    (await request(fast, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).text;

  it('answers a repeated catalog operation from memory, the same bytes, per variables', async () => {
    const query = 'query Find($q: String!) { search(query: $q, first: 3) { totalCount nodes { id title } } }';
    const before = await health();
    const first = await post(query, { q: 'hajime no ippo' });
    const again = await post(query, { q: 'hajime no ippo' });
    const other = await post(query, { q: 'initial d' });
    const after = await health();
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses - before.misses).toBe(2);
    expect(planned.config.GATEWAY_FAST_PATH).toBe(false);
    expect((await request(planned, '/health')).json().responseCache).toBeNull();
  });

  it('keeps neither errors nor anything an upstream answered', async () => {
    const before = await health();
    await post('{ anime(id: "nonsense") { title } }');
    await post('{ anime(id: "nonsense") { title } }');
    await post('{ anime(malId: 1) { title mal { score } } }');
    await post('{ anime(malId: 1) { title mal { score } } }');
    const after = await health();
    expect(after.hits - before.hits).toBe(0);
    // The two errors were executed (misses); the upstream operation never reached the cache.
    expect(after.misses - before.misses).toBe(2);
  });
});
