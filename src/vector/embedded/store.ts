// The default vector store: in-process HNSW (usearch) per kind, persisted next to the catalog so a
// restart loads the graphs instead of rebuilding them. Files in `dir`: `<kind>.usearch` (the HNSW
// graph), `<kind>.vectors` (the normalised vectors, float32 little-endian, slot order) and
// `manifest.json` (format version, dimensions, HNSW parameters, slot ids, attributes, file hashes
// and a content hash). Each file is replaced atomically; the manifest is written last and is the
// commit point: files that do not match it are refused as corrupt, never half-loaded.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../errors/index.js';
import { normalized } from '../cosine.js';
import { attributePredicate } from '../filter.js';
import type { VectorAttributes, VectorHit, VectorItem, VectorKind, VectorSearch, VectorSpace, VectorStore } from '../types.js';
import { dimensionOf, validateId, validateItems, validateSearch, validateSpace } from '../validate.js';
import { digestFile, sha256Bytes, writeAtomically, writeFileAtomically } from './files.js';
import { DEFAULT_HNSW, KindIndex, type HnswParams } from './kind-index.js';
import { MANIFEST_FILE, readManifest, writeManifest, type KindManifest, type Manifest } from './manifest.js';

/** What `open` did with each kind; a caller re-embeds every kind that is not `loaded`. */
export type KindLoadState =
  | { state: 'loaded'; count: number }
  | { state: 'empty'; reason: string }
  | { state: 'rebuild'; reason: string };

export interface EmbeddedStoreOptions {
  hnsw?: Partial<HnswParams>;
  /**
   * A manifest or index file that fails its hash check: `throw` (VECTOR_STORE_CORRUPT) or start
   * those kinds empty so the caller rebuilds them from the catalog (the next persist overwrites them).
   */
  onCorrupt?: 'throw' | 'rebuild';
}

export class EmbeddedVectorStore implements VectorStore {
  readonly name: string = 'embedded';
  private readonly kinds = new Map<VectorKind, KindIndex>();
  private readonly attributes = new Map<string, VectorAttributes>();
  readonly loadReport: Partial<Record<VectorKind, KindLoadState>> = {};
  readonly hnsw: HnswParams;

  private constructor(
    readonly dir: string | null,
    readonly space: VectorSpace,
    options: EmbeddedStoreOptions,
  ) {
    validateSpace(space);
    this.hnsw = { ...DEFAULT_HNSW, ...options.hnsw };
    for (const [kind, dimension] of Object.entries(space) as Array<[VectorKind, number]>) this.kinds.set(kind, new KindIndex(dimension, this.hnsw));
  }

  /** A store that lives in memory only (persist is a no-op). */
  static inMemory(space: VectorSpace, options: EmbeddedStoreOptions = {}): EmbeddedVectorStore {
    return new EmbeddedVectorStore(null, space, options);
  }

  /** Loads `dir` when its manifest matches the space; kinds that cannot be loaded start empty (see loadReport). */
  static async open(dir: string, space: VectorSpace, options: EmbeddedStoreOptions = {}): Promise<EmbeddedVectorStore> {
    const store = new EmbeddedVectorStore(dir, space, options);
    await mkdir(dir, { recursive: true });
    await store.load(options.onCorrupt ?? 'throw');
    return store;
  }

  private async load(onCorrupt: 'throw' | 'rebuild'): Promise<void> {
    const dir = this.dir!;
    const kinds = [...this.kinds.keys()];
    let manifest: Manifest | null;
    try {
      manifest = await readManifest(dir);
    } catch (error) {
      if (onCorrupt === 'throw' || !(error instanceof AppError)) throw error;
      for (const kind of kinds) this.loadReport[kind] = { state: 'rebuild', reason: error.message };
      return;
    }
    if (manifest === null) {
      for (const kind of kinds) this.loadReport[kind] = { state: 'empty', reason: `no ${MANIFEST_FILE} in ${dir}` };
      return;
    }
    for (const kind of kinds) {
      const entry = manifest.kinds[kind];
      const dimension = this.space[kind]!;
      if (!entry) {
        this.loadReport[kind] = { state: 'empty', reason: `kind "${kind}" was never persisted` };
        continue;
      }
      // A new embedding model or new HNSW parameters make the old graph useless: rebuild, not an error.
      const stale = entry.dimension !== dimension ? `dimension changed (${entry.dimension} -> ${dimension})` : entry.hnsw.connectivity !== this.hnsw.connectivity ? 'HNSW connectivity changed' : null;
      if (stale) {
        this.loadReport[kind] = { state: 'rebuild', reason: stale };
        continue;
      }
      try {
        const kindIndex = await this.loadKind(kind, entry);
        this.kinds.set(kind, kindIndex);
        this.loadReport[kind] = { state: 'loaded', count: kindIndex.size };
      } catch (error) {
        if (onCorrupt === 'throw' || !(error instanceof AppError)) throw error;
        this.loadReport[kind] = { state: 'rebuild', reason: error.message };
      }
    }
    for (const [id, a] of Object.entries(manifest.attributes)) {
      if (kinds.some((kind) => this.kinds.get(kind)!.has(id))) this.attributes.set(id, { format: a[0], status: a[1], year: a[2], adult: a[3] });
    }
  }

  private async loadKind(kind: VectorKind, entry: KindManifest): Promise<KindIndex> {
    const dir = this.dir!;
    const index = await digestFile(join(dir, entry.index.name)).catch(() => null);
    if (!index || index.sha256 !== entry.index.sha256 || index.bytes !== entry.index.bytes) {
      throw corrupt(`${join(dir, entry.index.name)} ${index ? 'does not match its manifest hash' : 'is missing'}`);
    }
    // The vectors file is read once and hashed in memory (it is the larger read of the two).
    const bytes = await readFile(join(dir, entry.vectors.name)).catch(() => null);
    if (!bytes || bytes.byteLength !== entry.vectors.bytes || sha256Bytes(bytes) !== entry.vectors.sha256) {
      throw corrupt(`${join(dir, entry.vectors.name)} ${bytes ? 'does not match its manifest hash' : 'is missing'}`);
    }
    const vectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (vectors.length !== entry.ids.length * entry.dimension) throw corrupt(`${entry.vectors.name} holds ${vectors.length} floats, expected ${entry.ids.length} x ${entry.dimension}`);
    const kindIndex = KindIndex.load(entry.dimension, this.hnsw, join(dir, entry.index.name), entry.ids, vectors);
    if (kindIndex.indexedCount !== kindIndex.size) throw corrupt(`${entry.index.name} holds ${kindIndex.indexedCount} vectors, the manifest ${kindIndex.size}`);
    return kindIndex;
  }

  async upsert(kind: VectorKind, items: VectorItem[]): Promise<void> {
    validateItems(this.space, kind, items);
    this.kinds.get(kind)!.upsert(items.map((item) => ({ id: item.id, vector: normalized(item.vector) })));
    for (const item of items) this.attributes.set(item.id, { ...item.attributes });
  }

  async delete(ids: string[]): Promise<void> {
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    for (const id of ids) {
      for (const kindIndex of this.kinds.values()) kindIndex.delete(id);
      this.attributes.delete(id);
    }
  }

  async deleteKind(kind: VectorKind, ids: string[]): Promise<void> {
    dimensionOf(this.space, kind);
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    for (const id of ids) {
      this.kinds.get(kind)!.delete(id);
      if (![...this.kinds.values()].some((kindIndex) => kindIndex.has(id))) this.attributes.delete(id);
    }
  }

  async ids(kind: VectorKind): Promise<string[]> {
    dimensionOf(this.space, kind);
    return this.kinds.get(kind)!.ids();
  }

  async search(kind: VectorKind, query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    validateSearch(this.space, kind, query, options);
    const predicate = attributePredicate(options.filter);
    return this.kinds.get(kind)!.search(normalized(query), options.k, (id) => predicate(id, this.attributes.get(id)!));
  }

  /** The same search by brute force over this store's vectors (the bench's and tests' recall reference). */
  async searchExact(kind: VectorKind, query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    validateSearch(this.space, kind, query, options);
    const predicate = attributePredicate(options.filter);
    return this.kinds.get(kind)!.scan(normalized(query), options.k, (id) => predicate(id, this.attributes.get(id)!));
  }

  async get(kind: VectorKind, id: string): Promise<Float32Array | null> {
    dimensionOf(this.space, kind);
    const vector = this.kinds.get(kind)!.vector(validateId(id));
    return vector ? Float32Array.from(vector) : null;
  }

  async getMany(kind: VectorKind, ids: string[]): Promise<Map<string, Float32Array>> {
    dimensionOf(this.space, kind);
    const found = new Map<string, Float32Array>();
    for (const id of ids) {
      const vector = this.kinds.get(kind)!.vector(validateId(id));
      if (vector) found.set(id, Float32Array.from(vector));
    }
    return found;
  }

  async count(kind: VectorKind): Promise<number> {
    dimensionOf(this.space, kind);
    return this.kinds.get(kind)!.size;
  }

  /** Writes the kinds changed since the last load or persist, then the manifest (the commit point). */
  async persist(): Promise<void> {
    if (this.dir === null) return;
    const dir = this.dir;
    await mkdir(dir, { recursive: true });
    const previous = await readManifest(dir).catch(() => null);
    const kinds: Partial<Record<VectorKind, KindManifest>> = {};
    for (const [kind, kindIndex] of this.kinds) {
      const unchanged = previous?.kinds[kind];
      if (!kindIndex.dirty && unchanged && this.loadReport[kind]?.state === 'loaded') {
        kinds[kind] = unchanged;
        continue;
      }
      const { ids, vectors } = kindIndex.snapshot();
      const indexPath = join(dir, `${kind}.usearch`);
      const vectorsPath = join(dir, `${kind}.vectors`);
      await writeAtomically(indexPath, (tmp) => kindIndex.save(tmp));
      await writeFileAtomically(vectorsPath, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
      kinds[kind] = { dimension: kindIndex.dimension, hnsw: kindIndex.params, ids, index: await digestFile(indexPath), vectors: await digestFile(vectorsPath) };
    }
    const attributes: Manifest['attributes'] = {};
    for (const [id, a] of this.attributes) attributes[id] = [a.format, a.status, a.year, a.adult];
    await writeManifest(dir, { kinds, attributes });
    for (const [kind, kindIndex] of this.kinds) {
      kindIndex.dirty = false;
      this.loadReport[kind] = { state: 'loaded', count: kindIndex.size };
    }
  }

  async close(): Promise<void> {}
}

function corrupt(message: string): AppError {
  return new AppError(ErrorCode.VECTOR_STORE_CORRUPT, `${message}; delete the folder or open it with onCorrupt: 'rebuild' to re-embed the catalog`);
}
