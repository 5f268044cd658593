// The anilist subgraph: extends Anime (by anilistId) with `anilist: AnilistMedia` and offers
// `anilistSearch`. Its only upstream is AniList's GraphQL API, reached through the shared kit.
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnilistApi, anilistSource } from './client.js';
import { AnilistResolver } from './resolvers.js';
import { AnilistAiringResolver } from './airing.js';

export const ANILIST_SUBGRAPH = 'anilist';

/** What the subgraph needs of the gateway's SubgraphServices. */
export interface AnilistServices {
  upstream: UpstreamKit;
  config: Config;
  now(): Date;
}

export async function buildAnilistSchema(services: AnilistServices): Promise<GraphQLSchema> {
  const api = new AnilistApi(services.upstream.client(anilistSource(services.config)));
  const resolver = new AnilistResolver(api, () => services.now());
  const airing = new AnilistAiringResolver();
  return buildFederatedSchema(
    { resolvers: [AnilistResolver, AnilistAiringResolver], container: { get: (cls) => (cls === AnilistAiringResolver ? airing : resolver) } },
    {
      // The gateway hands us the key only; the `anilist` field fetches what is asked for.
      Anime: { __resolveReference: (reference: { anilistId?: number | null }) => ({ anilistId: reference.anilistId ?? null }) },
    },
  );
}
