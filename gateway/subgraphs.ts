// The subgraphs the gateway serves: one entry per source, each building its schema from the
// shared services. New sources add a line here (and run `npm run compose`).
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import type { UpstreamKit } from '../src/http/types.js';
import { buildAnidbSchema, ANIDB_SUBGRAPH } from '../subgraphs/anidb/schema.js';
import { buildAnilistSchema, ANILIST_SUBGRAPH } from '../subgraphs/anilist/schema.js';
import { buildAnimeScheduleSchema, ANIMESCHEDULE_SUBGRAPH } from '../subgraphs/animeschedule/schema.js';
import { buildAnnSchema, ANN_SUBGRAPH } from '../subgraphs/ann/schema.js';
import { buildCatalogSchema, CATALOG_SUBGRAPH } from '../subgraphs/catalog/schema.js';
import { buildJikanSchema, JIKAN_SUBGRAPH } from '../subgraphs/jikan/schema.js';
import { buildKitsuSchema, KITSU_SUBGRAPH } from '../subgraphs/kitsu/schema.js';
import { buildScrapedSchema, SCRAPED_SUBGRAPH } from '../subgraphs/scraped/schema.js';
import { buildNlqSchema, NLQ_SUBGRAPH, type AskExecutor } from '../subgraphs/nlq/schema.js';
import { buildSimilaritySchema, createSimilarityService, SIMILARITY_SUBGRAPH } from '../subgraphs/similarity/schema.js';
import type { SimilarityService } from '../src/similarity/index.js';
import { buildUniversalSchema, UNIVERSAL_SUBGRAPH } from '../subgraphs/universal/schema.js';
import { buildUsersSchema, USERS_SUBGRAPH } from '../subgraphs/users/schema.js';
import type { Store } from '../src/store/index.js';

export interface SubgraphServices {
  catalog: Catalog;
  /** Upstream client kit (cache, limits, resilience); source subgraphs build their client from it. */
  upstream: UpstreamKit;
  config: Config;
  /** The clock ("airing today", seasons now): injectable so tests run at fixed instants. */
  now(): Date;
  /** Start-up warnings (a source that is not configured); absent in tools that build schemas only. */
  log?: { warn(obj: object, msg: string): void };
  /** Runs an operation through the gateway (for `ask`); absent when a subgraph is served alone. */
  execute?: AskExecutor;
  /** The app's local store, opened on first use (users); a subgraph served alone opens its own. */
  store?: () => Promise<Store>;
  /** The similarity layer, one for the similarity subgraph and the users subgraph's recommendations (made by buildSubgraphSchemas when absent). */
  similarity?: SimilarityService;
}

export interface SubgraphDefinition {
  name: string;
  build(services: SubgraphServices): Promise<GraphQLSchema>;
}

/** The subgraphs composed into the supergraph (schema/supergraph.graphql) and served by the gateway. */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: CATALOG_SUBGRAPH, build: (s) => buildCatalogSchema(s.catalog) },
  { name: JIKAN_SUBGRAPH, build: (s) => buildJikanSchema(s) },
  { name: ANILIST_SUBGRAPH, build: (s) => buildAnilistSchema(s) },
  { name: KITSU_SUBGRAPH, build: (s) => buildKitsuSchema(s) },
  { name: ANIMESCHEDULE_SUBGRAPH, build: (s) => buildAnimeScheduleSchema(s) },
  // AniDB, ANN and the scraped sites join `Anime` by id and @require their own id from the catalog
  // (docs/decisions.md, "AniDB, ANN and the scraped sites join by id").
  { name: ANIDB_SUBGRAPH, build: (s) => buildAnidbSchema(s) },
  { name: ANN_SUBGRAPH, build: (s) => buildAnnSchema(s) },
  // Anime-Planet, LiveChart, aniSearch (src/scrape: robots.txt, one request per host every few seconds, pages cached for days);
  // the catalog links LiveChart's season chart to anime.
  { name: SCRAPED_SUBGRAPH, build: (s) => buildScrapedSchema({ upstream: s.upstream, config: s.config, catalog: s.catalog, now: s.now }) },
  { name: NLQ_SUBGRAPH, build: (s) => buildNlqSchema(s) },
  { name: SIMILARITY_SUBGRAPH, build: (s) => buildSimilaritySchema(s) },
  { name: UNIVERSAL_SUBGRAPH, build: (s) => buildUniversalSchema(s) },
  // The signed-in user's preferences and watchlist, and Anime.viewer (src/users, the local store).
  { name: USERS_SUBGRAPH, build: (s) => buildUsersSchema(s) },
];

/** Builds the schemas of the named subgraphs (all by default). */
export async function buildSubgraphSchemas(services: SubgraphServices, names = SUBGRAPHS.map((s) => s.name)): Promise<Map<string, GraphQLSchema>> {
  const chosen = SUBGRAPHS.filter((s) => names.includes(s.name));
  const shared = { ...services, similarity: services.similarity ?? createSimilarityService(services.catalog, services.config) };
  const entries = await Promise.all(chosen.map(async (s) => [s.name, await s.build(shared)] as const));
  return new Map(entries);
}
