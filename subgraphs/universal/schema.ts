// The universal subgraph: merged fields of Anime computed from what the catalog and the source
// subgraphs answered, which the gateway passes in through `@requires` (sdl.ts), and from what the
// upstream kit has cached of AniDB, ANN and the scraped sites (cached.ts). Nothing here calls an
// upstream; a source that failed arrives as null and the merges use the others.
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { UpstreamKit } from '../../src/http/types.js';
import { preferencesOf } from '../../src/users/preferences.js';
import { mergeGenres, mergeStreaming, mergeSynopsis, mergeTags, reconcile } from './merge.js';
import { provenanceOf, qualityOf } from './quality.js';
import { mergeRatings } from './ratings.js';
import { CachedSourceReader, type CachedConfig } from './cached.js';
import { UNIVERSAL_SDL } from './sdl.js';
import { healthOf, type KitCounters, type SourceHealth } from './selection.js';
import { sourcesOf, type AnimeRepresentation, type Pin } from './sources.js';

export const UNIVERSAL_SUBGRAPH = 'universal';

export interface UniversalServices {
  upstream: UpstreamKit;
  config: CachedConfig;
  now(): Date;
}

/** The kit's per-source counters when the kit keeps them (the gateway's does); none otherwise. */
function healthFrom(kit: UpstreamKit): SourceHealth {
  const stats = (kit as UpstreamKit & { stats?: () => Record<string, KitCounters> }).stats;
  return typeof stats === 'function' ? healthOf(stats.call(kit)) : {};
}

export async function buildUniversalSchema(services: UniversalServices): Promise<GraphQLSchema> {
  const health = () => healthFrom(services.upstream);
  const cached = new CachedSourceReader(services.upstream, services.config, services.now);
  const sources = async (a: AnimeRepresentation, context: unknown) => sourcesOf(a, await cached.read(a, context));
  type Args = { source?: Pin | null; region?: string | null };
  const resolvers = {
    DateTime: GraphQLDateTime,
    Anime: {
      // The representation carries everything the merged fields @require.
      __resolveReference: (reference: AnimeRepresentation) => reference,
      ratings: async (a: AnimeRepresentation, _args: Args, context: unknown) => {
        const { facts, missing } = await sources(a, context);
        return mergeRatings(facts, missing);
      },
      mergedSynopsis: async (a: AnimeRepresentation, { source }: Args, context: unknown) => {
        const hit = mergeSynopsis((await sources(a, context)).facts, health(), source);
        return hit && { text: hit.value, source: hit.source, fetchedAt: hit.fetchedAt, origin: hit.origin };
      },
      mergedGenres: async (a: AnimeRepresentation, _args: Args, context: unknown) => mergeGenres((await sources(a, context)).facts, health()),
      mergedTags: async (a: AnimeRepresentation, _args: Args, context: unknown) => mergeTags((await sources(a, context)).facts, health()),
      reconciled: async (a: AnimeRepresentation, { source }: Args, context: unknown) => {
        const { episodes, status, conflicts } = reconcile((await sources(a, context)).facts, health(), source);
        return {
          episodes: episodes?.value ?? null,
          episodesFrom: episodes && { ...episodes, episodes: episodes.value },
          status: status?.value ?? null,
          statusFrom: status && { ...status, status: status.value },
          airing: status ? status.value === 'AIRING' : null,
          conflicts,
        };
      },
      // Without `region`, the signed-in user's (src/users/preferences.ts).
      streaming: async (a: AnimeRepresentation, { region, source }: Args, context: unknown) =>
        mergeStreaming((await sources(a, context)).facts, region || (await preferencesOf(context))?.region, health(), source),
      provenance: async (a: AnimeRepresentation, _args: Args, context: unknown) => provenanceOf(await sources(a, context), health()),
      quality: async (a: AnimeRepresentation, _args: Args, context: unknown) => qualityOf(await sources(a, context), services.now(), health()),
    },
  };
  return buildSubgraphSchema({ typeDefs: parse(UNIVERSAL_SDL), resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}
