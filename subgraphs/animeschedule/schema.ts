// The animeschedule subgraph: extends Anime (by malId) with `schedule`, and serves timetable queries.
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../../src/config/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { AnimeScheduleApi } from './client.js';
import { AnimeScheduleResolver, ScheduleEntryResolver, ScheduleInfoResolver, type AnimeReference } from './resolvers.js';
import { ScheduleService } from './service.js';

export const ANIMESCHEDULE_SUBGRAPH = 'animeschedule';

/** What this subgraph needs of the gateway's SubgraphServices. */
export interface AnimeScheduleServices {
  upstream: UpstreamKit;
  config: Config;
  now(): Date;
}

export async function buildAnimeScheduleSchema(services: AnimeScheduleServices): Promise<GraphQLSchema> {
  const service = new ScheduleService(new AnimeScheduleApi(services.upstream, services.config), () => services.now());
  const instances = new Map<unknown, unknown>([
    [AnimeScheduleResolver, new AnimeScheduleResolver(service)],
    [ScheduleInfoResolver, new ScheduleInfoResolver(service)],
    [ScheduleEntryResolver, new ScheduleEntryResolver(service)],
  ]);
  return buildFederatedSchema(
    { resolvers: [AnimeScheduleResolver, ScheduleInfoResolver, ScheduleEntryResolver], container: { get: (cls) => instances.get(cls) } },
    {
      // The gateway hands over the catalog's malId; the schedule itself is fetched by the field.
      Anime: { __resolveReference: (reference: AnimeReference) => ({ malId: reference.malId ?? null }) },
    },
  );
}
