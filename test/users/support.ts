// Test support for the users suites: the two stores (an SQLite temp file; a fresh PostgreSQL
// schema, dropped after), a gateway composed from the real catalog subgraph and the users subgraph
// (the checked-in supergraph does not list `users` until the lead registers it), and contexts
// built the way the app builds them: the request's key verified by the real Authenticator.
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { createGateway } from '../../gateway/gateway.js';
import { Authenticator } from '../../src/auth/authenticator.js';
import { KeyStore } from '../../src/auth/index.js';
import type { Catalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { Store } from '../../src/store/index.js';
import { viewerContext, type UsersService } from '../../src/users/index.js';
import { buildCatalogSchema, CATALOG_SUBGRAPH } from '../../subgraphs/catalog/schema.js';
import { buildUsersSchema, USERS_SUBGRAPH, type UsersServices } from '../../subgraphs/users/schema.js';

export interface UsersGateway {
  /** Runs an operation as the holder of `key` (anonymous when undefined), as /graphql would. */
  run(query: string, variables?: Record<string, unknown>, key?: string): Promise<{ data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> }>;
  users: GraphQLSchema;
  close(): Promise<void>;
}

export async function usersGateway(catalog: Catalog, service: UsersService, store: Store, extra: Partial<UsersServices> = {}): Promise<UsersGateway> {
  const config = loadConfig({});
  const schemas = new Map<string, GraphQLSchema>([
    [CATALOG_SUBGRAPH, await buildCatalogSchema(catalog)],
    [USERS_SUBGRAPH, await buildUsersSchema({ catalog, config, users: service, store: async () => store, ...extra })],
  ]);
  const composed = composeServices([...schemas].map(([name, schema]) => ({ name, url: `http://${name}.subgraph.local/graphql`, typeDefs: parse(printSubgraphSchema(schema)) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const apollo = new ApolloServer({ gateway: createGateway(composed.supergraphSdl, { local: schemas, remote: new Map() }), includeStacktraceInErrorResponses: false });
  await apollo.start();
  const authenticator = new Authenticator(async () => new KeyStore(store.db), 'free');
  return {
    users: schemas.get(USERS_SUBGRAPH)!,
    async run(query, variables = {}, key) {
      const principal = await authenticator.authenticate(key === undefined ? {} : { authorization: `Bearer ${key}` }, '127.0.0.1');
      const response = await apollo.executeOperation({ query, variables }, { contextValue: { correlationId: 'test', ...viewerContext(principal) } });
      if (response.body.kind !== 'single') throw new Error('incremental delivery');
      return response.body.singleResult as never;
    },
    close: () => apollo.stop(),
  };
}

/** Every row of every table, as text: for "nothing of this user is left" checks. */
export async function allRows(store: Store): Promise<Array<{ table: string; row: string }>> {
  const tables =
    store.dialect === 'sqlite'
      ? (await store.db.selectFrom('sqlite_master' as never).select('name' as never).where('type' as never, '=', 'table' as never).execute()).map((r) => (r as { name: string }).name)
      : ((await store.db.selectFrom('information_schema.tables' as never).select('table_name' as never).where('table_schema' as never, '=', store.db.fn('current_schema' as never) as never).execute()) as Array<{ table_name: string }>).map((r) => r.table_name);
  const out: Array<{ table: string; row: string }> = [];
  for (const table of tables) {
    for (const row of await store.db.selectFrom(table as never).selectAll().execute()) out.push({ table, row: JSON.stringify(row) });
  }
  return out;
}
