// The MCP server as `npm run mcp` runs it (a child process on stdio, no network), driven by the
// official SDK client: tools generated from every persisted operation, catalog-only tools on real
// data, argument errors that say what to fix, `fields`, and tools/list_changed on reload.
import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { toolNameOf } from '../src/mcp/index.js';
import { offlineEnv, stdioServerArgs } from './support/mcp-launch.js';
import { callJson, textOf } from './support/mcp-client.js';

let client: Client;
let transport: StdioClientTransport;
let stderr = '';
let operationsDir: string;

beforeAll(async () => {
  // A copy of the operations folder, so a new file can be dropped in to test the reload.
  operationsDir = await mkdtemp(join(tmpdir(), 'mcp-ops-'));
  await cp('schema/operations', operationsDir, { recursive: true });
  transport = new StdioClientTransport({ command: process.execPath, args: stdioServerArgs(['--watch', `--operations-dir=${operationsDir}`]), env: offlineEnv(), stderr: 'pipe' });
  transport.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
  await client.connect(transport);
}, 120_000);

afterAll(async () => {
  await client?.close();
});

describe('MCP over stdio', () => {
  it('lists one tool per persisted operation with input and output schemas and read-only annotations', async () => {
    const files = (await readdir('schema/operations')).filter((f) => f.endsWith('.graphql'));
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['search_anime', 'get_anime_by_id', 'get_seasonal_anime', 'get_franchise', 'get_streaming_info', 'search_schema', 'introspect', 'execute', 'ask']));
    expect(tools.length).toBe(files.length + 4);
    for (const tool of tools.filter((t) => !['search_schema', 'introspect', 'execute', 'ask'].includes(t.name))) {
      expect(tool.description!.length).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema.properties).toHaveProperty('fields');
      expect(tool.outputSchema).toMatchObject({ type: 'object', properties: { data: { type: 'object' } } });
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    }
    const seasonal = tools.find((t) => t.name === 'get_seasonal_anime')!;
    expect(seasonal.inputSchema.required).toEqual(expect.arrayContaining(['year', 'season']));
    expect(seasonal.inputSchema.properties!['season']).toMatchObject({ type: 'string', enum: ['WINTER', 'SPRING', 'SUMMER', 'FALL'] });
    expect(seasonal.inputSchema.properties!['first']).toMatchObject({ type: 'integer', default: 25 });
    const search = tools.find((t) => t.name === 'search_anime')!;
    expect(search.inputSchema.properties!['genres']).toMatchObject({ type: 'array', items: { type: 'string' }, description: expect.stringContaining('tags') });
    expect(search.inputSchema.properties!['enhance']).toMatchObject({ type: 'boolean', default: false, description: expect.stringMatching(/^true adds search.nodes.mal, search.nodes.anilist/) });
    expect((search.outputSchema!.properties!['data'] as any).properties.search.properties.nodes.items.properties.title).toEqual(expect.objectContaining({ type: 'string' }));
    expect(names).toContain(toolNameOf('GetAnimeById'));
  });

  it('searches the catalog without calling any upstream', async () => {
    const body = await callJson(client, 'search_anime', { query: 'cowboy bebop', first: 3 });
    const nodes = body.data.search.nodes as Array<Record<string, unknown>>;
    expect(nodes[0]).toMatchObject({ id: 'mal:1', malId: 1 });
    expect(nodes[0]).not.toHaveProperty('mal');
    expect(body.errors).toBeUndefined();
  });

  it('gets an anime by any platform id, a season, and a franchise in watch order', async () => {
    const byAniDb = await callJson(client, 'get_anime_by_id', { anidbId: 23 });
    expect(byAniDb.data.anime).toMatchObject({ id: 'mal:1', anidbId: 23 });
    const seasonal = await callJson(client, 'get_seasonal_anime', { year: 2013, season: 'SPRING', first: 5 });
    expect(seasonal.data.seasonal.nodes).toHaveLength(5);
    expect(seasonal.data.seasonal.pageInfo.endCursor).toEqual(expect.any(String));
    const franchise = await callJson(client, 'get_franchise', { id: 'mal:16498' });
    const ids = (franchise.data.franchise as Array<{ id: string }>).map((a) => a.id);
    expect(ids).toContain('mal:16498');
    expect(ids.length).toBeGreaterThan(3);
  });

  it('answers streaming info from the catalog, with an error entry per unreachable source', async () => {
    const body = await callJson(client, 'get_streaming_info', { malId: 1, region: 'JP' });
    expect(body.data.anime).toMatchObject({ id: 'mal:1', mal: null, kitsu: null });
    expect(Array.isArray(body.data.anime.streamingOffers)).toBe(true);
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['SOURCE_UNAVAILABLE']));
  });

  it('rejects a wrong type, an unknown enum value and a missing required argument with what to fix', async () => {
    const wrongType = await client.callTool({ name: 'search_anime', arguments: { query: 'bebop', first: 'ten' } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/`first` must be a whole number, got "ten"/);
    const badEnum = await client.callTool({ name: 'get_seasonal_anime', arguments: { year: 2013, season: 'AUTUMN' } });
    expect(badEnum.isError).toBe(true);
    expect(textOf(badEnum)).toMatch(/`season` must be one of WINTER, SPRING, SUMMER, FALL, got "AUTUMN"/);
    const missing = await client.callTool({ name: 'get_seasonal_anime', arguments: { season: 'FALL' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/`year` is required/);
    const unknown = await client.callTool({ name: 'get_franchise', arguments: { id: 'mal:1', colour: 'red' } });
    expect(textOf(unknown)).toMatch(/unknown argument `colour`/);
  });

  it('keeps only the asked fields, and the paging info', async () => {
    const body = await callJson(client, 'search_anime', { query: 'shingeki no kyojin', first: 4, fields: ['nodes.title', 'nodes.year'] });
    for (const node of body.data.search.nodes) expect(Object.keys(node).sort()).toEqual(['title', 'year']);
    expect(body.data.search.pageInfo).toHaveProperty('endCursor');
  });

  it('runs any query through execute and explores the schema', async () => {
    const run = await callJson(client, 'execute', { query: '{ anime(malId: 1) { title malId } }' });
    expect(run.data.anime.malId).toBe(1);
    const mutation = await client.callTool({ name: 'execute', arguments: { query: 'mutation { x }' } });
    expect(mutation.isError).toBe(true);
    const found = await callJson(client, 'search_schema', { words: ['streaming'] });
    expect(found.matches.map((m: { name: string }) => m.name)).toContain('Anime.streamingOffers');
    const sdl = await callJson(client, 'introspect', { type: 'AnimeFilter' });
    expect(sdl.sdl).toMatch(/input AnimeFilter/);
  });

  it('reloads the operations folder and sends tools/list_changed', async () => {
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, async () => resolve()));
    await writeFile(join(operationsDir, 'catalog-size.graphql'), '# How many anime the catalog holds.\nquery CatalogSize {\n  catalogInfo {\n    entries\n  }\n}\n');
    await changed;
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'catalog_size');
    expect(tool?.description).toBe('How many anime the catalog holds.');
    const body = await callJson(client, 'catalog_size', {});
    expect(body.data.catalogInfo.entries).toBeGreaterThan(1000);
  });
});
