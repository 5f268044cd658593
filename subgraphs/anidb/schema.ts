// The anidb subgraph: extends the Anime entity (by id, requiring anidbId from the catalog) with the namespaced `anidb` field. AniDB
// is reached only through the shared upstream kit, within AniDB's flood rules (client.ts).
import type { GraphQLSchema } from 'graphql';
import type { UpstreamKit } from '../../src/http/types.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnidbApi, type AnidbConfig } from './client.js';
import { AnidbResolver, type AnidbAnimeRef } from './resolvers.js';
import { Anime } from './types.js';

export const ANIDB_SUBGRAPH = 'anidb';

/** What this subgraph needs from the gateway's services. */
export interface AnidbServices {
  upstream: UpstreamKit;
  config: AnidbConfig;
  now(): Date;
  log?: { warn(obj: object, msg: string): void };
}

export async function buildAnidbSchema(services: AnidbServices): Promise<GraphQLSchema> {
  const api = new AnidbApi(services.upstream, services.config);
  // Said once at start-up; every `anidb` field then answers SOURCE_UNAVAILABLE with the same reason.
  if (api.unavailableReason) services.log?.warn({ source: 'anidb' }, api.unavailableReason);
  const resolver = new AnidbResolver(api, services.now);
  return buildFederatedSchema(
    // No query of its own reaches Anime, so the entity type is named here.
    { resolvers: [AnidbResolver], container: { get: () => resolver }, orphanedTypes: [Anime] },
    {
      // The gateway sends the catalog id with the anidbId the fields require; `anidb` fetches (and may be null) on demand.
      Anime: { __resolveReference: (reference: AnidbAnimeRef) => ({ id: reference.id ?? null, anidbId: reference.anidbId ?? null }) },
    },
  );
}
