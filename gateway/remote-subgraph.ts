// One HTTP client per subgraph another process serves (distributed mode), shared by the query
// planner's data source and the fast path's whole-operation runner: one undici pool of keep-alive
// connections, and one place that decides what a subgraph request carries.
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Pool } from 'undici';
import { forwardedKeyOf } from '../src/users/index.js';
import { USERS_SUBGRAPH } from '../subgraphs/users/schema.js';
import { CORRELATION_HEADER } from './correlation.js';
import { recorderOf, SOURCE_OUTCOMES_EXTENSION } from './degradation.js';

let poolClass: typeof Pool | undefined;
/** undici (~110 modules) is loaded by the first remote subgraph: the embedded gateway has none. */
function undiciPool(): typeof Pool {
  return (poolClass ??= (createRequire(import.meta.url)('undici') as typeof import('undici')).Pool);
}

/** Keep-alive connections per remote subgraph (the load is one gateway's). */
const CONNECTIONS = 64;

export interface SubgraphRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

export interface SubgraphAnswer {
  status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

type GraphQLBody = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Posts GraphQL requests to one subgraph. What it sends is what the embedded mode has in its
 * context: the correlation id, and the caller's key to the users subgraph only (which verifies it
 * itself; no other subgraph ever sees it). What the subgraph reports its upstream sources did
 * joins the operation's outcomes, as embedded ones do directly. Undici's pool rather than the
 * WHATWG fetch behind Apollo's RemoteGraphQLDataSource: its Request objects, abort signals and
 * header classes cost the gateway more CPU per request than the subgraph spent answering.
 */
export class RemoteSubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    readonly name: string,
    readonly url: string,
  ) {
    const target = new URL(url);
    this.pool = new (undiciPool())(target.origin, { connections: CONNECTIONS, keepAliveTimeout: 30_000 });
    this.path = `${target.pathname}${target.search}`;
  }

  async post(request: SubgraphRequest, context: object): Promise<SubgraphAnswer> {
    const { correlationId } = context as { correlationId?: string };
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (correlationId) headers[CORRELATION_HEADER] = correlationId;
    const key = this.name === USERS_SUBGRAPH ? forwardedKeyOf(context) : undefined;
    if (key) headers['authorization'] = key;
    const { statusCode, body } = await this.pool.request({ path: this.path, method: 'POST', headers, body: JSON.stringify(request) });
    const text = await body.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): the caller words it.
    }
    const reported = isObject(parsed) ? (parsed['extensions'] as Record<string, unknown> | undefined)?.[SOURCE_OUTCOMES_EXTENSION] : undefined;
    if (reported !== undefined) recorderOf(context)?.merge(reported);
    return { status: statusCode, body: parsed };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * The query planner's data source for a remote subgraph. Errors read as Apollo's own
 * RemoteGraphQLDataSource words them (`503: Service Unavailable`, with the response in
 * `extensions.response`), so a client sees the same failure whichever path ran. Subgraph
 * Cache-Control headers are not honoured: HTTP caching is decided by the fast path
 * (`httpCacheHeaders`), in embedded and distributed mode alike.
 */
export class PooledDataSource implements GraphQLDataSource {
  constructor(private readonly client: RemoteSubgraphClient) {}

  async process({ request, context }: Parameters<GraphQLDataSource['process']>[0]): Promise<GraphQLBody> {
    const { query, operationName, variables, extensions } = request;
    const { status, body } = await this.client.post({ query, ...(operationName ? { operationName } : {}), ...(variables ? { variables } : {}), ...(extensions ? { extensions } : {}) }, context);
    if (status < 200 || status >= 300) {
      const statusText = STATUS_CODES[status] ?? '';
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
      throw new GraphQLError(`${status}: ${statusText}`, { extensions: { response: { url: this.client.url, status, statusText, body }, ...(code ? { code } : {}) } });
    }
    if (!isObject(body)) throw new Error(`Expected JSON response body, but received: ${String(body).slice(0, 200)}`);
    return body as GraphQLBody;
  }
}

/** The clients of every remote subgraph, by name. */
export function remoteClients(remote: ReadonlyMap<string, string>): { clients: Map<string, RemoteSubgraphClient>; close(): Promise<void> } {
  const clients = new Map([...remote].map(([name, url]) => [name, new RemoteSubgraphClient(name, url)] as const));
  return { clients, close: async () => void (await Promise.all([...clients.values()].map((client) => client.close()))) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
