// One embedded server per test file, on the real catalog (loaded once; ~5–8 s), listening on a
// loopback port: jest's module runtime cannot load light-my-request (Fastify's inject), so tests
// speak real HTTP.
import { createApp, type App } from '../../gateway/app.js';

export interface TestApp extends App {
  url: string;
}

export async function startTestApp(): Promise<TestApp> {
  const app = await createApp({ logger: false });
  const url = await app.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...app, url };
}

export interface GraphQLResponseBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function request(app: TestApp, path: string, init: RequestInit = {}) {
  const response = await fetch(`${app.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export async function postGraphQL(app: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await request(app, '/graphql', {
    method: 'POST',
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.status, headers: response.headers, body: response.json() as GraphQLResponseBody };
}
