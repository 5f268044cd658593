// MCP tools for the signed-in user (schema/operations/user: my_watchlist, add_to_watchlist,
// my_recommendations), through
// the real app on the real catalog with the SQLite store, driven by the official SDK client over
// Streamable HTTP: listed and callable only in a session opened with a user's key; a user's session
// stays bound to that key; the writes land in the user's own list (the same one GraphQL shows); the
// session's other tools run with the user's preferences. Anime: Cowboy Bebop (mal:1, 26 episodes),
// "A Kite" (mal:320, tagged hentai).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { KeyStore } from '../../src/auth/index.js';
import { openStore } from '../../src/store/index.js';
import { accessHarness, call, json, MCP_INITIALIZE, type Harness } from '../auth/support.js';
import { callJson, textOf } from '../support/mcp-client.js';

let harness: Harness;
let origin: string;
const clients: Client[] = [];
beforeAll(async () => {
  harness = await accessHarness();
  ({ origin } = await harness.start());
}, 120_000);
afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await harness?.close();
});

const USER_TOOLS = ['my_watchlist', 'add_to_watchlist', 'my_recommendations'];

async function connect(key?: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), key ? { requestInit: { headers: { authorization: `Bearer ${key}` } } } : {});
  const client = new Client({ name: 'mcp-user-tools-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}
const signUp = async () => (await call(origin, '/api/users', { method: 'POST' })).body as { userId: string; apiKey: string };
const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name);

describe('MCP user tools', () => {
  it('are listed only in a session opened with a user key: not anonymous, not with an operator key', async () => {
    const alice = await signUp();
    const { client: user } = await connect(alice.apiKey);
    expect(await names(user)).toEqual(expect.arrayContaining([...USER_TOOLS, 'search_anime', 'ask']));
    const { client: anonymous } = await connect();
    const anonymousNames = await names(anonymous);
    expect(anonymousNames).toContain('search_anime');
    for (const tool of USER_TOOLS) expect(anonymousNames).not.toContain(tool);
    // An operator-made key (no account) is a key, but not a user's.
    const store = await openStore({ sqlitePath: `${harness.dir}/store.sqlite` });
    const operator = await new KeyStore(store.db).create({ name: 'operator', scopes: ['read'], tier: 'free' });
    await store.close();
    const { client: keyed } = await connect(operator.key);
    for (const tool of USER_TOOLS) expect(await names(keyed)).not.toContain(tool);
    // Not callable either where not listed.
    const refused = await anonymous.callTool({ name: 'add_to_watchlist', arguments: { animeId: 'mal:1' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Unknown tool add_to_watchlist/);
    // The descriptions come from the operations' comments; the mutation is not marked read-only.
    const add = (await user.listTools()).tools.find((t) => t.name === 'add_to_watchlist')!;
    expect(add.description).toMatch(/signed-in user's watchlist/);
    expect(add.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(add.inputSchema.required).toEqual(['animeId']);
  });

  it('add_to_watchlist and my_watchlist round trip into the user\'s own list (the one GraphQL shows); another user sees none of it', async () => {
    const bob = await signUp();
    const carol = await signUp();
    const { client } = await connect(bob.apiKey);
    const added = await callJson(client, 'add_to_watchlist', { animeId: 'mal:1', status: 'WATCHING', score: 9, progress: 5 });
    expect(added.data.setWatchStatus).toMatchObject({ status: 'WATCHING', score: 9, progress: 5, anime: { id: 'mal:1', title: 'Cowboy Bebop', episodes: 26 } });
    // The default status, and an absent score/progress keeping the stored ones.
    await callJson(client, 'add_to_watchlist', { animeId: 'mal:32281' });
    const updated = await callJson(client, 'add_to_watchlist', { animeId: 'mal:1', status: 'COMPLETED', progress: 26 });
    expect(updated.data.setWatchStatus).toMatchObject({ status: 'COMPLETED', score: 9, progress: 26 });
    const list = await callJson(client, 'my_watchlist', {});
    expect(list.data.viewer.watchlist.map((e: { status: string; anime: { id: string } }) => [e.anime.id, e.status])).toEqual([
      ['mal:1', 'COMPLETED'],
      ['mal:32281', 'PLAN_TO_WATCH'],
    ]);
    expect((await callJson(client, 'my_watchlist', { status: 'PLAN_TO_WATCH' })).data.viewer.watchlist).toHaveLength(1);
    const graphql = await call(origin, '/graphql', { ...json({ query: '{ viewer { watchlist { status score progress anime { id } } } }' }), key: bob.apiKey });
    expect(graphql.body.data.viewer.watchlist[0]).toEqual({ status: 'COMPLETED', score: 9, progress: 26, anime: { id: 'mal:1' } });
    const { client: other } = await connect(carol.apiKey);
    expect((await callJson(other, 'my_watchlist', {})).data.viewer.watchlist).toEqual([]);
    // Bad input is the users service's typed refusal, as a tool error naming the problem; nothing is written.
    const bad = await client.callTool({ name: 'add_to_watchlist', arguments: { animeId: 'mal:1', status: 'WATCHING', progress: 27 } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/progress 27 is more than the 26 episodes/);
    const unknown = await client.callTool({ name: 'add_to_watchlist', arguments: { animeId: 'mal:999999999' } });
    expect(unknown.isError).toBe(true);
    expect((await callJson(client, 'my_watchlist', {})).data.viewer.watchlist[0]).toMatchObject({ status: 'COMPLETED', progress: 26 });
  });

  it('my_recommendations answers for the list of the session\'s user, never what is on it', async () => {
    const judy = await signUp();
    const { client } = await connect(judy.apiKey);
    await callJson(client, 'add_to_watchlist', { animeId: 'mal:1', status: 'COMPLETED', score: 10 });
    const answer = await callJson(client, 'my_recommendations', { first: 5 });
    const recommendations = answer.data.viewer.recommendations as Array<{ score: number; reasons: string[]; anime: { id: string; tags: string[] } }>;
    expect(recommendations).toHaveLength(5);
    expect(recommendations.map((r) => r.anime.id)).not.toContain('mal:1');
    expect(recommendations.every((r) => r.reasons.length > 0 && r.score > 0 && !r.anime.tags.includes('hentai'))).toBe(true);
  }, 300_000);

  it("a user's session stays bound to the key that opened it", async () => {
    const dave = await signUp();
    const erin = await signUp();
    const { transport } = await connect(dave.apiKey);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    const headers = { 'mcp-session-id': transport.sessionId!, 'mcp-protocol-version': '2025-06-18' };
    expect((await call(origin, '/mcp', json(list, headers))).status).toBe(403);
    expect((await call(origin, '/mcp', { ...json(list, headers), key: erin.apiKey })).status).toBe(403);
    const own = await call(origin, '/mcp', { ...json(list, headers), key: dave.apiKey });
    expect(own.status).toBe(200);
    expect(String(own.body)).toContain('add_to_watchlist');
    // Initialize with a key, the way any client does it (the harness's own helper).
    expect((await call(origin, '/mcp', { ...json(MCP_INITIALIZE), key: dave.apiKey })).status).toBe(200);
  });

  it("the session's other tools run with the user's preferences (adult entries left out of search_anime)", async () => {
    const frank = await signUp();
    const { client: user } = await connect(frank.apiKey);
    const { client: anonymous } = await connect();
    const ids = (answer: any) => (answer.data.search.nodes as Array<{ id: string }>).map((n) => n.id);
    expect(ids(await callJson(anonymous, 'search_anime', { query: 'kite' }))).toContain('mal:320');
    expect(ids(await callJson(user, 'search_anime', { query: 'kite' }))).not.toContain('mal:320');
  });
});
