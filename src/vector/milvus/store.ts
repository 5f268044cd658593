// The distributed-mode vector store on Milvus (@zilliz/milvus2-sdk-node). One collection (created
// by collection.ts):
//   id        VarChar(256), primary key (canonical anime id)
//   v_<kind>  FloatVector(dim) for each kind of the space, HNSW index, COSINE metric
//   has_<kind> Bool — whether the row really holds that kind
//   format, status VarChar(16); year Int32 (-1 = unknown); adult Bool
// Milvus needs every vector field in every row, but kinds are embedded at different times (text
// and metadata first, posters later). Rather than one collection per kind (three copies of the
// scalars to keep in step), a row missing a kind gets a placeholder unit vector and has_<kind> =
// false, and every search, get and count of that kind filters on has_<kind>. An upsert of one kind
// reads the rows' other vectors first and writes complete rows; upserts in this process run one
// at a time so two kinds written concurrently cannot overwrite each other's half.
import { ConsistencyLevelEnum, MilvusClient, type FieldData } from '@zilliz/milvus2-sdk-node';
import { AppError, ErrorCode } from '../../errors/index.js';
import { normalized } from '../cosine.js';
import type { VectorAttributes, VectorHit, VectorItem, VectorKind, VectorSearch, VectorSpace, VectorStore } from '../types.js';
import { dimensionOf, validateId, validateItems, validateSearch, validateSpace } from '../validate.js';
import { MILVUS_HNSW, ensureCollection, milvusCall, unavailableOnThrow } from './collection.js';
import { FIELD, idListExpression, presenceField, searchExpression, vectorField } from './expression.js';

export { MILVUS_HNSW } from './collection.js';

const BATCH = 500;

export interface MilvusStoreOptions {
  address: string;
  collection: string;
  space: VectorSpace;
  /** Per-call deadline in ms. */
  timeoutMs?: number;
}

interface Row {
  id: string;
  format: string;
  status: string;
  year: number;
  adult: boolean;
  [field: string]: FieldData;
}

export class MilvusVectorStore implements VectorStore {
  readonly name: string = 'milvus';
  readonly space: VectorSpace;
  private readonly collection: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: MilvusClient,
    options: MilvusStoreOptions,
  ) {
    this.space = options.space;
    this.collection = options.collection;
  }

  /** Connects, creating the collection and its indexes on first use, and loads it for search. */
  static async connect(options: MilvusStoreOptions): Promise<MilvusVectorStore> {
    validateSpace(options.space);
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(options.collection)) throw new AppError(ErrorCode.BAD_USER_INPUT, `MILVUS_COLLECTION "${options.collection}" is not a valid collection name (letters, digits, underscore)`, { field: 'MILVUS_COLLECTION' });
    const client = await unavailableOnThrow(`cannot connect to Milvus at ${options.address}`, async () => {
      // The SDK logs every request at debug level whenever NODE_ENV=test; our errors carry what matters.
      const c = new MilvusClient({ address: options.address, timeout: options.timeoutMs ?? 10_000, logLevel: 'warn' });
      const health = await c.checkHealth();
      if (!health.isHealthy) throw new Error(`unhealthy: ${health.reasons.join('; ')}`);
      return c;
    });
    await ensureCollection(client, options.collection, options.space);
    return new MilvusVectorStore(client, options);
  }

  private kinds(): VectorKind[] {
    return Object.keys(this.space) as VectorKind[];
  }

  /** Runs an SDK call, turning a thrown error or a non-success status into VECTOR_STORE_UNAVAILABLE. */
  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return milvusCall(what, run);
  }

  /** Serialises writes in this process (read-then-upsert must not interleave). */
  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async upsert(kind: VectorKind, items: VectorItem[]): Promise<void> {
    validateItems(this.space, kind, items);
    await this.exclusive(async () => {
      for (let start = 0; start < items.length; start += BATCH) {
        const batch = items.slice(start, start + BATCH);
        const existing = new Map((await this.rows(batch.map((i) => i.id))).map((row) => [row.id, row]));
        const data = batch.map((item) => this.completeRow(kind, item, existing.get(item.id)));
        await this.call('upsert', () => this.client.upsert({ collection_name: this.collection, data }));
      }
    });
  }

  /** A full row: this kind's vector and the item's attributes, the other kinds kept (or placeholders). */
  private completeRow(kind: VectorKind, item: VectorItem, existing: Row | undefined): Row {
    const row: Row = { id: item.id, ...scalarFields(item.attributes) };
    for (const other of this.kinds()) {
      if (other === kind) {
        row[vectorField(other)] = Array.from(normalized(item.vector));
        row[presenceField(other)] = true;
      } else if (existing?.[presenceField(other)] === true) {
        row[vectorField(other)] = existing[vectorField(other)];
        row[presenceField(other)] = true;
      } else {
        row[vectorField(other)] = placeholder(this.space[other]!);
        row[presenceField(other)] = false;
      }
    }
    return row;
  }

  /** The rows of `ids` with every kind's vector and presence flag, and with the scalars when asked. */
  private async rows(ids: string[], withScalars = false): Promise<Row[]> {
    if (ids.length === 0) return [];
    const scalars = withScalars ? [FIELD.format, FIELD.status, FIELD.year, FIELD.adult] : [];
    const fields = [FIELD.id, ...this.kinds().flatMap((k) => [vectorField(k), presenceField(k)]), ...scalars];
    const result = await this.call('query', () =>
      this.client.query({ collection_name: this.collection, filter: idListExpression(ids), output_fields: fields, consistency_level: ConsistencyLevelEnum.Strong }),
    );
    return result.data as Row[];
  }

  async delete(ids: string[]): Promise<void> {
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    if (ids.length === 0) return;
    await this.exclusive(async () => {
      for (let start = 0; start < ids.length; start += BATCH) {
        const filter = idListExpression(ids.slice(start, start + BATCH));
        await this.call('delete', () => this.client.delete({ collection_name: this.collection, filter }));
      }
    });
  }

  /**
   * Milvus keeps one row per id, so a kind is taken out of a row by writing the row back with that
   * kind's placeholder and has_<kind> = false; a row left with no kind is deleted.
   */
  async deleteKind(kind: VectorKind, ids: string[]): Promise<void> {
    dimensionOf(this.space, kind);
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    await this.exclusive(async () => {
      for (let start = 0; start < ids.length; start += BATCH) {
        const held = (await this.rows(ids.slice(start, start + BATCH), true)).filter((row) => row[presenceField(kind)] === true);
        const others = (row: Row) => this.kinds().some((other) => other !== kind && row[presenceField(other)] === true);
        const kept = held.filter(others).map((row) => ({ ...row, [vectorField(kind)]: placeholder(this.space[kind]!), [presenceField(kind)]: false }));
        const emptied = held.filter((row) => !others(row)).map((row) => row.id);
        if (kept.length) await this.call('upsert', () => this.client.upsert({ collection_name: this.collection, data: kept }));
        if (emptied.length) await this.call('delete', () => this.client.delete({ collection_name: this.collection, filter: idListExpression(emptied) }));
      }
    });
  }

  async ids(kind: VectorKind): Promise<string[]> {
    dimensionOf(this.space, kind);
    const iterator = await this.call('queryIterator', () =>
      this.client.queryIterator({ collection_name: this.collection, expr: `${presenceField(kind)} == true`, output_fields: [FIELD.id], batchSize: BATCH * 2, consistency_level: ConsistencyLevelEnum.Strong }),
    );
    const ids: string[] = [];
    try {
      for await (const batch of iterator as AsyncIterable<Array<{ id: string }>>) for (const row of batch) ids.push(String(row.id));
    } catch (error) {
      throw new AppError(ErrorCode.VECTOR_STORE_UNAVAILABLE, `Milvus queryIterator failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return ids;
  }

  async search(kind: VectorKind, query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    validateSearch(this.space, kind, query, options);
    const filter = searchExpression(kind, options.filter);
    const result = await this.call('search', () =>
      this.client.search({
        collection_name: this.collection,
        anns_field: vectorField(kind),
        data: Array.from(normalized(query)),
        limit: options.k,
        filter,
        output_fields: [FIELD.id],
        metric_type: 'COSINE',
        params: { ef: Math.max(MILVUS_HNSW.ef, options.k) },
        consistency_level: ConsistencyLevelEnum.Strong,
      }),
    );
    return (result.results as Array<{ id: string; score: number }>).map((hit) => ({ id: String(hit.id), score: hit.score }));
  }

  async get(kind: VectorKind, id: string): Promise<Float32Array | null> {
    dimensionOf(this.space, kind);
    validateId(id);
    const [row] = (await this.rows([id])).filter((r) => r[presenceField(kind)] === true);
    return row ? Float32Array.from(row[vectorField(kind)] as number[]) : null;
  }

  async getMany(kind: VectorKind, ids: string[]): Promise<Map<string, Float32Array>> {
    dimensionOf(this.space, kind);
    ids.forEach((id, i) => validateId(id, `ids[${i}]`));
    const found = new Map<string, Float32Array>();
    // One query per batch instead of a round trip per id (the start-up sync reads the whole catalog).
    for (let start = 0; start < ids.length; start += BATCH) {
      for (const row of await this.rows(ids.slice(start, start + BATCH))) {
        if (row[presenceField(kind)] === true) found.set(row[FIELD.id] as string, Float32Array.from(row[vectorField(kind)] as number[]));
      }
    }
    return found;
  }

  async count(kind: VectorKind): Promise<number> {
    dimensionOf(this.space, kind);
    const result = await this.call('count', () => this.client.count({ collection_name: this.collection, expr: `${presenceField(kind)} == true` }));
    return result.data;
  }

  /** Seals the growing segments (durable on the Milvus side). */
  async persist(): Promise<void> {
    await this.call('flush', () => this.client.flushSync({ collection_names: [this.collection] }));
  }

  async close(): Promise<void> {
    await this.queue;
    await this.client.closeConnection();
  }

  /** Drops the collection (tests and re-embedding after a model change). */
  async drop(): Promise<void> {
    await this.call('dropCollection', () => this.client.dropCollection({ collection_name: this.collection }));
  }
}

function scalarFields(a: VectorAttributes): Pick<Row, 'format' | 'status' | 'year' | 'adult'> {
  return { format: a.format, status: a.status, year: a.year ?? -1, adult: a.adult };
}

/** A unit vector for a kind the row does not hold (cosine needs a non-zero vector; has_<kind> hides it). */
function placeholder(dimension: number): number[] {
  const v = new Array<number>(dimension).fill(0);
  v[0] = 1;
  return v;
}
