// Embedders turn text, catalog records or images into vectors of one VectorKind. Neural ones run
// on @huggingface/transformers; model-free ones are built from the catalog itself so similarity
// works on a fresh offline install.
import type { AnimeRecord } from '../domain/index.js';
import type { VectorKind } from '../vector/types.js';

export interface TextEmbedder {
  readonly id: string;
  readonly kind: VectorKind;
  readonly dimension: number;
  /** L2-normalised vectors, one per text. */
  embedTexts(texts: string[]): Promise<Float32Array[]>;
}

export interface RecordEmbedder {
  readonly id: string;
  readonly kind: VectorKind;
  readonly dimension: number;
  embedRecord(record: AnimeRecord): Float32Array | null | Promise<Float32Array | null>;
}

export interface ImageEmbedder {
  readonly id: string;
  readonly kind: VectorKind;
  readonly dimension: number;
  /** Encoded image bytes (JPEG, PNG, WebP, GIF) to one normalised vector. */
  embedImage(bytes: Uint8Array): Promise<Float32Array>;
}
