// The scraped subgraph: Anime-Planet, LiveChart and aniSearch (src/scrape) in one subgraph,
// extending the Anime entity by each site's key with `animePlanet`, `livechart`, `anisearch` and
// their cache-only twins for the merges. Each site's own schema.ts builds it alone (tests).
import type { GraphQLSchema } from 'graphql';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnimePlanetApi, type AnimePlanetConfig } from '../animeplanet/client.js';
import { AnimePlanetResolver } from '../animeplanet/resolvers.js';
import { AnisearchApi, type AnisearchConfig } from '../anisearch/client.js';
import { AnisearchResolver } from '../anisearch/resolvers.js';
import { LivechartApi, type LivechartConfig } from '../livechart/client.js';
import { LivechartResolver } from '../livechart/resolvers.js';
import { Anime } from './anime.js';

export const SCRAPED_SUBGRAPH = 'scraped';

export interface ScrapedServices {
  upstream: UpstreamKit;
  config: AnimePlanetConfig & LivechartConfig & AnisearchConfig;
}

export interface ScrapedAnimeRef {
  animePlanetId?: string | null;
  livechartId?: number | null;
  anisearchId?: number | null;
}

export async function buildScrapedSchema(services: ScrapedServices): Promise<GraphQLSchema> {
  const resolvers = new Map<unknown, unknown>([
    [AnimePlanetResolver, new AnimePlanetResolver(new AnimePlanetApi(services.upstream, services.config))],
    [LivechartResolver, new LivechartResolver(new LivechartApi(services.upstream, services.config))],
    [AnisearchResolver, new AnisearchResolver(new AnisearchApi(services.upstream, services.config))],
  ]);
  return buildFederatedSchema(
    { resolvers: [AnimePlanetResolver, LivechartResolver, AnisearchResolver], container: { get: (cls) => resolvers.get(cls) }, orphanedTypes: [Anime] },
    {
      // Any key is a valid reference: each field fetches (and may be null) on demand.
      Anime: {
        __resolveReference: (reference: ScrapedAnimeRef) => ({
          animePlanetId: reference.animePlanetId ?? null,
          livechartId: reference.livechartId ?? null,
          anisearchId: reference.anisearchId ?? null,
        }),
      },
    },
  );
}
