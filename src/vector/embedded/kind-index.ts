// One vector kind in the embedded store: a usearch HNSW index (cosine) whose bigint keys are slots,
// the slot <-> canonical id map, and the normalised vectors themselves (usearch's Node binding can
// neither return a stored vector nor filter during search, so the store keeps them for `get`, for
// exact scans of selective filters and for persistence).
import { createRequire } from 'node:module';
import type Usearch from 'usearch';
import { TopK, byScoreThenId, dot } from '../cosine.js';
import type { VectorHit } from '../types.js';

// The native HNSW binding is loaded with the first index, not at start: a server whose similarity
// index is never built (or lives in Milvus) never maps it.
let usearch: typeof Usearch | null = null;
const library = (): typeof Usearch => (usearch ??= createRequire(import.meta.url)('usearch') as typeof Usearch);
type UsearchIndex = InstanceType<typeof Usearch.Index>;

/** HNSW parameters; the defaults reach recall@10 >= 0.99 on the full catalog (see src/vector/README.md, bench/knn.ts). */
export interface HnswParams {
  /** Links per node (HNSW "M"). */
  connectivity: number;
  /** Candidate list while inserting (HNSW "efConstruction"). */
  expansionAdd: number;
  /** Candidate list while searching (HNSW "ef"); raised to the requested k when k is larger. */
  expansionSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { connectivity: 16, expansionAdd: 128, expansionSearch: 128 };

/** When oversampling would fetch more than this share of the index, an exact scan of the matches is cheaper. */
const EXACT_SCAN_SHARE = 0.25;

export class KindIndex {
  private index: UsearchIndex;
  /** Slot (the usearch key) -> id; null for a freed slot, reused by the next new id. */
  private slots: Array<string | null> = [];
  private readonly free: number[] = [];
  private readonly byId = new Map<string, { slot: number; vector: Float32Array }>();
  dirty = false;

  constructor(
    readonly dimension: number,
    readonly params: HnswParams = DEFAULT_HNSW,
  ) {
    this.index = this.newIndex();
  }

  private newIndex(): UsearchIndex {
    const { Index, MetricKind, ScalarKind } = library();
    return new Index({
      dimensions: this.dimension,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F32,
      connectivity: this.params.connectivity,
      expansion_add: this.params.expansionAdd,
      expansion_search: this.params.expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  vector(id: string): Float32Array | undefined {
    return this.byId.get(id)?.vector;
  }

  /** Inserts or replaces (usearch remove + add under the same key: incremental, no rebuild). */
  upsert(entries: Array<{ id: string; vector: Float32Array }>): void {
    if (entries.length === 0) return;
    const keys = new BigUint64Array(entries.length);
    const matrix = new Float32Array(entries.length * this.dimension);
    entries.forEach(({ id, vector }, i) => {
      const existing = this.byId.get(id);
      let slot: number;
      if (existing) {
        slot = existing.slot;
        this.index.remove(BigInt(slot));
      } else {
        slot = this.free.pop() ?? this.slots.length;
        this.slots[slot] = id;
      }
      this.byId.set(id, { slot, vector });
      keys[i] = BigInt(slot);
      matrix.set(vector, i * this.dimension);
    });
    // One thread: a multi-threaded insert orders the graph differently on every run, and with the
    // many near-identical vectors of model-free embeddings its recall then varies from run to run.
    this.index.add(keys, matrix, 1);
    this.dirty = true;
  }

  delete(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.index.remove(BigInt(entry.slot));
    this.byId.delete(id);
    this.slots[entry.slot] = null;
    this.free.push(entry.slot);
    this.dirty = true;
    return true;
  }

  /**
   * Top k by cosine among ids that `accept` lets through. usearch's Node binding has no filtered
   * search, so: oversample — fetch more neighbours than k, drop the rejected ones — and widen until
   * 2k pass (so the k kept come from the upper half of the fetched list, where HNSW is most
   * accurate) or the index is exhausted; each widening aims at 2.5k accepted from the pass rate seen
   * so far. When that would fetch a large share of the index (a selective filter), an exact scan
   * of the accepted vectors is cheaper, and exact.
   */
  search(query: Float32Array, k: number, accept: (id: string) => boolean): VectorHit[] {
    const n = this.byId.size;
    if (n === 0) return [];
    let fetch = Math.min(n, Math.max(2 * k, k + 16));
    for (;;) {
      const matches = this.index.search(query, fetch, 1);
      const hits: VectorHit[] = [];
      for (let i = 0; i < matches.keys.length; i++) {
        const id = this.slots[Number(matches.keys[i])];
        if (id != null && accept(id)) hits.push({ id, score: 1 - matches.distances[i]! });
      }
      if (hits.length >= Math.min(2 * k, n) || fetch >= n) return hits.sort(byScoreThenId).slice(0, k);
      const passRate = Math.max(hits.length, 1) / fetch;
      fetch = Math.min(n, Math.max(2 * fetch, Math.ceil((2.5 * k) / passRate)));
      if (fetch > n * EXACT_SCAN_SHARE) return this.scan(query, k, accept);
    }
  }

  /** Exact cosine over the accepted vectors (query and vectors are normalised). */
  scan(query: Float32Array, k: number, accept: (id: string) => boolean): VectorHit[] {
    const top = new TopK(k);
    for (const [id, { vector }] of this.byId) if (accept(id)) top.offer(id, dot(query, vector));
    return top.hits;
  }

  /** Slot table and the vectors in slot order (zeros for freed slots), for the manifest and the vectors file. */
  snapshot(): { ids: Array<string | null>; vectors: Float32Array } {
    const vectors = new Float32Array(this.slots.length * this.dimension);
    for (const { slot, vector } of this.byId.values()) vectors.set(vector, slot * this.dimension);
    return { ids: [...this.slots], vectors };
  }

  save(path: string): void {
    this.index.save(path);
  }

  /** Restores a persisted kind: the HNSW graph from its file (no rebuild), the rest from the snapshot. */
  static load(dimension: number, params: HnswParams, indexPath: string, ids: Array<string | null>, vectors: Float32Array): KindIndex {
    const kind = new KindIndex(dimension, params);
    kind.index.load(indexPath);
    kind.slots = [...ids];
    ids.forEach((id, slot) => {
      if (id === null) kind.free.push(slot);
      else kind.byId.set(id, { slot, vector: vectors.slice(slot * dimension, (slot + 1) * dimension) });
    });
    return kind;
  }

  /** Sanity check after a load: the graph holds exactly the live slots. */
  get indexedCount(): number {
    return this.index.size();
  }
}
