// The anisearch subgraph: extends the Anime entity (by anisearchId) with `anisearch`, scraped
// politely from the entry's page (src/scrape) on demand.
import type { GraphQLSchema } from 'graphql';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnisearchApi, type AnisearchConfig } from './client.js';
import { AnisearchResolver, type AnisearchRef } from './resolvers.js';
import { Anime } from '../scraped/anime.js';

export const ANISEARCH_SUBGRAPH = 'anisearch';

export interface AnisearchServices {
  upstream: UpstreamKit;
  config: AnisearchConfig;
}

export async function buildAnisearchSchema(services: AnisearchServices): Promise<GraphQLSchema> {
  const resolver = new AnisearchResolver(new AnisearchApi(services.upstream, services.config));
  return buildFederatedSchema(
    { resolvers: [AnisearchResolver], container: { get: () => resolver }, orphanedTypes: [Anime] },
    { Anime: { __resolveReference: (reference: AnisearchRef) => ({ anisearchId: reference.anisearchId ?? null }) } },
  );
}
