// The similarity subgraph: extends the catalog's Anime (by id) with `similar`, and adds
// `semanticSearch` and `searchByImage`. Vectors are built in the background after start (or on
// the first similarity query with SIMILARITY_WARM=false), so start-up does not wait for them.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { SimilarityService, type SimilarityEngines } from '../../src/similarity/index.js';
import { loadEngines } from '../../src/similarity/engines.js';
import { SimilarAnimeResolver, SimilarityQueryResolver } from './resolvers.js';
import type { Anime } from './types.js';

export const SIMILARITY_SUBGRAPH = 'similarity';
const WARM_DELAY_MS = 2000;

export interface SimilarityServices {
  catalog: Catalog;
  config: Config;
  /** Engines to use instead of the model-free defaults (the eval and tests swap them). */
  engines?: (catalog: Catalog, config: Config) => Promise<SimilarityEngines>;
  /** A service already made (the app shares one with the users subgraph's recommendations); `engines` is then unused. */
  similarity?: SimilarityService;
}

/** The similarity layer over `catalog`; nothing is loaded until it is warmed or first asked. */
export function createSimilarityService(catalog: Catalog, config: Config, engines: (catalog: Catalog, config: Config) => Promise<SimilarityEngines> = loadEngines): SimilarityService {
  return new SimilarityService(catalog, () => engines(catalog, config), {
    maxBytes: config.SIMILARITY_IMAGE_MAX_BYTES,
    timeoutMs: config.SIMILARITY_IMAGE_TIMEOUT_MS,
    allowPrivate: config.SIMILARITY_IMAGE_ALLOW_PRIVATE,
  });
}

export async function buildSimilaritySchema(services: SimilarityServices): Promise<GraphQLSchema> {
  const { catalog, config } = services;
  const service = services.similarity ?? createSimilarityService(catalog, config, services.engines);
  // An empty catalog (the catalog subgraph runs elsewhere) has nothing to warm.
  const warm = config.SIMILARITY_WARM ?? config.NODE_ENV !== 'test';
  // Started a moment after the schemas are built, so the rest of start-up (gateway, listen) does
  // not share the CPU with it; a failure is retried by the first similarity query, which reports it.
  if (warm && catalog.size > 0) setTimeout(() => void service.warm().catch(() => undefined), WARM_DELAY_MS).unref();
  const instances = new Map<unknown, unknown>([
    [SimilarAnimeResolver, new SimilarAnimeResolver(service, catalog)],
    [SimilarityQueryResolver, new SimilarityQueryResolver(service, catalog)],
  ]);
  return buildFederatedSchema(
    { resolvers: [SimilarAnimeResolver, SimilarityQueryResolver], container: { get: (cls) => instances.get(cls) } },
    { Anime: { __resolveReference: (reference: Anime): Anime => ({ id: reference.id }) } },
  );
}
