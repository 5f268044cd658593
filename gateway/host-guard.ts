// Localhost protection for every HTTP front door (/graphql and GraphiQL, /mcp, /api, /health):
// a server bound to loopback answers only requests addressed to a loopback name, so a web page
// whose DNS name is rebound to 127.0.0.1 cannot drive it, and only pages served from loopback
// (or listed origins) may call it from a browser. Exposed servers apply the configured
// allowlists. CORS is an explicit policy from configuration (none by default).
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../src/config/index.js';

export type HostGuardConfig = Pick<Config, 'HOST' | 'ALLOWED_HOSTS' | 'ALLOWED_ORIGINS' | 'CORS_ORIGINS'>;

export type GuardRefusal = { code: 'FORBIDDEN_HOST' | 'FORBIDDEN_ORIGIN'; message: string };

/** True for names that can only reach this machine: localhost, *.localhost, 127.0.0.0/8, [::1]. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** The name part of a Host header (`localhost:4000` → `localhost`, `[::1]:4000` → `[::1]`); null when malformed. */
export function hostnameOf(hostHeader: string): string | null {
  const value = hostHeader.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^\s:[\]/@]+)(?::\d{1,5})?$/.exec(value);
  return match ? match[1]!.replace(/\.$/, '') : null;
}

/** Whether `HOST` binds only the loopback interface. */
export function bindsLoopback(host: string): boolean {
  return isLoopbackName(host.startsWith('[') || !host.includes(':') ? host : `[${host}]`);
}

/** The decision for one request's `Host` and `Origin` headers: null to serve it, else why not. */
export function checkRequest(config: HostGuardConfig, host: string | undefined, origin: string | undefined): GuardRefusal | null {
  const loopback = bindsLoopback(config.HOST);
  const name = host === undefined ? null : hostnameOf(host);
  const anyHost = config.ALLOWED_HOSTS.includes('*') || (!loopback && config.ALLOWED_HOSTS.length === 0);
  if (!anyHost && (name === null || !(isLoopbackName(name) || config.ALLOWED_HOSTS.includes(name)))) {
    const allowed = ['localhost', '127.0.0.1', '[::1]', ...config.ALLOWED_HOSTS].join(', ');
    return {
      code: 'FORBIDDEN_HOST',
      message: `Host ${JSON.stringify(host ?? '')} is not served here (allowed: ${allowed}; set ALLOWED_HOSTS to add names)`,
    };
  }
  if (origin === undefined) return null;
  const origins = [...config.ALLOWED_ORIGINS, ...config.CORS_ORIGINS];
  const anyOrigin = origins.includes('*') || (!loopback && config.ALLOWED_ORIGINS.length === 0);
  if (anyOrigin || origins.includes(origin.toLowerCase()) || isLoopbackOrigin(origin)) return null;
  return {
    code: 'FORBIDDEN_ORIGIN',
    message: `Origin ${JSON.stringify(origin)} may not call this server (loopback pages only; set ALLOWED_ORIGINS or CORS_ORIGINS to add origins)`,
  };
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
  } catch {
    // `null` (sandboxed frames, file: pages) and garbage are not loopback pages.
    return false;
  }
}

/** The refusal in the shape each door's clients read. */
function refuse(request: FastifyRequest, reply: FastifyReply, refusal: GuardRefusal) {
  const path = request.url.split('?')[0]!;
  request.log.warn({ host: request.headers.host, origin: request.headers.origin, code: refusal.code }, 'request refused by the host guard');
  reply.status(403).type('application/json; charset=utf-8');
  if (path === '/graphql' || path.startsWith('/graphql/')) {
    return reply.send({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  }
  // As the MCP SDK's own DNS-rebinding check answers: a JSON-RPC error with no id.
  if (path === '/mcp' || path.startsWith('/mcp/') || path.startsWith('/mcp-')) {
    return reply.send({ jsonrpc: '2.0', error: { code: -32000, message: refusal.message, data: { code: refusal.code } }, id: null });
  }
  return reply.send({ error: refusal });
}

/** Registers the guard (before any route) and the CORS policy on the root instance. */
export async function registerHostGuard(app: FastifyInstance, config: HostGuardConfig): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const refusal = checkRequest(config, request.headers.host, Array.isArray(origin) ? origin[0] : origin);
    if (refusal) return refuse(request, reply, refusal);
  });
  if (config.CORS_ORIGINS.length === 0) return;
  await app.register(cors, {
    origin: config.CORS_ORIGINS.includes('*') ? '*' : config.CORS_ORIGINS,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['mcp-session-id', 'x-correlation-id'],
    maxAge: 600,
  });
}
