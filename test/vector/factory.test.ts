// createVectorStore: the configuration picks the store; the embedded one opens VECTOR_INDEX_DIR and
// turns damaged files into a rebuild instead of a failed start-up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { ErrorCode } from '../../src/errors/index.js';
import { EmbeddedVectorStore, createVectorStore } from '../../src/vector/index.js';
import { CONTRACT_SPACE, catalogVectors } from './catalog-vectors.js';

describe('createVectorStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vector-factory-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('defaults to the embedded store in data/vectors and Milvus at 127.0.0.1:19530', () => {
    const config = loadConfig({});
    expect(config.VECTOR_STORE).toBe('embedded');
    expect(config.VECTOR_INDEX_DIR).toBe('data/vectors');
    expect(config.MILVUS_ADDRESS).toBe('127.0.0.1:19530');
    expect(config.MILVUS_COLLECTION).toBe('anime_vectors');
  });

  it('rejects an unknown store, a malformed address and an unsafe collection name', () => {
    expect(() => loadConfig({ VECTOR_STORE: 'faiss' })).toThrow(ConfigError);
    expect(() => loadConfig({ MILVUS_ADDRESS: 'http://milvus' })).toThrow(/MILVUS_ADDRESS/);
    expect(() => loadConfig({ MILVUS_COLLECTION: 'anime"; drop' })).toThrow(/MILVUS_COLLECTION/);
  });

  it('opens the embedded store from VECTOR_INDEX_DIR and reloads what was persisted there', async () => {
    const { text } = await catalogVectors();
    const config = loadConfig({ VECTOR_INDEX_DIR: dir });
    const store = (await createVectorStore(config, CONTRACT_SPACE)) as EmbeddedVectorStore;
    expect(store).toBeInstanceOf(EmbeddedVectorStore);
    expect(store.dir).toBe(dir);
    await store.upsert('text', text.slice(0, 50));
    await store.persist();
    const again = (await createVectorStore(config, CONTRACT_SPACE)) as EmbeddedVectorStore;
    expect(again.loadReport.text).toEqual({ state: 'loaded', count: 50 });
  }, 60_000);

  it('starts with empty kinds to rebuild, not a crash, when the folder is damaged', async () => {
    await writeFile(join(dir, 'manifest.json'), '{"formatVersion": 1, "kinds": {');
    const store = (await createVectorStore(loadConfig({ VECTOR_INDEX_DIR: dir }), CONTRACT_SPACE)) as EmbeddedVectorStore;
    expect(store.loadReport.text).toEqual({ state: 'rebuild', reason: expect.stringContaining('not valid JSON') });
    expect(await store.count('text')).toBe(0);
  });

  it('selects Milvus by VECTOR_STORE=milvus and reports an unreachable server as VECTOR_STORE_UNAVAILABLE', async () => {
    const probe = createServer();
    const port = await new Promise<number>((ok) => probe.listen(0, '127.0.0.1', () => ok((probe.address() as { port: number }).port)));
    await new Promise((ok) => probe.close(ok));
    const config = loadConfig({ VECTOR_STORE: 'milvus', MILVUS_ADDRESS: `127.0.0.1:${port}` });
    await expect(createVectorStore(config, CONTRACT_SPACE)).rejects.toMatchObject({ code: ErrorCode.VECTOR_STORE_UNAVAILABLE, message: expect.stringContaining(`127.0.0.1:${port}`) });
  }, 30_000);
});
