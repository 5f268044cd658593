// MCP over Streamable HTTP on the main Fastify server: POST for requests, GET for the server's
// SSE stream (tools/list_changed), DELETE to end a session. Sessions are stateful (Mcp-Session-Id)
// and end after an idle time; every session has its own protocol server over one shared tool set.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from './server.js';
import { createToolset } from './tools.js';
import type { McpCaller, Toolset, ToolsetOptions } from './types.js';

export type McpRoutesOptions = (ToolsetOptions | { toolset: Toolset }) & {
  /** Where to mount; default `/mcp`. */
  path?: string;
  /** A session unused this long is closed; default 30 minutes. */
  sessionIdleMs?: number;
  /** Open sessions at most; a new one beyond it gets 503 until others end or expire. Default 1000. */
  maxSessions?: number;
  /** Who sends a request (its verified key); the session runs as the caller that initialized it. */
  identify?: (request: FastifyRequest) => McpCaller | undefined;
};

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  lastSeen: number;
  caller: McpCaller | undefined;
}

const SESSION_HEADER = 'mcp-session-id';
const CORRELATION_HEADER = 'x-correlation-id';

export async function registerMcpRoutes(app: FastifyInstance, options: McpRoutesOptions): Promise<{ sessions: () => number; toolset: Toolset }> {
  const path = options.path ?? '/mcp';
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 1000;
  const owned = !('toolset' in options);
  const toolset = 'toolset' in options ? options.toolset : await createToolset(options);
  const sessions = new Map<string, Session>();

  const end = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.server.close().catch(() => undefined);
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, session] of sessions) if (now - session.lastSeen > idleMs) void end(id);
  }, Math.min(idleMs, 60_000));
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await Promise.all([...sessions.keys()].map(end));
    if (owned) toolset.close();
  });

  const jsonRpcError = (reply: FastifyReply, status: number, message: string) =>
    reply.status(status).send({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = request.headers[SESSION_HEADER];
    const sessionId = Array.isArray(id) ? id[0] : id;
    let session = sessionId ? sessions.get(sessionId) : undefined;
    if (sessionId && !session) return jsonRpcError(reply, 404, 'Session not found or expired; start a new one with initialize');
    const caller = options.identify?.(request);
    // A user's session acts on their data: only the key that opened it may go on using it (a
    // session id seen by someone else is not a way into the account).
    if (session?.caller?.userId && session.caller.keyId !== caller?.keyId) return jsonRpcError(reply, 403, 'This MCP session belongs to another API key; send the key that initialized it, or start a new session');
    if (!session) {
      if (request.method !== 'POST' || !isInitializeRequest(request.body)) return jsonRpcError(reply, 400, 'No session: send initialize first (without Mcp-Session-Id)');
      if (sessions.size >= maxSessions) return jsonRpcError(reply, 503, 'Too many open MCP sessions; try again later');
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (newId) => {
          sessions.set(newId, created);
        },
      });
      const server = await createMcpServer({ toolset, ...(caller ? { caller } : {}) });
      const created: Session = { transport, server, lastSeen: Date.now(), caller };
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      session = created;
    }
    session.lastSeen = Date.now();
    // The transport writes the response itself (JSON or an SSE stream), so headers other hooks
    // set on the reply (CORS) must reach the raw response first.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    reply.hijack();
    // The transport reads headers from rawHeaders; the request's correlation id (the caller's, or
    // the one Fastify made) goes there so the session's log lines can name it.
    const raw = request.raw.rawHeaders;
    const others = raw.flatMap((value, i) => (i % 2 === 0 && value.toLowerCase() !== CORRELATION_HEADER ? [value, raw[i + 1]!] : []));
    request.raw.rawHeaders = [...others, CORRELATION_HEADER, request.id];
    await session.transport.handleRequest(request.raw, reply.raw, request.body);
    if (request.method === 'DELETE' && sessionId) await end(sessionId);
  };

  app.post(path, handle);
  app.get(path, handle);
  app.delete(path, handle);
  return { sessions: () => sessions.size, toolset };
}
