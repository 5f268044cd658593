// Scale mode as `npm run start:distributed` runs it: every subgraph its own process, the gateway
// calling them over HTTP. Checks that one command brings them up and down together, that a taken
// port is a clear error, and that the supergraph composed from the running services' SDL
// (`_service { sdl }`) is the checked-in schema/supergraph.graphql (the CI composition check).
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { assertPortsFree, startDistributed, type Distributed } from '../gateway/distributed.js';
import { readSupergraph } from '../gateway/compose.js';
import { SUBGRAPHS } from '../gateway/subgraphs.js';
import { offlineEnv, tsLauncher } from './support/mcp-launch.js';

/** A run of free loopback ports: the gateway's, then one per subgraph. */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    // Below the ephemeral range (32768+), where outgoing connections of other tests take ports.
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      await assertPortsFree(Array.from({ length: count }, (_, i) => [`probe ${i}`, base + i] as [string, number]), '127.0.0.1');
      return base;
    } catch {
      // taken: try another run
    }
  }
  throw new Error('no run of free ports found');
}

let running: Distributed;
let base: number;
const lines: string[] = [];

beforeAll(async () => {
  // Ports are probed free, then bound by other processes a moment later: another test's process
  // may take one in between, so a run that lost that race (EADDRINUSE) is started again elsewhere.
  for (let attempt = 1; ; attempt++) {
    base = await freePorts(SUBGRAPHS.length + 1);
    try {
      running = await startDistributed({
        env: {
          ...offlineEnv(),
          LOG_LEVEL: 'warn',
          PORT: String(base),
          DISTRIBUTED_BASE_PORT: String(base + 1),
          CATALOG_CACHE_DIR: process.env['CATALOG_CACHE_DIR'] ?? '.cache/catalog',
          // One store for the gateway (sign-up, keys) and the users process.
          STORE_PATH: join(mkdtempSync(join(tmpdir(), 'distributed-store-')), 'store.sqlite'),
        },
        subgraphArgs: (name) => ['--no-warnings', tsLauncher('gateway/cli/start-subgraph.ts'), name],
        write: (line) => lines.push(line),
      });
      break;
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE|is taken/.test(String(error))) throw error;
    }
  }
}, 300_000);

afterAll(async () => {
  await running?.close();
});

async function graphql(url: string, query: string): Promise<{ data?: Record<string, any>; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

describe('npm run start:distributed', () => {
  it('serves every subgraph from its own process, the gateway reaching them over HTTP', async () => {
    expect([...running.subgraphs.keys()].sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    const health = (await (await fetch(`${running.url}/health`)).json()) as { mode: string; subgraphs: Array<{ url: string }> };
    expect(health.mode).toBe('distributed');
    for (const s of health.subgraphs) expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    // Catalog, universal (through @requires over HTTP) and similarity, each in another process.
    const body = await graphql(`${running.url}/graphql`, '{ anime(malId: 1) { id title ratings { consensus } similar(first: 2) { anime { id } } } }');
    expect(body.data?.['anime']).toMatchObject({ id: 'mal:1', title: 'Cowboy Bebop' });
    expect(body.data?.['anime'].ratings).not.toBeNull();
    expect(body.data?.['anime'].similar.length).toBeGreaterThan(0);
  });

  it('runs ask in the nlq process through the gateway', async () => {
    // The operation it chose ran through the gateway: without GATEWAY_URL it would be SOURCE_UNAVAILABLE.
    const body = await graphql(`${running.url}/graphql`, '{ ask(text: "anime like cowboy bebop") { operation result } }');
    expect(body.errors).toBeUndefined();
    expect(['FindSimilarAnime', 'GetAnimeRecommendations']).toContain(body.data?.['ask'].operation);
    expect(body.data?.['ask'].result).not.toBeNull();
  });

  it('gives the users process the caller\'s key, which it verifies itself; no key, no viewer', async () => {
    const signup = await fetch(`${running.url}/api/users`, { method: 'POST' });
    expect(signup.status).toBe(201);
    const { apiKey } = (await signup.json()) as { apiKey: string };
    const asUser = (query: string) =>
      fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query }) }).then(
        (r) => r.json() as Promise<{ data?: Record<string, any>; errors?: unknown[] }>,
      );
    const set = await asUser('mutation { setWatchStatus(animeId: "mal:1", status: WATCHING, progress: 3) { status progress } }');
    expect(set.errors).toBeUndefined();
    const read = await asUser('{ viewer { watchlist { status progress anime { id title } } } anime(malId: 1) { viewer { status } } }');
    expect(read.errors).toBeUndefined();
    expect(read.data?.['viewer'].watchlist).toEqual([{ status: 'WATCHING', progress: 3, anime: { id: 'mal:1', title: 'Cowboy Bebop' } }]);
    expect(read.data?.['anime'].viewer).toEqual({ status: 'WATCHING' });
    const anonymous = await graphql(`${running.url}/graphql`, '{ viewer { id } }');
    expect(anonymous.data?.['viewer']).toBeNull();
  });

  it('composes schema/supergraph.graphql from the running services\' SDL (the composition check)', async () => {
    const services = await Promise.all(
      [...running.subgraphs].map(async ([name, url]) => {
        const body = await graphql(url, '{ _service { sdl } }');
        return { name, url: `http://${name}.subgraph.local/graphql`, typeDefs: parse(body.data!['_service'].sdl as string) };
      }),
    );
    const result = composeServices(services);
    expect(result.errors).toBeUndefined();
    // Composition orders subgraphs as given; gateway/compose.ts gives them in SUBGRAPHS order.
    const ordered = composeServices(SUBGRAPHS.map((s) => services.find((x) => x.name === s.name)!));
    expect(ordered.supergraphSdl).toBe(await readSupergraph());
  });

  it('refuses a taken port with a message naming it', async () => {
    const blocker: Server = createServer();
    const port = await freePorts(1);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(assertPortsFree([['subgraph kitsu', port]], '127.0.0.1')).rejects.toThrow(`port ${port} (subgraph kitsu) is taken`);
    } finally {
      blocker.close();
    }
  });

  it('stops every subgraph process on close', async () => {
    const names = [...running.subgraphs.keys()];
    await running.close();
    for (const [, url] of running.subgraphs) {
      await expect(fetch(url.replace('/graphql', '/health'), { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
    expect(names).toHaveLength(SUBGRAPHS.length);
  });
});
