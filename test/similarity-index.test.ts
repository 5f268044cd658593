// The similarity index follows the catalog: the first start writes every vector, a restart on the
// same catalog writes none, and a catalog update writes only the entries that changed (real
// catalog records; the "update" edits copies of them, as a new catalog release would).
import { Catalog, loadCatalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { fitMetadataEmbedder, loadWordVectorTextEmbedder } from '../src/embed/index.js';
import { SimilarityService } from '../src/similarity/index.js';
import { indexCatalogVectors } from '../src/similarity/catalog-vectors.js';
import { ExactVectorStore } from '../src/vector/index.js';
import type { AnimeRecord } from '../src/domain/index.js';

let full: Catalog;

beforeAll(async () => {
  full = await loadCatalog({ ...loadConfig(), CATALOG_ROMAJI: false });
}, 120_000);

it('writes every vector once, nothing on a restart, and only what a catalog update changed', async () => {
  // The films with a synopsis plus as many title-only entries: both kinds of record, quickly.
  const films = full.records.filter((r) => r.synopsis).slice(0, 300);
  const bare = full.records.filter((r) => !r.synopsis && !r.tags.length).slice(0, 300);
  const catalog = new Catalog([...films, ...bare], []);
  const meta = fitMetadataEmbedder(catalog.records);
  const text = await loadWordVectorTextEmbedder({ cacheDir: '.cache/embed' });
  // Picture vectors come from `npm run embed:catalog` alone; one stands in here (a copy of the
  // entry's metadata vector) to show an update keeps them.
  const store = new ExactVectorStore({ text: text.dimension, meta: meta.dimension, image: meta.dimension });

  const first = await indexCatalogVectors(catalog, store, meta, text);
  expect(first.meta.written).toBe(first.meta.expected);
  expect(first.text!.expected).toBe(films.length);
  expect(first.text!.written).toBe(films.length);
  expect(await store.count('meta')).toBe(first.meta.expected);

  const restart = await indexCatalogVectors(catalog, store, meta, text);
  expect({ meta: restart.meta.written, text: restart.text!.written }).toEqual({ meta: 0, text: 0 });

  // A new release: one film gets another synopsis (that of a different film), one entry moves year.
  const [a, b] = films as [AnimeRecord, AnimeRecord];
  const moved = bare[0]!;
  const updated = catalog.records.map((r) => (r === a ? { ...a, synopsis: b.synopsis } : r === moved ? { ...moved, year: (moved.year ?? 2000) - 20 } : r));
  const update = await indexCatalogVectors(new Catalog(updated, []), store, meta, text);
  expect(update.text!.written).toBe(1);
  expect(update.meta.written).toBe(1);
  expect(await store.get('text', a.id)).toEqual(await store.get('text', b.id));
  expect(update.removed).toBe(0);

  // The next one drops a film's synopsis: its synopsis vector goes, its metadata vector stays.
  const silent = films[2]!;
  const metaBefore = await store.get('meta', silent.id);
  await store.upsert('image', [{ id: silent.id, vector: metaBefore!, attributes: { format: silent.format, year: silent.year, status: silent.status, adult: false } }]);
  const dropped = await indexCatalogVectors(new Catalog(updated.map((r) => (r.id === silent.id ? { ...r, synopsis: null } : r)), []), store, meta, text);
  expect(dropped.removed).toBe(1);
  // Only the synopsis vector was taken out: the metadata vector was never rewritten.
  expect(dropped.meta.written).toBe(0);
  expect(await store.get('text', silent.id)).toBeNull();
  expect(await store.count('text')).toBe(films.length - 1);
  expect(await store.get('meta', silent.id)).toEqual(metaBefore);
  expect(await store.count('meta')).toBe(first.meta.expected);
  expect(await store.get('image', silent.id)).toEqual(metaBefore);

  // A film that leaves the catalog leaves semantic search too.
  const leaving = films[3]!;
  const left = await indexCatalogVectors(new Catalog(updated.filter((r) => r.id !== leaving.id && r.id !== silent.id), []), store, meta, text);
  expect(left.removed).toBe(1);
  expect(await store.get('text', leaving.id)).toBeNull();
  expect(await store.count('text')).toBe(films.length - 2);
});

it('leaves entries removed from the catalog out of results even while the store still holds them', async () => {
  const films = full.records.filter((r) => r.synopsis && r.tags.includes('mecha')).slice(0, 40);
  const catalog = new Catalog(films, []);
  const meta = fitMetadataEmbedder(catalog.records);
  const store = new ExactVectorStore({ meta: meta.dimension });
  await indexCatalogVectors(catalog, store, meta, null);
  // The next release drops the first film's nearest neighbour; the old store is reused as is.
  const service = new SimilarityService(catalog, async () => ({ store, meta, text: null, image: null }), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
  const neighbour = (await service.similar(films[0]!.id, 1))[0]!.id;
  const smaller = new Catalog(films.filter((r) => r.id !== neighbour), []);
  const after = new SimilarityService(smaller, async () => ({ store, meta, text: null, image: null }), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
  const ids = (await after.similar(films[0]!.id, 10)).map((r) => r.id);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).not.toContain(neighbour);
});
