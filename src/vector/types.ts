// The contract every vector store implements (embedded HNSW, exact brute force, Milvus). One store
// holds several vector kinds per anime (text, metadata, image), each with its own dimension, and
// the scalar attributes the similarity filters use. Scores are cosine similarity (higher = closer).
import type { AnimeFormat, AnimeStatus } from '../domain/index.js';

export type VectorKind = 'text' | 'meta' | 'image';

/** Scalar attributes stored beside each vector so searches can filter without the catalog. */
export interface VectorAttributes {
  format: AnimeFormat;
  year: number | null;
  status: AnimeStatus;
  adult: boolean;
}

export interface VectorItem {
  /** Canonical anime id (`mal:1`). */
  id: string;
  vector: Float32Array;
  attributes: VectorAttributes;
}

/** Filters applied inside the store (never as string-built expressions from user input). */
export interface VectorFilter {
  formats?: AnimeFormat[];
  statuses?: AnimeStatus[];
  yearFrom?: number;
  yearTo?: number;
  /** Adult entries are excluded unless this is true. */
  includeAdult?: boolean;
  /** Ids never returned (the query anime itself, already-seen results). */
  excludeIds?: string[];
}

export interface VectorSearch {
  k: number;
  filter?: VectorFilter;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

/** Declared once per store: which kinds it holds and their dimensions. */
export type VectorSpace = Partial<Record<VectorKind, number>>;

export interface VectorStore {
  readonly name: string;
  readonly space: VectorSpace;
  /** Inserts or replaces items of one kind (by id). Vectors must have the kind's dimension. */
  upsert(kind: VectorKind, items: VectorItem[]): Promise<void>;
  /** Removes ids from every kind. */
  delete(ids: string[]): Promise<void>;
  /** Removes the ids' vectors of one kind and keeps their others; an id left with none is gone whole. */
  deleteKind(kind: VectorKind, ids: string[]): Promise<void>;
  /** Every id that holds a vector of `kind` (in no particular order). */
  ids(kind: VectorKind): Promise<string[]>;
  search(kind: VectorKind, query: Float32Array, options: VectorSearch): Promise<VectorHit[]>;
  /** The stored vector of an id (for "more like this"), or null. */
  get(kind: VectorKind, id: string): Promise<Float32Array | null>;
  /** The stored vectors of many ids at once (ids without one are absent from the map). */
  getMany(kind: VectorKind, ids: string[]): Promise<Map<string, Float32Array>>;
  count(kind: VectorKind): Promise<number>;
  /** Writes the store durably (embedded: files next to the catalog; Milvus: flush). */
  persist(): Promise<void>;
  close(): Promise<void>;
}
