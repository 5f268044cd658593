// Brute-force cosine search in memory: the reference every other store is measured against
// (recall in the contract suite and the kNN bench) and a store for small collections.
import { TopK, dot, normalized } from './cosine.js';
import { attributePredicate } from './filter.js';
import type { VectorAttributes, VectorHit, VectorItem, VectorKind, VectorSearch, VectorSpace, VectorStore } from './types.js';
import { dimensionOf, validateId, validateItems, validateSearch, validateSpace } from './validate.js';

export class ExactVectorStore implements VectorStore {
  readonly name: string = 'exact';
  private readonly vectors = new Map<VectorKind, Map<string, Float32Array>>();
  /** One set of attributes per anime, shared by its kinds (the latest upsert wins). */
  private readonly attributes = new Map<string, VectorAttributes>();

  constructor(readonly space: VectorSpace) {
    validateSpace(space);
    for (const kind of Object.keys(space) as VectorKind[]) this.vectors.set(kind, new Map());
  }

  async upsert(kind: VectorKind, items: VectorItem[]): Promise<void> {
    validateItems(this.space, kind, items);
    const vectors = this.vectors.get(kind)!;
    for (const item of items) {
      vectors.set(item.id, normalized(item.vector));
      this.attributes.set(item.id, { ...item.attributes });
    }
  }

  async delete(ids: string[]): Promise<void> {
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    for (const id of ids) {
      for (const vectors of this.vectors.values()) vectors.delete(id);
      this.attributes.delete(id);
    }
  }

  async deleteKind(kind: VectorKind, ids: string[]): Promise<void> {
    dimensionOf(this.space, kind);
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    for (const id of ids) {
      this.vectors.get(kind)!.delete(id);
      if (![...this.vectors.values()].some((vectors) => vectors.has(id))) this.attributes.delete(id);
    }
  }

  async ids(kind: VectorKind): Promise<string[]> {
    dimensionOf(this.space, kind);
    return [...this.vectors.get(kind)!.keys()];
  }

  async search(kind: VectorKind, query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    validateSearch(this.space, kind, query, options);
    const q = normalized(query);
    const accept = attributePredicate(options.filter);
    const top = new TopK(options.k);
    for (const [id, vector] of this.vectors.get(kind)!) {
      if (accept(id, this.attributes.get(id)!)) top.offer(id, dot(q, vector));
    }
    return top.hits;
  }

  async get(kind: VectorKind, id: string): Promise<Float32Array | null> {
    dimensionOf(this.space, kind);
    const vector = this.vectors.get(kind)!.get(validateId(id));
    return vector ? Float32Array.from(vector) : null;
  }

  async getMany(kind: VectorKind, ids: string[]): Promise<Map<string, Float32Array>> {
    dimensionOf(this.space, kind);
    const found = new Map<string, Float32Array>();
    for (const id of ids) {
      const vector = this.vectors.get(kind)!.get(validateId(id));
      if (vector) found.set(id, Float32Array.from(vector));
    }
    return found;
  }

  async count(kind: VectorKind): Promise<number> {
    dimensionOf(this.space, kind);
    return this.vectors.get(kind)!.size;
  }

  /** Memory only: nothing to write. */
  async persist(): Promise<void> {}

  async close(): Promise<void> {}
}
