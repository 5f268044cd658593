// The jikan subgraph: MyAnimeList via Jikan v4. Extends the catalog's Anime by its MAL key with one
// namespaced field (`mal`) and adds MAL's own lists (top, seasons, schedule, …) as Anime references.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { JikanApi } from './client.js';
import type { AnimeReference } from './mapper.js';
import { AnimeResolver, MalAnimeResolver, MalQueryResolver } from './resolvers.js';

export const JIKAN_SUBGRAPH = 'jikan';

/** Same shape as the gateway's services (the lead points this at the shared type). */
export interface SubgraphServices {
  catalog: Catalog;
  upstream: UpstreamKit;
  config: Config;
  now(): Date;
}

export async function buildJikanSchema(services: Pick<SubgraphServices, 'upstream' | 'config'>): Promise<GraphQLSchema> {
  const api = new JikanApi(services.upstream, services.config);
  const instances = new Map<unknown, unknown>([
    [AnimeResolver, new AnimeResolver(api)],
    [MalAnimeResolver, new MalAnimeResolver(api)],
    [MalQueryResolver, new MalQueryResolver(api)],
  ]);
  return buildFederatedSchema(
    { resolvers: [AnimeResolver, MalAnimeResolver, MalQueryResolver], container: { get: (cls) => instances.get(cls) } },
    {
      // The gateway sends { malId } from the catalog; `mal` is fetched when asked for.
      Anime: { __resolveReference: (reference: { malId?: number | null }): AnimeReference => ({ malId: reference.malId ?? null }) },
    },
  );
}
