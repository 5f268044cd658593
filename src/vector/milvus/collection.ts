// The Milvus collection behind MilvusVectorStore: its schema and HNSW indexes, created on first
// use and checked against the store's space afterwards; and the one way SDK calls are made, so
// every failure becomes VECTOR_STORE_UNAVAILABLE with Milvus's reason.
import { DataType, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { VectorKind, VectorSpace } from '../types.js';
import { FIELD, presenceField, vectorField } from './expression.js';

/**
 * HNSW index parameters (documented in src/vector/README.md): M = 16 links per node and
 * efConstruction = 200 build a graph of the same quality as the embedded store's; ef = 64 at search
 * time (raised to k when k is larger, as Milvus requires ef >= k).
 */
export const MILVUS_HNSW = { M: 16, efConstruction: 200, ef: 64 } as const;

export async function unavailableOnThrow<T>(message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.VECTOR_STORE_UNAVAILABLE, `${message}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs an SDK call; a thrown error or a non-success status (the SDK returns many) is VECTOR_STORE_UNAVAILABLE. */
export async function milvusCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  const result = await unavailableOnThrow(`Milvus ${what} failed`, run);
  const status = (result as { status?: { error_code?: string | number; reason?: string } }).status ?? (result as { error_code?: string | number; reason?: string });
  if (status && status.error_code !== undefined && status.error_code !== 'Success' && status.error_code !== 0) {
    throw new AppError(ErrorCode.VECTOR_STORE_UNAVAILABLE, `Milvus ${what} failed: ${status.reason || String(status.error_code)}`);
  }
  return result;
}

/** Creates the collection and its indexes when missing, checks the vector dimensions when present, then loads it. */
export async function ensureCollection(client: MilvusClient, collection_name: string, space: VectorSpace): Promise<void> {
  const kinds = Object.keys(space) as VectorKind[];
  const exists = await milvusCall('hasCollection', () => client.hasCollection({ collection_name }));
  if (exists.value) {
    const described = await milvusCall('describeCollection', () => client.describeCollection({ collection_name }));
    for (const kind of kinds) {
      const field = described.schema.fields.find((f) => f.name === vectorField(kind));
      const dim = Number(field?.type_params?.find((p) => p.key === 'dim')?.value ?? (field as { dim?: unknown } | undefined)?.dim);
      if (dim !== space[kind]) {
        throw new AppError(ErrorCode.VECTOR_DIMENSION_MISMATCH, `Milvus collection "${collection_name}" has ${field ? `${vectorField(kind)} of dimension ${dim}` : `no field ${vectorField(kind)}`}, the store expects ${space[kind]}; drop the collection (or set MILVUS_COLLECTION) and re-embed`);
      }
    }
  } else {
    await milvusCall('createCollection', () =>
      client.createCollection({
        collection_name,
        consistency_level: 'Strong',
        fields: [
          { name: FIELD.id, data_type: DataType.VarChar, is_primary_key: true, max_length: 256 },
          ...kinds.flatMap((kind) => [
            { name: vectorField(kind), data_type: DataType.FloatVector, dim: space[kind]! },
            { name: presenceField(kind), data_type: DataType.Bool },
          ]),
          { name: FIELD.format, data_type: DataType.VarChar, max_length: 16 },
          { name: FIELD.status, data_type: DataType.VarChar, max_length: 16 },
          { name: FIELD.year, data_type: DataType.Int32 },
          { name: FIELD.adult, data_type: DataType.Bool },
        ],
      }),
    );
    for (const kind of kinds) {
      await milvusCall('createIndex', () =>
        client.createIndex({ collection_name, field_name: vectorField(kind), index_type: 'HNSW', metric_type: 'COSINE', params: { M: MILVUS_HNSW.M, efConstruction: MILVUS_HNSW.efConstruction } }),
      );
    }
  }
  await milvusCall('loadCollection', () => client.loadCollection({ collection_name }));
}
