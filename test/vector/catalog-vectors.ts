// Real catalog data for the vector-store contract: a deterministic sample of the loaded catalog
// (bangumi-data, the films catalog and the AOD sample) turned into vectors by feature hashing
// (bench/catalog-feature-vectors.ts), two kinds with different dimensions.
import { loadCatalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { AnimeRecord } from '../../src/domain/index.js';
import type { VectorItem, VectorSpace } from '../../src/vector/types.js';
import { recordItems } from '../../bench/catalog-feature-vectors.js';

export const CONTRACT_SPACE: VectorSpace = { text: 48, meta: 24 };

export interface CatalogVectors {
  records: AnimeRecord[];
  text: VectorItem[];
  meta: VectorItem[];
}

let cached: Promise<CatalogVectors> | null = null;

/** About 600 records at an even stride in id order (all providers), so each run sees the same data. */
export function catalogVectors(size = 600): Promise<CatalogVectors> {
  cached ??= (async () => {
    // Romaji readings are irrelevant here and cost seconds to derive.
    const catalog = await loadCatalog(loadConfig({ CATALOG_ROMAJI: 'false' }));
    const all = [...catalog.records].sort((a, b) => (a.id < b.id ? -1 : 1));
    const stride = Math.max(1, Math.floor(all.length / size));
    const records = all.filter((_, i) => i % stride === 0).slice(0, size);
    const text = recordItems(records, 'text', CONTRACT_SPACE.text!);
    const meta = recordItems(records, 'meta', CONTRACT_SPACE.meta!);
    // The bundled catalog has no explicit (hentai/erotica-tagged) entry at all, so the adult flag
    // would never be set; mark every 15th sampled record adult to exercise the filter. Vectors and
    // every other attribute stay the records' own.
    const adultIds = new Set(text.filter((_, i) => i % 15 === 7).map((item) => item.id));
    for (const item of [...text, ...meta]) if (adultIds.has(item.id)) item.attributes = { ...item.attributes, adult: true };
    return { records, text, meta };
  })();
  return cached;
}
