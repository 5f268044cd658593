// Public face of the vector layer: the contract, the three stores and the factory that picks one
// from configuration (VECTOR_STORE=embedded|milvus).
import { resolve } from 'node:path';
import type { Config } from '../config/index.js';
import { EmbeddedVectorStore, type EmbeddedStoreOptions } from './embedded/store.js';
import type { VectorSpace, VectorStore } from './types.js';

export type { VectorAttributes, VectorFilter, VectorHit, VectorItem, VectorKind, VectorSearch, VectorSpace, VectorStore } from './types.js';
export { ExactVectorStore } from './exact.js';
export { EmbeddedVectorStore, type EmbeddedStoreOptions, type KindLoadState } from './embedded/store.js';
export { DEFAULT_HNSW, type HnswParams } from './embedded/kind-index.js';
// Type-only: the Milvus SDK (gRPC, protobufs) is loaded only when VECTOR_STORE=milvus.
export type { MilvusVectorStore, MilvusStoreOptions } from './milvus/store.js';
export { VECTOR_KINDS, MAX_K } from './validate.js';

export type VectorStoreConfig = Pick<Config, 'VECTOR_STORE' | 'VECTOR_INDEX_DIR' | 'MILVUS_ADDRESS' | 'MILVUS_COLLECTION' | 'root'>;

/**
 * The configured store. Embedded: opened from VECTOR_INDEX_DIR; kinds whose files are missing,
 * stale or corrupt start empty (see `loadReport`) so the caller re-embeds them instead of failing
 * start-up. Milvus: connects and creates the collection on first use.
 */
export async function createVectorStore(config: VectorStoreConfig, space: VectorSpace, options: EmbeddedStoreOptions = {}): Promise<VectorStore> {
  if (config.VECTOR_STORE === 'milvus') {
    const { MilvusVectorStore } = await import('./milvus/store.js');
    return MilvusVectorStore.connect({ address: config.MILVUS_ADDRESS, collection: config.MILVUS_COLLECTION, space });
  }
  return EmbeddedVectorStore.open(resolve(config.root, config.VECTOR_INDEX_DIR), space, { onCorrupt: 'rebuild', ...options });
}
