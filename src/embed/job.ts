// The resumable catalog embedding job: embeds every record for each configured kind into a
// VectorStore, checkpointing {embedderId, content hash per id} every N items, so a killed run
// resumes where its last checkpoint was; after a catalog change only new or changed records are
// embedded and removed ids are deleted. A new embedder id (other model or version) re-embeds all.
import type { AnimeRecord } from '../domain/index.js';
import type { VectorAttributes, VectorItem, VectorKind, VectorStore } from '../vector/types.js';
import { contentHash, readManifest, writeManifest } from './manifest.js';

/** One vector kind the job fills: what a vector depends on, and how to make it. */
export interface EmbedSource {
  kind: VectorKind;
  embedderId: string;
  /** What the vector is computed from (hashed for change detection); null when nothing. */
  content(record: AnimeRecord): string | null;
  /**
   * Vectors for a batch, in order: null for a record that gives none (remembered until its content
   * changes), undefined for a passing failure (a poster host timing out) to retry on the next run.
   */
  embed(records: AnimeRecord[]): Promise<Array<Float32Array | null | undefined>>;
}

export interface EmbedJobOptions {
  store: VectorStore;
  records: readonly AnimeRecord[];
  sources: EmbedSource[];
  manifestPath: string;
  attributesOf(record: AnimeRecord): VectorAttributes;
  /** Items between checkpoints (store persisted, then manifest written). */
  checkpointEvery?: number;
  batchSize?: number;
  onProgress?(kind: VectorKind, done: number, total: number): void;
  /** Stops after the current batch (with a checkpoint), for Ctrl-C and tests. */
  signal?: AbortSignal;
}

export interface KindReport {
  embedded: number;
  unchanged: number;
  /** Records with nothing to embed for this kind (no synopsis, no poster). */
  empty: number;
  /** Passing failures, not recorded: the next run tries them again. */
  failed: number;
}

export interface EmbedJobReport {
  kinds: Partial<Record<VectorKind, KindReport>>;
  deleted: number;
  aborted: boolean;
}

const NOTHING = '-';

export async function runEmbedJob(options: EmbedJobOptions): Promise<EmbedJobReport> {
  const { store, records, sources, manifestPath } = options;
  const checkpointEvery = options.checkpointEvery ?? 500;
  const batchSize = options.batchSize ?? 32;
  const manifest = await readManifest(manifestPath);
  const report: EmbedJobReport = { kinds: {}, deleted: 0, aborted: false };
  const checkpoint = async () => {
    // Store first: the manifest must never claim a vector the store has not made durable.
    await store.persist();
    await writeManifest(manifestPath, manifest);
  };

  // Ids the catalog no longer has leave the store (every kind) and the manifest.
  const current = new Set(records.map((r) => r.id));
  const removed = new Set<string>();
  for (const entry of Object.values(manifest.kinds)) for (const id of Object.keys(entry.items)) if (!current.has(id)) removed.add(id);
  if (removed.size) {
    await store.delete([...removed]);
    for (const entry of Object.values(manifest.kinds)) for (const id of removed) delete entry.items[id];
    report.deleted = removed.size;
    await checkpoint();
  }

  for (const source of sources) {
    let entry = manifest.kinds[source.kind];
    if (!entry || entry.embedderId !== source.embedderId) entry = manifest.kinds[source.kind] = { embedderId: source.embedderId, items: {} };
    const items = entry.items;
    const kindReport: KindReport = { embedded: 0, unchanged: 0, empty: 0, failed: 0 };
    report.kinds[source.kind] = kindReport;
    const todo: Array<{ record: AnimeRecord; hash: string }> = [];
    for (const record of records) {
      const content = source.content(record);
      const hash = content === null ? NOTHING : contentHash(content);
      if (items[record.id] === hash) kindReport.unchanged += 1;
      else if (content === null) {
        items[record.id] = NOTHING;
        kindReport.empty += 1;
      } else todo.push({ record, hash });
    }
    options.onProgress?.(source.kind, 0, todo.length);
    let sinceCheckpoint = 0;
    for (let i = 0; i < todo.length; i += batchSize) {
      if (options.signal?.aborted) {
        report.aborted = true;
        break;
      }
      const batch = todo.slice(i, i + batchSize);
      const vectors = await source.embed(batch.map((b) => b.record));
      const upserts: VectorItem[] = [];
      batch.forEach(({ record, hash }, j) => {
        const vector = vectors[j];
        if (vector === undefined) {
          kindReport.failed += 1;
          return;
        }
        if (vector) {
          upserts.push({ id: record.id, vector, attributes: options.attributesOf(record) });
          kindReport.embedded += 1;
        } else kindReport.empty += 1;
        // The hash is kept even when the embedder gave nothing: same content, same answer next run.
        items[record.id] = hash;
      });
      if (upserts.length) await store.upsert(source.kind, upserts);
      sinceCheckpoint += batch.length;
      options.onProgress?.(source.kind, Math.min(i + batchSize, todo.length), todo.length);
      if (sinceCheckpoint >= checkpointEvery) {
        await checkpoint();
        sinceCheckpoint = 0;
      }
    }
    if (report.aborted) break;
  }
  await checkpoint();
  return report;
}
