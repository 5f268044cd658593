// One MCP server (protocol side, transport-free) over a tool set: tools/list and tools/call, and
// tools/list_changed when the operations folder changes. The low-level SDK Server is used because
// the tools are generated at run time from JSON Schema, not declared with zod.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { errorResult } from './answer.js';
import { createToolset } from './tools.js';
import type { Toolset, ToolsetOptions } from './types.js';

export const SERVER_INFO = { name: 'anime-federation', version: '0.1.0' };

const INSTRUCTIONS =
  'Anime data from one offline catalog (~9,000 entries with ids on every platform) and MyAnimeList, AniList, Kitsu and AnimeSchedule. ' +
  'Use search_anime to find titles, get_anime_by_id with any platform id, and the other tools for seasons, franchises, streaming, ratings and schedules. ' +
  'Tools answer from the catalog alone unless `enhance` is true. Every tool takes `fields` to keep the answer small; lists page with `first`/`after`.';

export type McpServerOptions = ToolsetOptions | { toolset: Toolset };

/**
 * A server over the given tool set (shared by HTTP sessions), or over a new one built from the
 * options; a tool set it built is closed with it.
 */
export async function createMcpServer(options: McpServerOptions): Promise<Server> {
  const owned = !('toolset' in options);
  const toolset = 'toolset' in options ? options.toolset : await createToolset(options);
  const server = new Server(SERVER_INFO, { capabilities: { tools: { listChanged: true } }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolset.list() }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    try {
      return await toolset.call(request.params.name, request.params.arguments ?? {});
    } catch (error) {
      // An executor failure is the tool's error, not the protocol's: the client can retry or rephrase.
      return errorResult(`The tool failed: ${(error as Error).message}`);
    }
  });
  const unsubscribe = toolset.onChange(() => {
    server.sendToolListChanged().catch(() => undefined);
  });
  const previous = server.onclose;
  server.onclose = () => {
    unsubscribe();
    if (owned) toolset.close();
    previous?.();
  };
  return server;
}
