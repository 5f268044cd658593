// The livechart subgraph: extends the Anime entity (by livechartId) with `livechart`, scraped
// politely from the entry's page (src/scrape) on demand.
import type { GraphQLSchema } from 'graphql';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { LivechartApi, type LivechartConfig } from './client.js';
import { LivechartResolver, type LivechartRef } from './resolvers.js';
import { Anime } from '../scraped/anime.js';

export const LIVECHART_SUBGRAPH = 'livechart';

export interface LivechartServices {
  upstream: UpstreamKit;
  config: LivechartConfig;
}

export async function buildLivechartSchema(services: LivechartServices): Promise<GraphQLSchema> {
  const resolver = new LivechartResolver(new LivechartApi(services.upstream, services.config));
  return buildFederatedSchema(
    { resolvers: [LivechartResolver], container: { get: () => resolver }, orphanedTypes: [Anime] },
    { Anime: { __resolveReference: (reference: LivechartRef) => ({ livechartId: reference.livechartId ?? null }) } },
  );
}
