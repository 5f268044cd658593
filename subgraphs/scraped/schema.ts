// The scraped subgraph: Anime-Planet, LiveChart and aniSearch (src/scrape) in one subgraph,
// extending the Anime entity (by id, each field requiring its site's id from the catalog) with
// `animePlanet`, `livechart`, `anisearch` and their cache-only twins, and serving
// `livechartSeason` (its entries linked to the catalog by LiveChart id). Each site keeps its
// folder (client, parser, resolvers, types); this is their one schema.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnimePlanetApi, type AnimePlanetConfig } from '../animeplanet/client.js';
import { AnimePlanetResolver } from '../animeplanet/resolvers.js';
import { AnisearchApi, type AnisearchConfig } from '../anisearch/client.js';
import { AnisearchResolver } from '../anisearch/resolvers.js';
import { LivechartApi, type LivechartConfig } from '../livechart/client.js';
import { LivechartResolver, LivechartSeasonResolver } from '../livechart/resolvers.js';
import { Anime } from './anime.js';

export const SCRAPED_SUBGRAPH = 'scraped';

export interface ScrapedServices {
  upstream: UpstreamKit;
  config: AnimePlanetConfig & LivechartConfig & AnisearchConfig;
  /** Links `livechartSeason` entries to catalog anime by their LiveChart id. */
  catalog: Catalog;
  /** Tells a running season from an ended one (how long its chart is cached); the system clock by default. */
  now?: () => Date;
}

export interface ScrapedAnimeRef {
  id?: string | null;
  animePlanetId?: string | null;
  livechartId?: number | null;
  anisearchId?: number | null;
}

export async function buildScrapedSchema(services: ScrapedServices): Promise<GraphQLSchema> {
  const livechart = new LivechartApi(services.upstream, services.config, services.now);
  const resolvers = new Map<unknown, unknown>([
    [AnimePlanetResolver, new AnimePlanetResolver(new AnimePlanetApi(services.upstream, services.config))],
    [LivechartResolver, new LivechartResolver(livechart)],
    [LivechartSeasonResolver, new LivechartSeasonResolver(livechart, services.catalog)],
    [AnisearchResolver, new AnisearchResolver(new AnisearchApi(services.upstream, services.config))],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [AnimePlanetResolver, LivechartResolver, LivechartSeasonResolver, AnisearchResolver],
      container: { get: (cls) => resolvers.get(cls) },
      orphanedTypes: [Anime],
    },
    {
      // The gateway sends the catalog id with the site ids the fields require; each field fetches (and may be null) on demand.
      Anime: {
        __resolveReference: (reference: ScrapedAnimeRef) => ({
          id: reference.id ?? null,
          animePlanetId: reference.animePlanetId ?? null,
          livechartId: reference.livechartId ?? null,
          anisearchId: reference.anisearchId ?? null,
        }),
      },
    },
  );
}
