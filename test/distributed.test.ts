// Distributed mode: the catalog subgraph as its own HTTP service, and a gateway that reaches it
// over loopback HTTP, answering exactly as the embedded mode does.
import { createServer, type Server } from 'node:http';
import { createApp, type App } from '../gateway/app.js';
import { createSubgraphApp } from '../gateway/subgraph-server.js';
import { loadConfig } from '../src/config/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import type { FastifyInstance } from 'fastify';

const QUERY = '{ anime(malId: 16498) { id title malId anidbId related { anime { id } } } search(query: "cowboy bebop", first: 2) { totalCount nodes { id } } }';

let subgraph: FastifyInstance;
let distributed: App;
/** The same distributed gateway without the fast path: every operation through the planner. */
let planned: App;
let embedded: App;
let seenCorrelationIds: string[] = [];
/** The TCP connections requests arrived on, in order. */
let seenSockets: unknown[] = [];
/** The request bodies the catalog received, in order. */
let seenBodies: string[] = [];
let proxy: Server;
let catalogUrl: string;
let sharedCatalog: Awaited<ReturnType<typeof loadCatalog>>;

beforeAll(async () => {
  const config = loadConfig({});
  const catalog = (sharedCatalog = await loadCatalog(config));
  subgraph = await createSubgraphApp('catalog', config, { logger: false, catalog });
  const subgraphUrl = await subgraph.listen({ port: 0, host: '127.0.0.1' });
  // A recording hop in front of the subgraph shows what the gateway sends over the wire.
  proxy = createServer(async (req, res) => {
    seenCorrelationIds.push(String(req.headers['x-correlation-id']));
    seenSockets.push(req.socket);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seenBodies.push(Buffer.concat(chunks).toString('utf8'));
    const upstream = await fetch(`${subgraphUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  const { port } = proxy.address() as { port: number };
  catalogUrl = `http://127.0.0.1:${port}/graphql`;
  distributed = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: `catalog=http://127.0.0.1:${port}/graphql` }) });
  planned = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: `catalog=http://127.0.0.1:${port}/graphql`, GATEWAY_FAST_PATH: 'false' }) });
  embedded = await createApp({ logger: false, config, catalog });
  await Promise.all([distributed, planned, embedded].map((app) => app.app.listen({ port: 0, host: '127.0.0.1' })));
}, 120_000);

afterAll(async () => {
  await Promise.all([distributed?.close(), planned?.close(), embedded?.close(), subgraph?.close()]);
  proxy?.closeAllConnections();
  proxy?.close();
});

async function post(app: App, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}) {
  const address = app.app.server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${address.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
}

async function ask(app: App, headers: Record<string, string> = {}) {
  return (await post(app, { query: QUERY }, headers)).body as { data: { anime: { id: string } }; errors?: unknown[] };
}

describe('distributed mode', () => {
  it('answers through a remote catalog subgraph exactly as the embedded gateway does', async () => {
    expect(distributed.catalog).toBeNull();
    const [remote, local] = await Promise.all([ask(distributed), ask(embedded)]);
    expect(remote.errors).toBeUndefined();
    expect(remote.data.anime.id).toBe('mal:16498');
    expect(remote).toEqual(local);
  });

  it('forwards the correlation id to the subgraph', async () => {
    seenCorrelationIds = [];
    // Variables no other test asks for: a kept answer would never reach the subgraph.
    await post(distributed, { query: 'query ($q: String!) { search(query: $q, first: 1) { totalCount } }', variables: { q: 'trace me seven' } }, { 'x-correlation-id': 'trace-me-7' });
    expect(seenCorrelationIds).toContain('trace-me-7');
  });

  it('sends an operation the catalog answers alone as one request, and keeps the answer a few seconds', async () => {
    const query = 'query ($id: Int!) { anime(malId: $id) { id title year format related { anime { id } } } }';
    seenCorrelationIds = [];
    const first = await post(distributed, { query, variables: { id: 5114 } });
    expect(seenCorrelationIds).toHaveLength(1);
    const again = await post(distributed, { query, variables: { id: 5114 } });
    expect(seenCorrelationIds).toHaveLength(1);
    expect(again).toEqual(first);
    expect(first).toEqual(await post(embedded, { query, variables: { id: 5114 } }));
    expect(distributed.config.REMOTE_ANSWER_TTL_MS).toBeGreaterThan(0);
  });

  it.each([
    { label: 'a lookup and a search in one operation', query: QUERY, variables: {} },
    { label: 'an unknown id', query: '{ anime(id: "nonsense") { title } }', variables: {} },
    { label: 'a search with a filter', query: 'query ($q: String!) { search(query: $q, first: 3, filter: { formats: [TV] }) { totalCount nodes { id title format } } }', variables: { q: 'initial d' } },
    { label: 'a variable of the wrong type', query: 'query ($id: Int!) { anime(malId: $id) { title } }', variables: { id: 'one' } },
    { label: 'a page too large', query: '{ search(query: "gundam", first: 100000) { totalCount } }', variables: {} },
  ])('answers $label as the planner does, errors included', async ({ query, variables }) => {
    const [fast, slow] = await Promise.all([post(distributed, { query, variables }), post(planned, { query, variables })]);
    expect(fast).toEqual(slow);
  });

  it('sends the planner\'s subgraph requests over kept-alive connections', async () => {
    seenSockets = [];
    for (const q of ['keep alive one', 'keep alive two', 'keep alive three', 'keep alive four']) {
      const { body } = await post(planned, { query: 'query ($q: String!) { search(query: $q, first: 1) { totalCount } }', variables: { q } });
      expect(body.errors).toBeUndefined();
    }
    expect(seenSockets).toHaveLength(4);
    expect(new Set(seenSockets).size).toBe(1);
  });

  it('asks each remote subgraph for all entities of a plan step in one request', async () => {
    // Search runs on the catalog, `similar` on the similarity service (one `_entities` request for
    // the three results), and the titles of every similar entry come back from the catalog (one
    // `_entities` request for the whole list).
    const config = loadConfig({});
    const similarity = await createSubgraphApp('similarity', config, { logger: false, catalog: sharedCatalog });
    const similarityRequests: string[] = [];
    similarity.addHook('onRequest', async (request) => void similarityRequests.push(request.url));
    const similarityUrl = await similarity.listen({ port: 0, host: '127.0.0.1' });
    const gateway = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: `catalog=${catalogUrl},similarity=${similarityUrl}/graphql`, GATEWAY_FAST_PATH: 'false' }) });
    try {
      await gateway.app.listen({ port: 0, host: '127.0.0.1' });
      seenBodies = [];
      const { body } = await post(gateway, { query: '{ search(query: "cowboy bebop", first: 3) { nodes { id similar(first: 3) { anime { id title } } } } }' });
      expect(body.errors).toBeUndefined();
      const nodes = (body.data!['search'] as { nodes: Array<{ similar: Array<{ anime: { title: string } }> }> }).nodes;
      const titles = nodes.flatMap((node) => node.similar.map((entry) => entry.anime.title));
      expect(titles.length).toBeGreaterThan(3);
      expect(titles.every((title) => typeof title === 'string' && title.length > 0)).toBe(true);
      expect(similarityRequests).toHaveLength(1);
      expect(seenBodies).toHaveLength(2);
      const entities = JSON.parse(seenBodies[1]!) as { query: string; variables: { representations: unknown[] } };
      expect(entities.query).toContain('_entities');
      expect(entities.variables.representations.length).toBeGreaterThan(3);
    } finally {
      await gateway.close();
      await similarity.close();
    }
  }, 120_000);

  it('words a subgraph that cannot be reached, on the planner path and the fast path alike', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as { port: number };
    await new Promise((done) => closed.close(done));
    const url = `catalog=http://127.0.0.1:${port}/graphql`;
    const apps = await Promise.all([createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: url }) }), createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: url, GATEWAY_FAST_PATH: 'false' }) })]);
    try {
      await Promise.all(apps.map((app) => app.app.listen({ port: 0, host: '127.0.0.1' })));
      for (const app of apps) {
        const { body } = await post(app, { query: '{ anime(malId: 1) { title } }' });
        expect(body.data?.anime ?? null).toBeNull();
        expect(JSON.stringify(body.errors)).toMatch(/ECONNREFUSED/);
      }
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  it('rejects a malformed SUBGRAPH_URLS at start-up with a message', () => {
    expect(() => loadConfig({ SUBGRAPH_URLS: 'catalog' })).toThrow(/SUBGRAPH_URLS: expected name=url pairs/);
  });
});
