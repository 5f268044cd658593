// The three front doors an access decision applies to, and each one's error shape: GraphQL's
// `errors` list, REST's `{ error }` body, and a JSON-RPC error for MCP.
import type { FastifyReply } from 'fastify';
import type { AccessError } from './errors.js';

export type Door = 'graphql' | 'rest' | 'mcp';

export function doorOf(path: string): Door | null {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/api/')) return 'rest';
  if (path === '/mcp' || path.startsWith('/mcp/')) return 'mcp';
  return null;
}

// JSON-RPC's range for server-defined errors; one number per kind of refusal.
const JSON_RPC_CODES: Record<number, number> = { 400: -32602, 401: -32001, 403: -32003, 429: -32029 };

export function errorPayload(door: Door, error: AccessError): Record<string, unknown> {
  if (door === 'graphql') return { errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] };
  if (door === 'rest') return { error: { code: error.code, message: error.message, details: error.details } };
  return { jsonrpc: '2.0', error: { code: JSON_RPC_CODES[error.status] ?? -32000, message: error.message, data: { code: error.code, ...error.details } }, id: null };
}

export function sendAccessError(reply: FastifyReply, door: Door, error: AccessError): FastifyReply {
  if (error.retryAfterS !== undefined) void reply.header('retry-after', String(error.retryAfterS));
  if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="anime-federation"');
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorPayload(door, error));
}
