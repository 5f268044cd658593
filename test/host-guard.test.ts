// Localhost protection with forged Host and Origin headers over a real socket (jest cannot load
// Fastify's inject): the real app on its doors, then the allowlists and CORS on a bare Fastify
// with only the guard, configured as each mode would be.
import { request as httpRequest } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { checkRequest, registerHostGuard } from '../gateway/host-guard.js';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { startTestApp, type TestApp } from './support/app.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One request with exactly the headers given (fetch would not let a test forge Host). */
function send(url: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON (GraphiQL's HTML)
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const graphqlQuery = JSON.stringify({ query: '{ anime(malId: 1) { title } }' });
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'host-guard-test', version: '1.0.0' } },
});
const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('the real app bound to loopback (default HOST)', () => {
  let app: TestApp;
  let port: string;
  beforeAll(async () => {
    app = await startTestApp();
    port = new URL(app.url).port;
  }, 120_000);
  afterAll(async () => app?.close());

  it('refuses a foreign Host on every door with 403 and a message in that door\'s shape', async () => {
    const host = { host: `evil.example.com:${port}` };
    const graphql = await send(app.url, '/graphql', { ...host, 'content-type': 'application/json' }, 'POST', graphqlQuery);
    expect(graphql.status).toBe(403);
    expect(graphql.body).toEqual({ errors: [{ message: expect.stringContaining('evil.example.com'), extensions: { code: 'FORBIDDEN_HOST' } }] });
    expect(graphql.body).not.toHaveProperty('data');
    const graphiql = await send(app.url, '/graphql', { ...host, accept: 'text/html' });
    expect(graphiql.status).toBe(403);
    const mcp = await send(app.url, '/mcp', { ...host, ...mcpHeaders }, 'POST', initialize);
    expect(mcp.status).toBe(403);
    expect(mcp.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000, data: { code: 'FORBIDDEN_HOST' } } });
    expect(mcp.headers['mcp-session-id']).toBeUndefined();
    const health = await send(app.url, '/health', host);
    expect(health.status).toBe(403);
    expect(health.body).toEqual({ error: { code: 'FORBIDDEN_HOST', message: expect.stringContaining('ALLOWED_HOSTS') } });
    // A rebound name that merely contains "localhost".
    expect((await send(app.url, '/health', { host: 'attacker.localhost.evil.com' })).status).toBe(403);
  });

  it('refuses a foreign Origin even when the Host is loopback', async () => {
    const headers = { host: `localhost:${port}`, origin: 'http://evil.example.com', 'content-type': 'application/json' };
    const graphql = await send(app.url, '/graphql', headers, 'POST', graphqlQuery);
    expect(graphql.status).toBe(403);
    expect(graphql.body.errors[0].extensions.code).toBe('FORBIDDEN_ORIGIN');
    const mcp = await send(app.url, '/mcp', { ...headers, ...mcpHeaders }, 'POST', initialize);
    expect(mcp.status).toBe(403);
    expect((await send(app.url, '/health', { host: `127.0.0.1:${port}`, origin: 'null' })).status).toBe(403);
  });

  it('serves loopback names with any port, with or without a loopback Origin', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost', `app.localhost:${port}`, `LOCALHOST:${port}`]) {
      const health = await send(app.url, '/health', { host });
      expect({ host, status: health.status }).toEqual({ host, status: 200 });
    }
    const graphql = await send(app.url, '/graphql', { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json' }, 'POST', graphqlQuery);
    expect(graphql.status).toBe(200);
    expect(graphql.body.data.anime.title).toBe('Cowboy Bebop');
    const mcp = await send(app.url, '/mcp', { host: `127.0.0.1:${port}`, origin: 'http://localhost:5173', ...mcpHeaders }, 'POST', initialize);
    expect(mcp.status).toBe(200);
    expect(mcp.headers['mcp-session-id']).toEqual(expect.any(String));
    // No CORS policy configured: no Access-Control-Allow-Origin, even for a loopback page.
    expect(graphql.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('allowlists and CORS (guard on a bare Fastify)', () => {
  const servers: FastifyInstance[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  async function guarded(env: Record<string, string>): Promise<string> {
    const app = Fastify();
    await registerHostGuard(app, loadConfig(env));
    app.get('/health', async () => ({ status: 'ok' }));
    app.post('/graphql', async () => ({ data: { ok: true } }));
    servers.push(app);
    return app.listen({ port: 0, host: '127.0.0.1' });
  }

  it('exposed without an allowlist: any Host and any Origin', async () => {
    const url = await guarded({ HOST: '0.0.0.0' });
    expect((await send(url, '/health', { host: 'anime.example.org' })).status).toBe(200);
    expect((await send(url, '/health', { host: 'anime.example.org', origin: 'https://elsewhere.example' })).status).toBe(200);
  });

  it('exposed with ALLOWED_HOSTS / ALLOWED_ORIGINS: only those (and loopback) pass', async () => {
    const url = await guarded({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'anime.example.org, api.example.org', ALLOWED_ORIGINS: 'https://app.example.org' });
    expect((await send(url, '/health', { host: 'API.example.org:8443' })).status).toBe(200);
    expect((await send(url, '/health', { host: 'localhost:4000' })).status).toBe(200);
    const foreign = await send(url, '/graphql', { host: 'evil.example.com', 'content-type': 'application/json' }, 'POST', '{}');
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors[0].extensions.code).toBe('FORBIDDEN_HOST');
    expect((await send(url, '/health', { host: 'anime.example.org', origin: 'https://app.example.org' })).status).toBe(200);
    const badOrigin = await send(url, '/health', { host: 'anime.example.org', origin: 'https://evil.example.com' });
    expect(badOrigin.status).toBe(403);
    expect(badOrigin.body.error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('exposed with only ALLOWED_ORIGINS: any Host, Origin still checked', async () => {
    const url = await guarded({ HOST: '192.168.1.20', ALLOWED_ORIGINS: 'https://app.example.org' });
    expect((await send(url, '/health', { host: 'whatever.example' })).status).toBe(200);
    expect((await send(url, '/health', { host: 'whatever.example', origin: 'https://evil.example.com' })).status).toBe(403);
  });

  it('loopback with ALLOWED_HOSTS adds names to the loopback ones', async () => {
    const url = await guarded({ HOST: 'localhost', ALLOWED_HOSTS: 'anime.internal' });
    expect((await send(url, '/health', { host: 'anime.internal:4000' })).status).toBe(200);
    expect((await send(url, '/health', { host: 'evil.example.com' })).status).toBe(403);
  });

  it('CORS: preflight and answers name only the configured origins', async () => {
    const url = await guarded({ CORS_ORIGINS: 'https://app.example.org' });
    const preflight = await send(url, '/graphql', { host: 'localhost', origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    const post = await send(url, '/graphql', { host: 'localhost', origin: 'https://app.example.org', 'content-type': 'application/json' }, 'POST', '{}');
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(String(post.headers['access-control-expose-headers'])).toContain('mcp-session-id');
    const foreign = await send(url, '/graphql', { host: 'localhost', origin: 'https://evil.example.com', 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    // Without CORS_ORIGINS a preflight gets no allow header at all.
    const plain = await guarded({});
    expect((await send(plain, '/graphql', { host: 'localhost', origin: 'http://localhost:5173', 'access-control-request-method': 'POST' }, 'OPTIONS')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the decision and its configuration', () => {
  const loopback = loadConfig({});
  it('reads Host names with ports, IPv6 brackets and trailing dots', () => {
    expect(checkRequest(loopback, '[::1]:4000', undefined)).toBeNull();
    expect(checkRequest(loopback, 'localhost.:4000', undefined)).toBeNull();
    expect(checkRequest(loopback, '127.0.0.1.nip.io', undefined)?.code).toBe('FORBIDDEN_HOST');
    expect(checkRequest(loopback, undefined, undefined)?.code).toBe('FORBIDDEN_HOST');
    expect(checkRequest(loopback, 'localhost@evil.com', undefined)?.code).toBe('FORBIDDEN_HOST');
    expect(checkRequest(loopback, 'localhost', 'file://')?.code).toBe('FORBIDDEN_ORIGIN');
  });
  it('rejects malformed lists at start-up with the variable named', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'app.example.org' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'http://x.org' })).toThrow(ConfigError);
    expect(loadConfig({ CORS_ORIGINS: ' https://A.example.org/ ,http://localhost:3000' }).CORS_ORIGINS).toEqual(['https://a.example.org', 'http://localhost:3000']);
  });
});
