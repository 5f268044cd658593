// Embedded mode: the Apollo gateway plans over the checked-in supergraph and executes every
// subgraph in-process (LocalGraphQLDataSource), so one process serves everything.
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';

export function createEmbeddedGateway(supergraphSdl: string, schemas: Map<string, GraphQLSchema>): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const schema = schemas.get(name);
      if (!schema) throw new Error(`The supergraph names subgraph "${name}" but this build has none; run \`npm run compose\``);
      return new LocalGraphQLDataSource(schema);
    },
  });
}
