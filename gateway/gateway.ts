// The Apollo gateway over the checked-in supergraph. Embedded mode executes a subgraph in-process; distributed mode calls it over HTTP, forwarding the correlation id.
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { Pool } from 'undici';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { withOutcomes } from '../src/http/index.js';
import { forwardedKeyOf } from '../src/users/index.js';
import { USERS_SUBGRAPH } from '../subgraphs/users/schema.js';
import { CORRELATION_HEADER } from './correlation.js';
import { recorderOf, SOURCE_OUTCOMES_EXTENSION } from './degradation.js';
import type { RemoteSubgraph } from './fast-path.js';

export interface SubgraphLocations {
  local: Map<string, GraphQLSchema>;
  remote: Map<string, string>;
}

// Node's built-in fetch (undici) instead of Apollo's default make-fetch-happen stack, which took
// ~27% of CPU in the distributed benchmark. Same WHATWG shape, different nominal types.
const nodeFetch = globalThis.fetch as unknown as RemoteGraphQLDataSource['fetcher'];

class CorrelatedDataSource extends RemoteGraphQLDataSource<{ correlationId?: string }> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource>[0],
    /** The subgraph this source calls. */
    private readonly subgraph: string,
  ) {
    super(config);
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0] & { context: { correlationId?: string } }) {
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
    // The users subgraph verifies the caller's key itself; no other subgraph ever sees it.
    const key = this.subgraph === USERS_SUBGRAPH ? forwardedKeyOf(context) : undefined;
    if (key) request.http?.headers.set('authorization', key);
  }

  // The remote subgraph's upstream outcomes join the operation's, as embedded ones do directly.
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    const reported = response.extensions?.[SOURCE_OUTCOMES_EXTENSION];
    if (reported !== undefined) recorderOf(context)?.merge(reported);
    return response;
  }
}

const MAX_CACHED_OPERATIONS = 2000;

/**
 * In-process subgraph execution. Apollo's LocalGraphQLDataSource parses and validates every
 * subgraph operation on every request (36% of CPU under load in `npm run bench`); the query
 * planner emits a small, fixed set of operations, so each is parsed and validated once.
 */
class CachedLocalDataSource implements GraphQLDataSource {
  private readonly documents = new Map<string, DocumentNode>();
  constructor(private readonly schema: GraphQLSchema) {}

  async process({ request, context }: Parameters<GraphQLDataSource['process']>[0]) {
    const source = request.query ?? '';
    let document = this.documents.get(source);
    if (!document) {
      document = parse(source);
      const errors = validate(this.schema, document);
      if (errors.length) return { errors };
      if (this.documents.size < MAX_CACHED_OPERATIONS) this.documents.set(source, document);
    }
    const run = () => execute({ schema: this.schema, document, variableValues: request.variables, operationName: request.operationName, contextValue: context });
    // The upstream kit records what each source did into the operation's recorder (degradation.ts).
    const recorder = recorderOf(context);
    const result = await (recorder ? withOutcomes(recorder, run) : run());
    return result as Awaited<ReturnType<GraphQLDataSource['process']>>;
  }
}

export function createGateway(supergraphSdl: string, locations: SubgraphLocations): ApolloGateway {
  // @apollo/gateway otherwise exports usage metrics to Apollo and first probes the AWS, GCP,
  // Azure and Alibaba metadata endpoints to describe the host: outbound traffic nobody asked for
  // (and none is allowed here). An operator who wants it sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = locations.remote.get(name);
      if (url) return new CorrelatedDataSource({ url, fetcher: nodeFetch }, name);
      const schema = locations.local.get(name);
      if (!schema) throw new Error(`The supergraph names subgraph "${name}" but this build has none; run \`npm run compose\``);
      return new CachedLocalDataSource(schema);
    },
  });
}

/**
 * The subgraphs other processes serve, for the fast path (fast-path.ts): each one's schema as the
 * supergraph declares it (routing and validation only; this process has none of their data) and
 * a runner that posts a whole operation to it. The runner sends what the planner's data source
 * sends (the correlation id; the caller's key to the users subgraph only) and merges the sources'
 * outcomes the subgraph reports, but over an undici pool of keep-alive connections: the WHATWG
 * fetch behind Apollo's data source (Request objects, abort signals, header classes) cost the
 * gateway more CPU per request than the subgraph spent answering.
 */
export function remoteSubgraphs(supergraphSdl: string, remote: ReadonlyMap<string, string>): { schemas: Map<string, GraphQLSchema>; runners: Map<string, RemoteSubgraph>; close(): Promise<void> } {
  const schemas = new Map<string, GraphQLSchema>();
  const runners = new Map<string, RemoteSubgraph>();
  const pools: Pool[] = [];
  const close = async () => void (await Promise.all(pools.map((pool) => pool.close())));
  if (remote.size === 0) return { schemas, runners, close };
  const subgraphs = Supergraph.build(supergraphSdl).subgraphs();
  for (const [name, url] of remote) {
    const subgraph = subgraphs.get(name);
    if (!subgraph) continue;
    schemas.set(name, subgraph.schema.toGraphQLJSSchema());
    const target = new URL(url);
    const pool = new Pool(target.origin, { connections: REMOTE_CONNECTIONS, keepAliveTimeout: 30_000 });
    pools.push(pool);
    const path = `${target.pathname}${target.search}`;
    runners.set(name, {
      run: async (request, requestContext) => {
        const context = requestContext.context as { correlationId?: string };
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (context.correlationId) headers[CORRELATION_HEADER] = context.correlationId;
        // The users subgraph verifies the caller's key itself; no other subgraph ever sees it.
        const key = name === USERS_SUBGRAPH ? forwardedKeyOf(context) : undefined;
        if (key) headers['authorization'] = key;
        const { statusCode, body } = await pool.request({ path, method: 'POST', headers, body: JSON.stringify(request) });
        const text = await body.text();
        // A refusal (a variable that does not coerce is a 400) goes to the planner, which words it.
        if (statusCode < 200 || statusCode >= 300) throw new Error(`subgraph ${name} answered HTTP ${statusCode}`);
        const response = JSON.parse(text) as Awaited<ReturnType<RemoteSubgraph['run']>> & { extensions?: Record<string, unknown> };
        const reported = response.extensions?.[SOURCE_OUTCOMES_EXTENSION];
        if (reported !== undefined) recorderOf(context)?.merge(reported);
        return response;
      },
    });
  }
  return { schemas, runners, close };
}

/** Keep-alive connections per remote subgraph for the fast path (the load is one gateway's). */
const REMOTE_CONNECTIONS = 64;
