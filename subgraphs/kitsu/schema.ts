// The kitsu subgraph: extends the Anime entity (by kitsuId) with the namespaced `kitsu` field and
// serves `kitsuSearch`. Kitsu is reached only through the shared upstream kit.
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { KitsuApi } from './client.js';
import { KitsuResolver, type KitsuAnimeRef } from './resolvers.js';

export const KITSU_SUBGRAPH = 'kitsu';

/** What this subgraph needs from the gateway's services. */
export interface KitsuServices {
  upstream: UpstreamKit;
  config: Pick<Config, 'KITSU_BASE_URL'>;
}

export async function buildKitsuSchema(services: KitsuServices): Promise<GraphQLSchema> {
  const resolver = new KitsuResolver(new KitsuApi(services.upstream, services.config));
  return buildFederatedSchema(
    { resolvers: [KitsuResolver], container: { get: () => resolver } },
    {
      // Any kitsuId is a valid reference: the `kitsu` field fetches (and may be null) on demand.
      Anime: { __resolveReference: (reference: KitsuAnimeRef) => ({ kitsuId: reference.kitsuId ?? null }) },
    },
  );
}
