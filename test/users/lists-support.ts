// Test support for list import and linking: a gateway composed from the real catalog subgraph and
// the users subgraph built with a given configuration and upstream kit (pointed at loopback
// stand-ins), and the MAL recording of test/fixtures/upstream/mal routed on a replay server.
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { randomBytes } from 'node:crypto';
import { parse, type GraphQLSchema } from 'graphql';
import { createGateway } from '../../gateway/gateway.js';
import { Authenticator } from '../../src/auth/authenticator.js';
import { KeyStore } from '../../src/auth/index.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import type { Store } from '../../src/store/index.js';
import { viewerContext, type UsersService } from '../../src/users/index.js';
import { buildCatalogSchema, CATALOG_SUBGRAPH } from '../../subgraphs/catalog/schema.js';
import { buildUsersSchema, USERS_SUBGRAPH } from '../../subgraphs/users/schema.js';
import type { ReplayServer } from '../replay/server.js';
import type { UsersGateway } from './support.js';

export const MAL_PAGE = 'test/fixtures/upstream/mal/users-roshizzle-animelist-page1.json';
/** The MAL ids of that recording, in its order. */
export const MAL_PAGE_IDS = [31646, 38101, 39783, 41457, 32998, 11759, 22199, 41433, 8676, 6547];

export const tokenKey = () => randomBytes(32).toString('base64');

export function testKit(config: Config): UpstreamKitWithStats {
  // One attempt, no waits: a refused request is an answer here, not something to retry.
  return createUpstreamKit(config, { namespace: `lists-${randomBytes(4).toString('hex')}`, policy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
}

/**
 * MAL's `GET /v2/users/roshizzle/animelist`: the recorded first page (10 entries, `paging.next` at
 * offset 10). Only that page was recorded; its `next` link is served the same page again, which
 * the reader must treat as the end (a next link that does not advance), so the list is those 10.
 */
export function routeMalList(replay: ReplayServer, user = 'roshizzle'): void {
  replay.route({ method: 'GET', path: `/v2/users/${user}/animelist`, file: MAL_PAGE, headers: { 'content-type': 'application/json; charset=UTF-8' } });
}

export async function listsGateway(catalog: Catalog, service: UsersService, store: Store, config: Config, upstream: UpstreamKitWithStats): Promise<UsersGateway> {
  const schemas = new Map<string, GraphQLSchema>([
    [CATALOG_SUBGRAPH, await buildCatalogSchema(catalog)],
    [USERS_SUBGRAPH, await buildUsersSchema({ catalog, config, users: service, store: async () => store, upstream })],
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
