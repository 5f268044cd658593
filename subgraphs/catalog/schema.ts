// The catalog subgraph: Federation v2 schema over an in-memory Catalog.
import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../../src/catalog/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { AnimeResolver } from './resolvers.js';
import { findByKeys, type AnimeLookup } from './lookup.js';

export const CATALOG_SUBGRAPH = 'catalog';

export async function buildCatalogSchema(catalog: Catalog): Promise<GraphQLSchema> {
  const resolver = new AnimeResolver(catalog);
  return buildFederatedSchema(
    { resolvers: [AnimeResolver], container: { get: () => resolver } },
    {
      // The gateway asks for entities by any of the keys; an unknown id resolves to null.
      Anime: { __resolveReference: (reference: AnimeLookup) => findByKeys(catalog, reference) ?? null },
    },
  );
}
