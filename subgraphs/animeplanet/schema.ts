// The animeplanet subgraph: extends the Anime entity (by animePlanetId) with `animePlanet`,
// scraped politely from the entry's page (src/scrape) on demand.
import type { GraphQLSchema } from 'graphql';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnimePlanetApi, type AnimePlanetConfig } from './client.js';
import { AnimePlanetResolver, type AnimePlanetRef } from './resolvers.js';
import { Anime } from '../scraped/anime.js';

export const ANIMEPLANET_SUBGRAPH = 'animeplanet';

export interface AnimePlanetServices {
  upstream: UpstreamKit;
  config: AnimePlanetConfig;
}

export async function buildAnimePlanetSchema(services: AnimePlanetServices): Promise<GraphQLSchema> {
  const resolver = new AnimePlanetResolver(new AnimePlanetApi(services.upstream, services.config));
  return buildFederatedSchema(
    { resolvers: [AnimePlanetResolver], container: { get: () => resolver }, orphanedTypes: [Anime] },
    { Anime: { __resolveReference: (reference: AnimePlanetRef) => ({ animePlanetId: reference.animePlanetId ?? null }) } },
  );
}
