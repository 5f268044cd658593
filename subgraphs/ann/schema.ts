// The ann subgraph: extends the Anime entity (by id, requiring annId from the catalog)
// with the namespaced `ann` field, and serves `annNews`. ANN is reached only through the shared
// upstream kit.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { AnnApi, type AnnConfig } from './client.js';
import { AnnResolver, resolveAnnReference, type AnnAnimeRef } from './resolvers.js';

export const ANN_SUBGRAPH = 'ann';

/** What this subgraph needs from the gateway's services. */
export interface AnnServices {
  upstream: UpstreamKit;
  config: AnnConfig & Partial<Config>;
  /** Links news items to anime and completes references given by the other key. */
  catalog: Catalog;
}

export async function buildAnnSchema(services: AnnServices): Promise<GraphQLSchema> {
  const resolver = new AnnResolver(new AnnApi(services.upstream, services.config), services.catalog);
  return buildFederatedSchema(
    { resolvers: [AnnResolver], container: { get: () => resolver } },
    {
      // The gateway sends the catalog id with the annId the fields require; `ann` fetches (and may be null) on demand.
      Anime: { __resolveReference: (reference: AnnAnimeRef) => resolveAnnReference(services.catalog, reference) },
    },
  );
}
