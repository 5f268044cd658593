// An AniDB ban is visible where operators look: the anidb subgraph server's /health (the gateway's
// /health lists the same kit stats) shows the isolated circuit and why, after one recorded
// `<error>Banned</error>` answer replayed from test/fixtures/upstream/anidb.
import { resolve } from 'node:path';
import { createSubgraphApp } from '../gateway/subgraph-server.js';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';

let replay: ReplayServer;

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({
    method: 'GET',
    path: '/httpapi',
    file: resolve(projectRoot(), 'test/fixtures/upstream/anidb/darkfeline_error_banned.xml'),
    headers: { 'content-type': 'text/xml' },
  });
});

afterAll(() => replay.close());

it('reports a ban in /health, and sends nothing more while it lasts', async () => {
  const config = loadConfig({ ANIDB_BASE_URL: replay.url, ANIDB_CLIENT: 'animefederation', ANIDB_CLIENT_VERSION: '1', LOG_LEVEL: 'silent' });
  const app = await createSubgraphApp('anidb', config, { logger: false });
  try {
    // Over a socket, as the gateway reaches a subgraph in distributed mode.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { anidb { title } } } }';
    const ask = (anidbId: number) =>
      fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { r: [{ __typename: 'Anime', anidbId }] } }) });
    const first = (await (await ask(10145)).json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(first.errors[0]!.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'anidb', reason: 'banned' });
    const health = (await (await fetch(`${base}/health`)).json()) as { upstreams: Record<string, { circuit: string; refusal: Record<string, string> | null }> };
    expect(health.upstreams['anidb']).toMatchObject({ circuit: 'isolated', refusal: { reason: 'banned', message: expect.stringMatching(/banned/i) } });
    expect(Date.parse(health.upstreams['anidb']!.refusal!['until']!)).toBeGreaterThan(Date.now() + 11 * 3600_000);
    await ask(959);
    expect(replay.count('/httpapi')).toBe(1);
  } finally {
    await app.close();
  }
});
