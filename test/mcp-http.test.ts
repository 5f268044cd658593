// MCP over Streamable HTTP on the main server (POST, GET for the SSE stream, DELETE, expiring
// sessions), driven by the official SDK client; every tool is called on the replay-backed app.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceListChangedNotificationSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { App } from '../gateway/app.js';
import { registerMcpRoutes, type AskFunction } from '../src/mcp/index.js';
import type { ReplayServer } from './replay/server.js';
import { startReplayedApp } from './support/mcp-app.js';
import { callJson, textOf } from './support/mcp-client.js';

let app: App;
let replay: ReplayServer;
let url: string;
let operationsDir: string;
const clients: Client[] = [];
const answered: Array<{ sessionId?: string; operation: string; hasData: boolean }> = [];

// The natural-language resolver is another engineer's module; the tool only needs its contract.
const ask: AskFunction = async (text, context) => ({
  operation: 'SearchAnime',
  variables: { query: text.replace(/^find /, ''), first: 2 },
  explanation: `Searched the catalog for the title (session ${context.sessionId ?? 'none'})`,
  suggestions: ['compare ratings of the first one'],
});

beforeAll(async () => {
  ({ app, replay } = await startReplayedApp());
  operationsDir = await mkdtemp(join(tmpdir(), 'mcp-ops-'));
  await cp('schema/operations', operationsDir, { recursive: true });
  const common = { operationsDir, schemaPath: 'schema/api.graphql', execute: app.execute };
  await registerMcpRoutes(app.app, { ...common, path: '/mcp-test', ask, onAskAnswered: (context, plan, result) => answered.push({ sessionId: context.sessionId, operation: plan.operation, hasData: !!result.data }), watch: true });
  await registerMcpRoutes(app.app, { ...common, path: '/mcp-small', allowExecute: false, maxResultBytes: 3000 });
  await registerMcpRoutes(app.app, { ...common, path: '/mcp-idle', sessionIdleMs: 300 });
  url = await app.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await app?.close();
  await replay?.close();
});

async function connect(path = '/mcp-test') {
  const transport = new StreamableHTTPClientTransport(new URL(`${url}${path}`));
  const client = new Client({ name: 'mcp-http-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

describe('MCP over Streamable HTTP', () => {
  it('opens a session with an Mcp-Session-Id and lists every tool, ask included', async () => {
    const { client, transport } = await connect();
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['search_anime', 'get_anime_by_id', 'get_anime_recommendations', 'get_seasonal_anime', 'get_streaming_info', 'compare_ratings', 'airing_schedule', 'get_franchise', 'top_anime', 'find_similar_anime', 'semantic_search', 'search_by_image', 'ask', 'execute']));
  });

  it('calls every operation tool on the replayed sources', async () => {
    const { client } = await connect();
    const search = await callJson(client, 'search_anime', { query: 'cowboy bebop', formats: ['TV'], first: 2 });
    expect(search.data.search.nodes[0]).toMatchObject({ id: 'mal:1' });
    const enhanced = await callJson(client, 'get_anime_by_id', { malId: 1, enhance: true });
    expect(enhanced.data.anime.mal.score).toBeGreaterThan(8);
    expect(enhanced.data.anime.anilist).toBeTruthy();
    const plain = await callJson(client, 'get_anime_by_id', { id: 'anidb:23' });
    expect(plain.data.anime).toMatchObject({ id: 'mal:1' });
    expect(plain.data.anime).not.toHaveProperty('mal');
    const seasonal = await callJson(client, 'get_seasonal_anime', { year: 1998, season: 'SPRING', first: 3 });
    expect(seasonal.data.seasonal.nodes).toHaveLength(3);
    const franchise = await callJson(client, 'get_franchise', { id: 'mal:16498' });
    expect(franchise.data.franchise.length).toBeGreaterThan(3);
    const streaming = await callJson(client, 'get_streaming_info', { malId: 1, region: 'US' });
    expect(streaming.errors).toBeUndefined();
    expect(streaming.data.anime.kitsu).toEqual({ streamingLinks: expect.any(Array) });
    expect(streaming.data.anime.mal.streaming).toEqual(expect.any(Array));
    const ratings = await callJson(client, 'compare_ratings', { malId: 1 });
    expect(ratings.errors).toBeUndefined();
    expect(ratings.data.anime.mal.score).toBeGreaterThan(8);
    expect(ratings.data.anime.anilist.averageScore).toBeGreaterThan(80);
    expect(ratings.data.anime.kitsu.averageRating).toBeGreaterThan(80);
    const recommendations = await callJson(client, 'get_anime_recommendations', { malId: 11757 });
    expect(recommendations.data.anime.mal.recommendations.length).toBeGreaterThan(0);
    const top = await callJson(client, 'top_anime', {});
    expect(top.data.malTop.nodes.length).toBeGreaterThan(0);
    const airing = await callJson(client, 'airing_schedule', { timezone: 'Europe/Berlin' });
    expect(airing.errors).toBeUndefined();
    expect(airing.data.today).toMatchObject({ date: '2026-09-14', timezone: 'Europe/Berlin' });
    expect(airing.data.today.entries.length).toBe(3);
  });

  it('answers ask with the operation that ran, its variables, the explanation and the result', async () => {
    const { client } = await connect();
    const body = await callJson(client, 'ask', { text: 'find cowboy bebop', sessionId: 's1' });
    expect(body).toMatchObject({ operation: 'SearchAnime', variables: { query: 'cowboy bebop', first: 2 }, suggestions: ['compare ratings of the first one'] });
    expect(body.explanation).toMatch(/session s1/);
    expect(body.result.data.search.nodes[0].id).toBe('mal:1');
    expect(answered).toEqual([{ sessionId: 's1', operation: 'SearchAnime', hasData: true }]);
  });

  it('says what is wrong with invalid arguments', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'search_anime', arguments: { formats: ['SERIES'], yearFrom: 'nineties' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/`formats\[0\]` must be one of TV, TV_SHORT, MOVIE/);
    expect(textOf(result)).toMatch(/`yearFrom` must be a whole number/);
  });

  it('passes GraphQL errors on as tool errors', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'get_anime_by_id', arguments: { malId: 1, anidbId: 23 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/BAD_USER_INPUT/);
    const tooDeep = await client.callTool({ name: 'execute', arguments: { query: `{ anime(malId: 1) { ${'related { anime { '.repeat(6)} id ${'} } '.repeat(6)} } }` } });
    expect(textOf(tooDeep)).toMatch(/QUERY_TOO_COMPLEX/);
  });

  it('keeps answers under the byte limit with a smaller page whose cursor continues', async () => {
    const { client } = await connect('/mcp-small');
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('execute');
    const first = await callJson(client, 'get_seasonal_anime', { year: 2013, season: 'SPRING', first: 50 });
    expect(first.note).toMatch(/reduced from 50/);
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(3500);
    const page = first.data.seasonal;
    expect(page.nodes.length).toBeLessThan(50);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await callJson(client, 'get_seasonal_anime', { year: 2013, season: 'SPRING', first: 3, after: page.pageInfo.endCursor });
    const seen = new Set(page.nodes.map((n: { id: string }) => n.id));
    expect(next.data.seasonal.nodes.some((n: { id: string }) => seen.has(n.id))).toBe(false);
  });

  it('sends tools/list_changed and resources/list_changed on the SSE stream when an operation is added', async () => {
    const { client } = await connect();
    let notified = false;
    let resourcesNotified = false;
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => void (notified = true));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, async () => void (resourcesNotified = true));
    // The client opens its GET stream just after initialize; a change made before that reaches no
    // one, so the file is rewritten (a new change each time) until the notification arrives.
    for (let attempt = 0; attempt < 20 && !notified; attempt++) {
      await writeFile(join(operationsDir, 'catalog-size.graphql'), `# How many anime the catalog holds.\nquery CatalogSize { catalogInfo { entries } }\n# ${attempt}\n`);
      for (let wait = 0; wait < 10 && !notified; wait++) await new Promise((r) => setTimeout(r, 50));
    }
    expect(notified).toBe(true);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('catalog_size');
    for (let wait = 0; wait < 10 && !resourcesNotified; wait++) await new Promise((r) => setTimeout(r, 50));
    expect(resourcesNotified).toBe(true);
    const resource = await client.readResource({ uri: 'operation://CatalogSize' });
    expect((resource.contents[0] as { text: string }).text).toContain('query CatalogSize');
  });

  it('ends a session on DELETE, and expires idle ones', async () => {
    const { client, transport } = await connect();
    const id = transport.sessionId!;
    await transport.terminateSession();
    const gone = await fetch(`${url}/mcp-test`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' }, body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }) });
    expect(gone.status).toBe(404);
    await client.close();

    // A bare initialize (one request, so a loaded machine cannot expire the session mid-handshake).
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'idle', version: '1' } } };
    const opened = await fetch(`${url}/mcp-idle`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(initialize) });
    const idleId = opened.headers.get('mcp-session-id');
    expect(idleId).toMatch(/^[0-9a-f-]{36}$/);
    await opened.body?.cancel();
    await new Promise((r) => setTimeout(r, 1000));
    const expired = await fetch(`${url}/mcp-idle`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': idleId!, 'mcp-protocol-version': '2025-06-18' }, body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }) });
    expect(expired.status).toBe(404);
    expect(await expired.text()).toMatch(/expired/);
  });

  it('refuses requests without a session', async () => {
    const response = await fetch(`${url}/mcp-test`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(response.status).toBe(400);
  });

  it('echoes the caller\'s X-Correlation-ID on replies the transport writes itself', async () => {
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'corr', version: '1' } } };
    const response = await fetch(`${url}/mcp-test`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-correlation-id': 'mcp-corr-42' }, body: JSON.stringify(initialize) });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('mcp-corr-42');
    await response.body?.cancel();
  });
});

describe('the server mounted at /mcp by createApp', () => {
  it('answers `ask` with the natural-language resolver and follows up within the session', async () => {
    const { client } = await connect('/mcp');
    const first = await callJson(client, 'ask', { text: 'watch order of shingeki no kyojin', sessionId: 'mcp-ask-1' });
    expect(first.operation).toBe('GetFranchise');
    expect(JSON.stringify(first.result)).toContain('Shingeki no Kyojin');
    const followUp = await callJson(client, 'ask', { text: 'what about the second one?', sessionId: 'mcp-ask-1' });
    expect(followUp.operation).toBe('GetAnimeById');
    expect(followUp.variables).toEqual(expect.objectContaining({ id: expect.stringMatching(/^mal:/) }));
  });
});
