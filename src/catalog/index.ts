// Public face of the catalog layer.
export { Catalog, type SearchParams, type RelatedAnime, MAX_QUERY_LENGTH } from './catalog.js';
export { loadCatalog, type CatalogOptions, type CatalogLoadLog } from './load.js';
export { AnimeSort, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type AnimeFilterInput, type Page, type PageInfo } from './search/query.js';
export { CatalogFileError } from './providers/aod.js';
export type { ProviderReport } from './providers/types.js';
