// Keeps the store's model-free vectors in step with the catalog: metadata vectors for every record
// the embedder can describe, synopsis vectors for records with a synopsis. Both are cheap to
// compute (well under a second for the whole catalog), so each start computes them and writes
// only those that differ from what the store holds: a store loaded from disk or filled by
// `npm run embed:catalog` costs no index writes; a catalog update re-indexes just what changed.
import type { Catalog } from '../catalog/index.js';
import type { AnimeRecord } from '../domain/index.js';
import type { RecordEmbedder, TextEmbedder } from '../embed/types.js';
import type { VectorAttributes, VectorItem, VectorKind, VectorStore } from '../vector/types.js';
import { isAdultRecord } from './filter.js';

const TEXT_BATCH = 64;
const UPSERT_BATCH = 1000;
const READ_BATCH = 1000;
/** Stored vectors this close to the fresh ones are kept (float rounding in the index files). */
const SAME = 0.9999;

export interface KindReport {
  /** Vectors the catalog calls for. */
  expected: number;
  /** Of those, written now because they were missing or different. */
  written: number;
}

export interface CatalogVectorsReport {
  meta: KindReport;
  text: KindReport | null;
  /** Synopsis vectors removed because their entry has no synopsis any more, or left the catalog. */
  removed: number;
  ms: number;
}

export function attributesOf(record: AnimeRecord): VectorAttributes {
  return { format: record.format, year: record.year, status: record.status, adult: isAdultRecord(record) };
}

export async function indexCatalogVectors(catalog: Catalog, store: VectorStore, meta: RecordEmbedder, text: TextEmbedder | null): Promise<CatalogVectorsReport> {
  const started = performance.now();
  // A synopsis vector whose entry has no synopsis any more (a new catalog or harvest), or is gone
  // from the catalog, must leave semantic search; the entry's other vectors stay.
  let stale: string[] = [];
  if (text && store.space.text !== undefined) {
    const narrated = new Set(catalog.records.filter((r) => r.synopsis?.trim()).map((r) => r.id));
    stale = (await store.ids('text')).filter((id) => !narrated.has(id));
    if (stale.length) await store.deleteKind('text', stale);
  }
  const metaItems: VectorItem[] = [];
  for (const record of catalog.records) {
    const vector = await meta.embedRecord(record);
    if (vector) metaItems.push({ id: record.id, vector, attributes: attributesOf(record) });
  }
  const report: CatalogVectorsReport = { meta: await sync(store, 'meta', metaItems), text: null, removed: 0, ms: 0 };
  if (text && store.space.text !== undefined) {
    const narrated = catalog.records.filter((r) => r.synopsis?.trim());
    const textItems: VectorItem[] = [];
    for (let i = 0; i < narrated.length; i += TEXT_BATCH) {
      const batch = narrated.slice(i, i + TEXT_BATCH);
      const vectors = await embedBatch(text, batch.map((r) => r.synopsis!));
      batch.forEach((record, j) => vectors[j] && textItems.push({ id: record.id, vector: vectors[j]!, attributes: attributesOf(record) }));
    }
    report.text = await sync(store, 'text', textItems);
  }
  report.removed = stale.length;
  if (report.meta.written || report.text?.written || stale.length) await store.persist();
  report.ms = Math.round(performance.now() - started);
  return report;
}

async function sync(store: VectorStore, kind: VectorKind, items: VectorItem[]): Promise<KindReport> {
  const changed: VectorItem[] = [];
  for (let i = 0; i < items.length; i += READ_BATCH) {
    const batch = items.slice(i, i + READ_BATCH);
    const stored = await store.getMany(kind, batch.map((item) => item.id));
    for (const item of batch) {
      const vector = stored.get(item.id);
      if (!vector || cosine(vector, item.vector) < SAME) changed.push(item);
    }
  }
  for (let i = 0; i < changed.length; i += UPSERT_BATCH) await store.upsert(kind, changed.slice(i, i + UPSERT_BATCH));
  return { expected: items.length, written: changed.length };
}

function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -1;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : -1;
}

/** One call per batch; when the batch fails (a synopsis with no known word), one by one. */
async function embedBatch(text: TextEmbedder, texts: string[]): Promise<Array<Float32Array | null>> {
  try {
    return await text.embedTexts(texts);
  } catch {
    return Promise.all(texts.map(async (t) => (await text.embedTexts([t]).catch(() => [null]))[0] ?? null));
  }
}
