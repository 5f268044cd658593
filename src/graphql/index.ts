// Shared GraphQL building blocks for every subgraph.
export * from './enums.js';
export { PageInfo } from './page-info.js';
export { buildFederatedSchema, FEDERATION_LINK, type ReferenceResolvers } from './federation.js';
export { toGraphQLError } from './errors.js';
export { BaseAnimeFilter } from './base-filter.js';
