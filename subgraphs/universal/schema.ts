// The universal subgraph: merged fields of Anime computed from what the catalog and the source
// subgraphs answered, which the gateway passes in through `@requires` (sdl.ts). Nothing here calls
// an upstream; a source that failed arrives as null and the merges use the others.
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { UpstreamKit } from '../../src/http/types.js';
import { mergeGenres, mergeStreaming, mergeSynopsis, mergeTags, reconcile } from './merge.js';
import { provenanceOf, qualityOf } from './quality.js';
import { mergeRatings } from './ratings.js';
import { UNIVERSAL_SDL } from './sdl.js';
import { healthOf, type KitCounters, type SourceHealth } from './selection.js';
import { sourcesOf, type AnimeRepresentation, type Pin } from './sources.js';

export const UNIVERSAL_SUBGRAPH = 'universal';

export interface UniversalServices {
  upstream: UpstreamKit;
  now(): Date;
}

/** The kit's per-source counters when the kit keeps them (the gateway's does); none otherwise. */
function healthFrom(kit: UpstreamKit): SourceHealth {
  const stats = (kit as UpstreamKit & { stats?: () => Record<string, KitCounters> }).stats;
  return typeof stats === 'function' ? healthOf(stats.call(kit)) : {};
}

export async function buildUniversalSchema(services: UniversalServices): Promise<GraphQLSchema> {
  const health = () => healthFrom(services.upstream);
  type Args = { source?: Pin | null; region?: string | null };
  const resolvers = {
    DateTime: GraphQLDateTime,
    Anime: {
      // The representation carries everything the merged fields @require.
      __resolveReference: (reference: AnimeRepresentation) => reference,
      ratings: (a: AnimeRepresentation) => {
        const { facts, missing } = sourcesOf(a);
        return mergeRatings(facts, missing);
      },
      mergedSynopsis: (a: AnimeRepresentation, { source }: Args) => {
        const hit = mergeSynopsis(sourcesOf(a).facts, health(), source);
        return hit && { text: hit.value, source: hit.source, fetchedAt: hit.fetchedAt, origin: hit.origin };
      },
      mergedGenres: (a: AnimeRepresentation) => mergeGenres(sourcesOf(a).facts, health()),
      mergedTags: (a: AnimeRepresentation) => mergeTags(sourcesOf(a).facts, health()),
      reconciled: (a: AnimeRepresentation, { source }: Args) => {
        const { episodes, status, conflicts } = reconcile(sourcesOf(a).facts, health(), source);
        return {
          episodes: episodes?.value ?? null,
          episodesFrom: episodes && { ...episodes, episodes: episodes.value },
          status: status?.value ?? null,
          statusFrom: status && { ...status, status: status.value },
          airing: status ? status.value === 'AIRING' : null,
          conflicts,
        };
      },
      streaming: (a: AnimeRepresentation, { region, source }: Args) => mergeStreaming(sourcesOf(a).facts, region, health(), source),
      provenance: (a: AnimeRepresentation) => provenanceOf(sourcesOf(a), health()),
      quality: (a: AnimeRepresentation) => qualityOf(sourcesOf(a), services.now(), health()),
    },
  };
  return buildSubgraphSchema({ typeDefs: parse(UNIVERSAL_SDL), resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}
