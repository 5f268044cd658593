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
let embedded: App;
let seenCorrelationIds: string[] = [];
let proxy: Server;

beforeAll(async () => {
  const config = loadConfig({});
  const catalog = await loadCatalog(config);
  subgraph = await createSubgraphApp('catalog', config, { logger: false, catalog });
  const subgraphUrl = await subgraph.listen({ port: 0, host: '127.0.0.1' });
  // A recording hop in front of the subgraph shows what the gateway sends over the wire.
  proxy = createServer(async (req, res) => {
    seenCorrelationIds.push(String(req.headers['x-correlation-id']));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${subgraphUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  const { port } = proxy.address() as { port: number };
  distributed = await createApp({ logger: false, config: loadConfig({ SUBGRAPH_URLS: `catalog=http://127.0.0.1:${port}/graphql` }) });
  embedded = await createApp({ logger: false, config, catalog });
  await Promise.all([distributed.app.listen({ port: 0, host: '127.0.0.1' }), embedded.app.listen({ port: 0, host: '127.0.0.1' })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([distributed?.close(), embedded?.close(), subgraph?.close()]);
  proxy?.close();
});

async function ask(app: App, headers: Record<string, string> = {}) {
  const address = app.app.server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${address.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  return (await response.json()) as { data: { anime: { id: string } }; errors?: unknown[] };
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
    await ask(distributed, { 'x-correlation-id': 'trace-me-7' });
    expect(seenCorrelationIds).toContain('trace-me-7');
  });

  it('rejects a malformed SUBGRAPH_URLS at start-up with a message', () => {
    expect(() => loadConfig({ SUBGRAPH_URLS: 'catalog' })).toThrow(/SUBGRAPH_URLS: expected name=url pairs/);
  });
});
