// The Apollo gateway over the checked-in supergraph. Embedded mode executes a subgraph in-process; distributed mode calls it over HTTP, forwarding the correlation id.
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { withOutcomes } from '../src/http/index.js';
import { recorderOf } from './degradation.js';
import type { RemoteSubgraph } from './fast-path.js';
import { PooledDataSource, type RemoteSubgraphClient } from './remote-subgraph.js';

export interface SubgraphLocations {
  local: Map<string, GraphQLSchema>;
  /** Subgraphs another process serves (distributed mode), each with its HTTP client. */
  remote: ReadonlyMap<string, RemoteSubgraphClient>;
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
      const client = locations.remote.get(name);
      if (client) return new PooledDataSource(client);
      const schema = locations.local.get(name);
      if (!schema) throw new Error(`The supergraph names subgraph "${name}" but this build has none; run \`npm run compose\``);
      return new CachedLocalDataSource(schema);
    },
  });
}

/**
 * The subgraphs other processes serve, for the fast path (fast-path.ts): each one's schema as the
 * supergraph declares it (routing and validation only; this process has none of their data) and
 * a runner that posts a whole operation to it through the same client the planner uses.
 */
export function remoteSubgraphs(supergraphSdl: string, remote: ReadonlyMap<string, RemoteSubgraphClient>): { schemas: Map<string, GraphQLSchema>; runners: Map<string, RemoteSubgraph> } {
  const schemas = new Map<string, GraphQLSchema>();
  const runners = new Map<string, RemoteSubgraph>();
  if (remote.size === 0) return { schemas, runners };
  const subgraphs = Supergraph.build(supergraphSdl).subgraphs();
  for (const [name, client] of remote) {
    const subgraph = subgraphs.get(name);
    if (!subgraph) continue;
    schemas.set(name, subgraph.schema.toGraphQLJSSchema());
    runners.set(name, {
      run: async (request, requestContext) => {
        const { status, body } = await client.post(request, requestContext.context);
        // A refusal (a variable that does not coerce is a 400) goes to the planner, which words it.
        if (status < 200 || status >= 300 || typeof body !== 'object' || body === null) throw new Error(`subgraph ${name} answered HTTP ${status}`);
        return body as Awaited<ReturnType<RemoteSubgraph['run']>>;
      },
    });
  }
  return { schemas, runners };
}
