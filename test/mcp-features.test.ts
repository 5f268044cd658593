// MCP beyond tools, through the real Streamable HTTP transport at /mcp with the official SDK
// client, on the real catalog: resources (anime://{id}, the supergraph, persisted operations,
// paged list), prompts, completions, per-session logging and progress notifications.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema, type LoggingMessageNotification, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { MAX_COMPLETIONS } from '../src/mcp/prompts.js';
import { RESOURCE_PAGE_SIZE } from '../src/mcp/resources.js';
import { createApp } from '../gateway/app.js';
import { loadConfig } from '../src/config/index.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestApp();
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await app?.close();
});

async function connect(headers: Record<string, string> = {}): Promise<{ client: Client; logs: LoggingMessageNotification['params'][] }> {
  const client = new Client({ name: 'mcp-features-test', version: '1.0.0' });
  const logs: LoggingMessageNotification['params'][] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
  await client.connect(new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), { requestInit: { headers } }));
  clients.push(client);
  return { client, logs };
}

describe('resources', () => {
  it('declares the capabilities and pages through the supergraph and every persisted operation', async () => {
    const { client } = await connect();
    expect(client.getServerCapabilities()).toMatchObject({ resources: { listChanged: true }, prompts: {}, completions: {}, logging: {} });
    const uris: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listResources(cursor ? { cursor } : {});
      expect(page.resources.length).toBeLessThanOrEqual(RESOURCE_PAGE_SIZE);
      uris.push(...page.resources.map((r) => r.uri));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const operations = (await client.listTools()).tools.filter((t) => !['ask', 'execute', 'search_schema', 'introspect'].includes(t.name));
    expect(uris).toHaveLength(1 + operations.length);
    expect(pages).toBe(Math.ceil(uris.length / RESOURCE_PAGE_SIZE));
    expect(new Set(uris).size).toBe(uris.length);
    expect(uris).toEqual(expect.arrayContaining(['schema://supergraph', 'operation://GetAnimeById', 'operation://SearchAnime']));
    await expect(client.listResources({ cursor: 'not-a-cursor' })).rejects.toThrow(/Invalid cursor/);
  });

  it('reads a persisted operation and the supergraph as they are on disk', async () => {
    const { client } = await connect();
    const operation = await client.readResource({ uri: 'operation://GetAnimeById' });
    expect(operation.contents[0]).toMatchObject({ mimeType: 'application/graphql', text: await readFile('schema/operations/get-anime-by-id.graphql', 'utf8') });
    const supergraph = await client.readResource({ uri: 'schema://supergraph' });
    expect((supergraph.contents[0] as { text: string }).text).toBe(await readFile('schema/supergraph.graphql', 'utf8'));
  });

  it('reads anime://{id} for any platform id as JSON and a markdown summary', async () => {
    const { client } = await connect();
    expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual(['anime://{id}']);
    const read = await client.readResource({ uri: 'anime://anidb:23' });
    const [json, markdown] = read.contents as Array<{ uri: string; mimeType: string; text: string }>;
    expect(json!.mimeType).toBe('application/json');
    expect(JSON.parse(json!.text)).toMatchObject({ id: 'mal:1', title: 'Cowboy Bebop', malId: 1, anidbId: 23 });
    expect(markdown!.mimeType).toBe('text/markdown');
    expect(markdown!.text).toMatch(/^# Cowboy Bebop\n/);
    expect(markdown!.text).toContain('mal:1');
    await expect(client.readResource({ uri: 'anime://mal:999999999' })).rejects.toMatchObject({ code: -32002 });
    await expect(client.readResource({ uri: 'nothing://here' })).rejects.toMatchObject({ code: -32002 });
  });
});

describe('prompts and completions', () => {
  it('lists five prompts with described arguments and fills one in', async () => {
    const { client } = await connect();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['recommend_like', 'plan_my_season', 'compare_ratings_of', 'watch_order', 'identify_anime']);
    for (const prompt of prompts) {
      expect(prompt.description).toBeTruthy();
      for (const argument of prompt.arguments ?? []) expect(argument.description).toBeTruthy();
    }
    const watchOrder = await client.getPrompt({ name: 'watch_order', arguments: { title: 'Fate/Zero' } });
    expect(watchOrder.messages[0]).toMatchObject({ role: 'user', content: { type: 'text', text: expect.stringContaining('"Fate/Zero"') } });
    expect((watchOrder.messages[0]!.content as { text: string }).text).toContain('get_franchise');
    await expect(client.getPrompt({ name: 'watch_order', arguments: {} })).rejects.toThrow(/needs title/);
    await expect(client.getPrompt({ name: 'no_such_prompt' })).rejects.toThrow(/Unknown prompt/);
  });

  it('completes titles from the catalog (typos too, best first) and ids for anime://{id}', async () => {
    const { client } = await connect();
    const typo = await client.complete({ ref: { type: 'ref/prompt', name: 'recommend_like' }, argument: { name: 'title', value: 'cowboy bebp' } });
    expect(typo.completion.values[0]).toBe('Cowboy Bebop');
    const broad = await client.complete({ ref: { type: 'ref/prompt', name: 'watch_order' }, argument: { name: 'title', value: 'gundam' } });
    expect(broad.completion.values.length).toBeGreaterThan(10);
    expect(broad.completion.values.length).toBeLessThanOrEqual(MAX_COMPLETIONS);
    expect(broad.completion.values[0]).toMatch(/gundam/i);
    const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'anime://{id}' }, argument: { name: 'id', value: 'cowboy bebop' } });
    expect(ids.completion.values).toContain('mal:1');
    const season = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_my_season' }, argument: { name: 'season', value: 'sp' } });
    expect(season.completion.values).toEqual(['SPRING']);
    const zone = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_my_season' }, argument: { name: 'timezone', value: 'berlin' } });
    expect(zone.completion.values).toEqual(['Europe/Berlin']);
    const region = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_my_season' }, argument: { name: 'region', value: 'germ' } });
    expect(region.completion.values).toEqual(['DE']);
    const byCode = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_my_season' }, argument: { name: 'region', value: 'u' } });
    expect(byCode.completion.values).toEqual(expect.arrayContaining(['US', 'UA', 'UY']));
    expect(byCode.completion.values.every((code) => code.startsWith('U'))).toBe(true);
    const year = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_my_season' }, argument: { name: 'year', value: '199' } });
    expect(year.completion.values).toEqual(['1999', '1998', '1997', '1996', '1995', '1994', '1993', '1992', '1991', '1990']);
    await expect(client.complete({ ref: { type: 'ref/prompt', name: 'watch_order' }, argument: { name: 'nope', value: 'x' } })).rejects.toThrow(/no argument nope/);
  });
});

describe('logging and progress', () => {
  it('sends each session its own tool log lines at the level it set', async () => {
    const chatty = await connect({ 'x-correlation-id': 'mcp-features-chatty' });
    const quiet = await connect();
    await chatty.client.setLoggingLevel('debug');
    await quiet.client.setLoggingLevel('warning');
    await chatty.client.callTool({ name: 'search_anime', arguments: { query: 'cowboy bebop', first: 1 } });
    await quiet.client.callTool({ name: 'search_anime', arguments: { query: 'cowboy bebop', first: 1 } });
    expect(chatty.logs.map((l) => l.level)).toEqual(['debug', 'info']);
    expect(chatty.logs[1]).toMatchObject({ logger: 'tools', data: { tool: 'search_anime', correlationId: 'mcp-features-chatty', message: expect.stringMatching(/^search_anime answered in \d+ ms$/) } });
    expect(quiet.logs).toEqual([]);
    // A failing call is a warning, which the quiet session does receive.
    await quiet.client.callTool({ name: 'get_anime_by_id', arguments: { malId: 'one' } });
    expect(quiet.logs.map((l) => [l.level, l.data])).toEqual([['warning', expect.objectContaining({ tool: 'get_anime_by_id', message: expect.stringContaining('failed') })]]);
    // Without a caller's id, the one the server made for the request (a UUID).
    expect((quiet.logs[0]!.data as { correlationId: string }).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports progress when the client gives a progress token, and only then', async () => {
    const { client } = await connect();
    const seen: Progress[] = [];
    const result = await client.callTool({ name: 'get_anime_by_id', arguments: { id: 'mal:1' } }, undefined, { onprogress: (p) => seen.push(p) });
    expect(result.isError).toBeFalsy();
    // One step per stage the tool went through, the last one carrying the total.
    expect(seen.map((p) => p.progress)).toEqual([0, 1, 2]);
    expect(seen.map((p) => p.message)).toEqual(['running GetAnimeById', 'GetAnimeById answered; shaping the reply', 'done']);
    expect(seen.map((p) => p.total)).toEqual([undefined, undefined, 2]);
    const none: Progress[] = [];
    const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} }, undefined, { onprogress: (p) => none.push(p) });
    expect(unknown.isError).toBe(true);
    expect(none).toEqual([]);
  });
});

describe('cancellation', () => {
  let silent: Server;
  let slow: TestApp;
  const asked: string[] = [];

  beforeAll(async () => {
    // A Jikan that takes every request and never answers: only cancellation can end the call.
    silent = createServer((request) => void asked.push(request.url ?? ''));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const jikan = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v4`;
    const config = loadConfig({ ...process.env, JIKAN_BASE_URL: jikan, UPSTREAM_TIMEOUT_MS: '5000' });
    const created = await createApp({ logger: false, config, catalog: app.catalog! });
    slow = { ...created, url: await created.app.listen({ port: 0, host: '127.0.0.1' }) };
  });

  afterAll(async () => {
    // The cancelled caller stopped waiting, but the shared upstream request goes on (it would fill
    // the cache for others); end it and let its retries fail before closing.
    silent?.close();
    silent?.closeAllConnections();
    for (let i = 0; i < 500 && slow && !slow.upstream.stats()['jikan']?.failures; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await slow?.close();
  });

  it('stops a tool call the client cancels, says so in its log, and keeps the session usable', async () => {
    const client = new Client({ name: 'mcp-cancel-test', version: '1.0.0' });
    const logs: LoggingMessageNotification['params'][] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
    await client.connect(new StreamableHTTPClientTransport(new URL(`${slow.url}/mcp`)));
    clients.push(client);
    await client.setLoggingLevel('info');
    const controller = new AbortController();
    const seen: Progress[] = [];
    const call = client.callTool({ name: 'my_anime_list_genres', arguments: {} }, undefined, { signal: controller.signal, onprogress: (p) => seen.push(p), timeout: 120_000 });
    while (!asked.length) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked[0]).toMatch(/^\/v4\/genres\/anime/);
    controller.abort('the user gave up');
    await expect(call).rejects.toBeDefined();
    // The server learns of it through notifications/cancelled and logs that the call stopped
    // there, long before the 5 s upstream timeout could have ended it.
    for (let i = 0; i < 250 && !logs.some((l) => /cancelled/.test(String((l.data as { message?: string }).message))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(logs.map((l) => (l.data as { message: string }).message)).toEqual([expect.stringMatching(/^my_anime_list_genres cancelled by the client after \d+ ms$/)]);
    expect(seen.map((p) => p.message)).toEqual(['running MyAnimeListGenres']);
    // The session goes on: a catalog-only call answers.
    const next = await client.callTool({ name: 'get_anime_by_id', arguments: { id: 'mal:1' } });
    expect(next.isError).toBeFalsy();
    await client.close();
  });
});
