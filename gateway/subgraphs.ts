// The subgraphs the gateway serves: one entry per source, each building its schema from the
// shared services. New sources add a line here (and run `npm run compose`).
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../src/catalog/index.js';
import { buildCatalogSchema, CATALOG_SUBGRAPH } from '../subgraphs/catalog/schema.js';

export interface SubgraphServices {
  catalog: Catalog;
}

export interface SubgraphDefinition {
  name: string;
  build(services: SubgraphServices): Promise<GraphQLSchema>;
}

export const SUBGRAPHS: readonly SubgraphDefinition[] = [{ name: CATALOG_SUBGRAPH, build: (s) => buildCatalogSchema(s.catalog) }];

export async function buildSubgraphSchemas(services: SubgraphServices): Promise<Map<string, GraphQLSchema>> {
  const entries = await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await s.build(services)] as const));
  return new Map(entries);
}
