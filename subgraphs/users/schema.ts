// The users subgraph: `viewer` (the signed-in user's preferences and watchlist), its mutations, and
// `Anime.viewer` on the catalog's Anime by `id`. Data lives in the local store (src/store, tables
// `users`, `user_*`); the user is the one of the request's API key, which the gateway puts in the
// context (src/users/context.ts). Served alone (distributed mode) it gets no key, so `viewer` is null.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { openStore, storeTarget, type Store } from '../../src/store/index.js';
import { UsersService } from '../../src/users/index.js';
import type { SimilaritySource } from '../../src/users/recommend/index.js';
import { SharesService } from '../../src/users/shares/index.js';
import { createSimilarityService } from '../similarity/schema.js';
import { recommendationResolvers } from './recommendations.js';
import { AnimeViewerResolver, ViewerResolver } from './resolvers.js';
import { alertResolvers, type AlertResolverServices } from './alerts.js';
import { shareResolvers } from './shares.js';
import { listResolvers } from './lists.js';
import type { Anime } from './types.js';

export const USERS_SUBGRAPH = 'users';

export interface UsersServices extends Partial<Pick<AlertResolverServices, 'upstream' | 'alerts'>> {
  /** Checks anime ids and genres against it. */
  catalog: Catalog;
  config: Config;
  /**
   * The app's store (opened on first use). Without it the subgraph opens its own from the
   * configuration when a user field first needs it.
   */
  store?: () => Promise<Store>;
  /** The service to use (the app shares one with the REST routes); built from the above when absent. */
  users?: UsersService;
  log?: { warn(obj: object, msg: string): void };
  /** The similarity layer for recommendations (the app shares the similarity subgraph's); made on first use when absent. */
  similarity?: SimilaritySource;
  /** Users with a liked entry before the server's own co-occurrence signal counts (src/users/recommend). */
  cooccurrenceMinUsers?: number;
}

export async function buildUsersSchema(services: UsersServices): Promise<GraphQLSchema> {
  const { catalog, config } = services;
  let own: Promise<Store> | null = null;
  const store = services.store ?? (() => (own ??= openStore(storeTarget(config)).catch((error: unknown) => ((own = null), Promise.reject(error)))));
  let similarity = services.similarity;
  const service = services.users ?? new UsersService({ store, catalog, config, ...(services.log ? { log: services.log } : {}) });
  const instances = new Map<unknown, unknown>([
    [AnimeViewerResolver, new AnimeViewerResolver(service)],
    [ViewerResolver, new ViewerResolver(service)],
    ...alertResolvers(services, service, store),
    ...recommendationResolvers({ catalog, store, similarity: () => (similarity ??= createSimilarityService(catalog, config)), ...(services.cooccurrenceMinUsers !== undefined ? { cooccurrenceMinUsers: services.cooccurrenceMinUsers } : {}) }),
    ...shareResolvers(service, new SharesService({ store })),
    ...listResolvers(service, { catalog, config, store, upstream: services.upstream, log: services.log }),
  ]);
  return buildFederatedSchema(
    { resolvers: [...instances.keys()] as [Function, ...Function[]], container: { get: (cls) => instances.get(cls) } },
    { Anime: { __resolveReference: (reference: Anime): Anime => ({ id: reference.id }) } },
  );
}
