// The embedded HNSW store (usearch): the shared contract, then what only it does — load the
// persisted graph instead of rebuilding, refuse files that fail the manifest hash with a clear
// error (and the rebuild path), atomic writes, incremental updates after a reopen.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { EmbeddedVectorStore, type VectorStore } from '../../src/vector/index.js';
import { CONTRACT_SPACE, catalogVectors, type CatalogVectors } from './catalog-vectors.js';
import { vectorStoreContract } from './contract.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vectors-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

vectorStoreContract('EmbeddedVectorStore', () => ({
  create: async () => EmbeddedVectorStore.open(await freshDir(), CONTRACT_SPACE),
  reopen: async (store: VectorStore) => EmbeddedVectorStore.open((store as EmbeddedVectorStore).dir!, CONTRACT_SPACE),
  // HNSW is approximate; at this size with ef = 64 it finds the exact top 10.
  minRecall: 0.98,
}));

describe('EmbeddedVectorStore files', () => {
  let data: CatalogVectors;
  let dir: string;

  beforeAll(async () => {
    data = await catalogVectors();
  }, 120_000);

  beforeEach(async () => {
    dir = await freshDir();
    const store = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE);
    await store.upsert('text', data.text);
    await store.upsert('meta', data.meta);
    await store.persist();
  });

  it('writes one index and vector file per kind plus a sealed manifest, and no temporary files', async () => {
    expect((await readdir(dir)).sort()).toEqual(['manifest.json', 'meta.usearch', 'meta.vectors', 'text.usearch', 'text.vectors']);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.kinds.text.dimension).toBe(CONTRACT_SPACE.text);
    expect(manifest.kinds.text.ids.filter(Boolean)).toHaveLength(data.text.length);
    expect(manifest.kinds.text.index.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.attributes)).toHaveLength(data.text.length);
  });

  it('reloads a space declared in another key order (the manifest hash is over a canonical form)', async () => {
    const metaFirst = { meta: CONTRACT_SPACE.meta, text: CONTRACT_SPACE.text };
    const written = await EmbeddedVectorStore.open(await freshDir(), metaFirst);
    await written.upsert('meta', data.meta);
    await written.upsert('text', data.text);
    await written.persist();
    const reopened = await EmbeddedVectorStore.open(written.dir!, metaFirst);
    expect(reopened.loadReport).toEqual({ meta: { state: 'loaded', count: data.meta.length }, text: { state: 'loaded', count: data.text.length } });
  });

  it('loads the persisted graph on open (reported as loaded, no rebuild) and answers like before', async () => {
    const reopened = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE);
    expect(reopened.loadReport).toEqual({ text: { state: 'loaded', count: data.text.length }, meta: { state: 'loaded', count: data.meta.length } });
    const query = data.text[11]!.vector;
    const hits = await reopened.search('text', query, { k: 10, filter: { includeAdult: true } });
    const exact = await reopened.searchExact('text', query, { k: 10, filter: { includeAdult: true } });
    expect(hits.map((h) => h.score)).toEqual(exact.map((h) => expect.closeTo(h.score, 4)));
  });

  it('refuses an index file that no longer matches its manifest hash, naming the file and the way out', async () => {
    const path = join(dir, 'text.usearch');
    const bytes = await readFile(path);
    const at = bytes.length - 5;
    bytes[at] = bytes[at]! ^ 0xff; // one flipped byte inside the graph
    await writeFile(path, bytes);
    const error = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe(ErrorCode.VECTOR_STORE_CORRUPT);
    expect(error!.message).toContain('text.usearch does not match its manifest hash');
    expect(error!.message).toContain("onCorrupt: 'rebuild'");

    // The rebuild path: the damaged kind starts empty, the intact one loads; persisting repairs the folder.
    const rebuilt = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE, { onCorrupt: 'rebuild' });
    expect(rebuilt.loadReport.text).toEqual({ state: 'rebuild', reason: expect.stringContaining('text.usearch') });
    expect(rebuilt.loadReport.meta).toEqual({ state: 'loaded', count: data.meta.length });
    expect(await rebuilt.count('text')).toBe(0);
    await rebuilt.upsert('text', data.text);
    await rebuilt.persist();
    const healed = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE);
    expect(healed.loadReport.text).toEqual({ state: 'loaded', count: data.text.length });
  });

  it('refuses a hand-edited or truncated manifest', async () => {
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    manifest.attributes[data.text[0]!.id][3] = !manifest.attributes[data.text[0]!.id][3];
    await writeFile(path, JSON.stringify(manifest));
    await expect(EmbeddedVectorStore.open(dir, CONTRACT_SPACE)).rejects.toMatchObject({ code: ErrorCode.VECTOR_STORE_CORRUPT, message: expect.stringContaining('content hash') });
    await writeFile(path, JSON.stringify(manifest).slice(0, 200));
    await expect(EmbeddedVectorStore.open(dir, CONTRACT_SPACE)).rejects.toMatchObject({ code: ErrorCode.VECTOR_STORE_CORRUPT, message: expect.stringContaining('not valid JSON') });
  });

  it('refuses a vectors file that was truncated', async () => {
    const path = join(dir, 'meta.vectors');
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 4 * CONTRACT_SPACE.meta!));
    await expect(EmbeddedVectorStore.open(dir, CONTRACT_SPACE)).rejects.toMatchObject({ code: ErrorCode.VECTOR_STORE_CORRUPT, message: expect.stringContaining('meta.vectors') });
  });

  it('rebuilds, without error, a kind whose dimension changed (a new embedding model)', async () => {
    const store = await EmbeddedVectorStore.open(dir, { ...CONTRACT_SPACE, text: 32 });
    expect(store.loadReport.text).toEqual({ state: 'rebuild', reason: 'dimension changed (48 -> 32)' });
    expect(store.loadReport.meta?.state).toBe('loaded');
    expect(await store.count('text')).toBe(0);
  });

  it('applies updates incrementally after a reopen and rewrites only the kinds that changed', async () => {
    const metaBefore = await readFile(join(dir, 'meta.usearch'));
    const textBefore = await readFile(join(dir, 'text.usearch'));
    const store = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE);
    const [changed, removed] = [data.text[20]!, data.text[21]!];
    await store.upsert('text', [{ ...changed, vector: data.text[300]!.vector }]);
    await store.persist();
    expect((await readFile(join(dir, 'meta.usearch'))).equals(metaBefore)).toBe(true);
    expect((await readFile(join(dir, 'text.usearch'))).equals(textBefore)).toBe(false);

    await store.delete([removed.id]);
    await store.persist();
    const reopened = await EmbeddedVectorStore.open(dir, CONTRACT_SPACE);
    expect(reopened.loadReport.text).toEqual({ state: 'loaded', count: data.text.length - 1 });
    expect(await reopened.get('text', removed.id)).toBeNull();
    expect(await reopened.get('meta', removed.id)).toBeNull();
    const hits = await reopened.search('text', data.text[300]!.vector, { k: 2, filter: { includeAdult: true } });
    expect(hits.map((h) => h.id).sort()).toEqual([changed.id, data.text[300]!.id].sort());
    // The freed slot is reused by the next new id rather than growing the index.
    await reopened.upsert('text', [removed]);
    expect(await reopened.count('text')).toBe(data.text.length);
  });

  it('starts empty in a folder with no manifest', async () => {
    const store = await EmbeddedVectorStore.open(await freshDir(), CONTRACT_SPACE);
    expect(store.loadReport.text).toEqual({ state: 'empty', reason: expect.stringContaining('no manifest.json') });
    expect(await store.count('text')).toBe(0);
    expect(await store.search('text', data.text[0]!.vector, { k: 3 })).toEqual([]);
  });
});
