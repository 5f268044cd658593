// One MCP server (protocol side, transport-free) over a tool set: tools (with log lines and
// progress for the calling session), resources, prompts, completions and logging/setLevel, and
// tools/list_changed + resources/list_changed when the operations folder changes. The low-level SDK Server is used because
// the tools are generated at run time from JSON Schema, not declared with zod.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  LoggingLevelSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type LoggingLevel,
} from '@modelcontextprotocol/sdk/types.js';
import { errorResult } from './answer.js';
import { complete, getPrompt, listPrompts } from './prompts.js';
import { ANIME_TEMPLATE, listResources, readResource } from './resources.js';
import { createToolset } from './tools.js';
import type { McpCaller, Toolset, ToolsetOptions } from './types.js';

export const SERVER_INFO = { name: 'anime-federation', version: '0.1.0' };

const INSTRUCTIONS =
  'Anime data from one offline catalog (~9,000 entries with ids on every platform) and MyAnimeList, AniList, Kitsu and AnimeSchedule. ' +
  'Use search_anime to find titles, get_anime_by_id with any platform id, and the other tools for seasons, franchises, streaming, ratings and schedules. ' +
  'Tools answer from the catalog alone unless `enhance` is true. Every tool takes `fields` to keep the answer small; lists page with `first`/`after`.';

const severity = (level: LoggingLevel) => LoggingLevelSchema.options.indexOf(level);

/** `caller`: who the session runs as (HTTP with a key); the user tools appear only for a user's key. */
export type McpServerOptions = (ToolsetOptions | { toolset: Toolset }) & { caller?: McpCaller };

/**
 * A server over the given tool set (shared by HTTP sessions), or over a new one built from the
 * options; a tool set it built is closed with it.
 */
export async function createMcpServer(options: McpServerOptions): Promise<Server> {
  const owned = !('toolset' in options);
  const toolset = 'toolset' in options ? options.toolset : await createToolset(options);
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: {}, completions: {}, logging: {} },
    instructions: INSTRUCTIONS,
  });
  // One Server per session (stdio, or each HTTP session), so this level is the session's.
  let logLevel: LoggingLevel = 'info';
  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    logLevel = request.params.level;
    return {};
  });
  const caller = options.caller;
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolset.list(caller) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const started = Date.now();
    // On the request's own stream (Streamable HTTP answers it as SSE), so the line reaches the
    // session that asked even without its standalone GET stream.
    // Over HTTP the request's X-Correlation-ID, which the server's own log lines carry too.
    const correlationId = extra.requestInfo?.headers['x-correlation-id'];
    const correlation = typeof correlationId === 'string' ? { correlationId } : {};
    const log = (level: LoggingLevel, data: Record<string, unknown>) =>
      severity(level) < severity(logLevel)
        ? Promise.resolve()
        : extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'tools', data: { tool: name, ...correlation, ...data } } }).catch(() => undefined);
    // An unknown tool does no work: its error answer comes without log lines or progress.
    if (!toolset.list(caller).some((tool) => tool.name === name)) return toolset.call(name, request.params.arguments ?? {});
    // Progress counts the steps the tool reports (running, re-asking a smaller page, shaping);
    // how many there will be is known only at the end, so `total` comes with the last one.
    const token = request.params._meta?.progressToken;
    let steps = 0;
    // Sent in order, and all of them before the answer.
    let sent = Promise.resolve();
    const notify = (params: { progress: number; total?: number; message: string }) => {
      if (token === undefined || extra.signal.aborted) return sent;
      const notification = { method: 'notifications/progress' as const, params: { progressToken: token, ...params } };
      return (sent = sent.then(() => extra.sendNotification(notification)).catch(() => undefined));
    };
    await log('debug', { message: `calling ${name}` });
    try {
      const result = await toolset.call(name, request.params.arguments ?? {}, {
        signal: extra.signal,
        ...(caller ? { caller } : {}),
        progress: (message) => void notify({ progress: steps++, message }),
      });
      await log(result.isError ? 'warning' : 'info', { message: `${name} ${result.isError ? 'failed' : 'answered'} in ${Date.now() - started} ms` });
      await notify({ progress: steps, total: steps, message: 'done' });
      return result;
    } catch (error) {
      // notifications/cancelled: the work stopped where it was; the SDK sends no answer for a
      // cancelled request, so this result is only for the log.
      if (extra.signal.aborted) {
        // The request's own stream takes nothing once it is cancelled: this line goes out on the
        // session's standalone stream.
        const data = { tool: name, ...correlation, message: `${name} cancelled by the client after ${Date.now() - started} ms` };
        if (severity('info') >= severity(logLevel)) await server.notification({ method: 'notifications/message', params: { level: 'info', logger: 'tools', data } }).catch(() => undefined);
        return errorResult(`${name} was cancelled`);
      }
      await log('warning', { message: `${name} failed in ${Date.now() - started} ms: ${(error as Error).message}` });
      // An executor failure is the tool's error, not the protocol's: the client can retry or rephrase.
      return errorResult(`The tool failed: ${(error as Error).message}`);
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, async (request) => listResources(toolset, request.params?.cursor));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: [ANIME_TEMPLATE] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => readResource(toolset, request.params.uri));
  server.setRequestHandler(ListPromptsRequestSchema, async () => listPrompts());
  server.setRequestHandler(GetPromptRequestSchema, async (request) => getPrompt(request.params.name, request.params.arguments));
  server.setRequestHandler(CompleteRequestSchema, async (request) => complete(toolset, request.params.ref, request.params.argument));
  const unsubscribe = toolset.onChange(() => {
    server.sendToolListChanged().catch(() => undefined);
    // Every persisted operation is also a resource.
    server.sendResourceListChanged().catch(() => undefined);
  });
  const previous = server.onclose;
  server.onclose = () => {
    unsubscribe();
    if (owned) toolset.close();
    previous?.();
  };
  return server;
}
