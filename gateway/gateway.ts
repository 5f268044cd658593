// The Apollo gateway over the checked-in supergraph. Embedded mode executes a subgraph in-process
// (LocalGraphQLDataSource); distributed mode calls it over HTTP, forwarding the correlation id.
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { CORRELATION_HEADER } from './correlation.js';

export interface SubgraphLocations {
  local: Map<string, GraphQLSchema>;
  remote: Map<string, string>;
}

class CorrelatedDataSource extends RemoteGraphQLDataSource<{ correlationId?: string }> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0] & { context: { correlationId?: string } }) {
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}

export function createGateway(supergraphSdl: string, locations: SubgraphLocations): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = locations.remote.get(name);
      if (url) return new CorrelatedDataSource({ url });
      const schema = locations.local.get(name);
      if (!schema) throw new Error(`The supergraph names subgraph "${name}" but this build has none; run \`npm run compose\``);
      return new LocalGraphQLDataSource(schema);
    },
  });
}
