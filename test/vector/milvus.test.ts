// The Milvus store against a real Milvus on this machine: Milvus Lite started by
// scripts/milvus-test-server.sh (or the server at MILVUS_ADDRESS when set). Same contract as the
// other stores, plus ids that try to break out of the filter expression. When no Milvus can
// start, the suite is skipped with one loud line (or fails when REQUIRE_MILVUS is set, as in CI).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { MilvusVectorStore } from '../../src/vector/milvus/store.js';
import { CONTRACT_SPACE, catalogVectors } from './catalog-vectors.js';
import { vectorStoreContract } from './contract.js';
import { describeWithPart } from '../support/system-parts.js';

const run = promisify(execFile);
const OUTER_LIMIT_MS = 180_000;
const script = resolve(process.cwd(), 'scripts/milvus-test-server.sh');

interface Server {
  address: string;
  stop(): Promise<void>;
}

async function startMilvus(): Promise<Server | string> {
  const external = process.env['MILVUS_ADDRESS'];
  if (external) return { address: external, stop: async () => {} };
  const state = await mkdtemp(join(tmpdir(), 'milvus-test-'));
  try {
    // The script gives up after MILVUS_START_TIMEOUT (120 s) and says why; this outer limit only
    // catches a script that hangs.
    const { stdout } = await run('bash', [script, 'start', '--state', state, '--parent', String(process.pid)], { timeout: OUTER_LIMIT_MS });
    return {
      address: stdout.trim(),
      stop: async () => {
        await run('bash', [script, 'stop', '--state', state]);
        await rm(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(state, { recursive: true, force: true });
    const e = error as { stderr?: string; message: string; killed?: boolean };
    const why = e.killed ? `no answer within ${OUTER_LIMIT_MS / 1000} s (killed)` : (e.stderr || e.message).trim();
    return `scripts/milvus-test-server.sh could not start Milvus Lite: ${why}`;
  }
}

const server = await startMilvus();

if (typeof server === 'string') {
  describeWithPart('milvus', server, 'Milvus contract suite')('MilvusVectorStore (no Milvus could start)', () => {
    it('runs the contract against a real Milvus', () => {});
  });
} else {
  const collections: string[] = [];
  let counter = 0;
  const connect = async (collection = `contract_${process.pid}_${counter++}`) => {
    collections.push(collection);
    return MilvusVectorStore.connect({ address: server.address, collection, space: CONTRACT_SPACE });
  };

  afterAll(async () => {
    const client = new MilvusClient({ address: server.address, logLevel: 'warn' });
    for (const collection_name of collections) await client.dropCollection({ collection_name }).catch(() => undefined);
    await client.closeConnection();
    await server.stop();
  }, 60_000);

  vectorStoreContract(`MilvusVectorStore (${server.address})`, () => ({
    create: () => connect(),
    // A restart: a new client on the same collection, after flush.
    reopen: async (store) => {
      await store.close();
      return connect(collections[collections.length - 1]);
    },
    minRecall: 0.98,
  }));

  describe('MilvusVectorStore against hostile ids and a wrong collection', () => {
    it('stores, excludes and deletes ids with quotes and `or 1==1` as plain values', async () => {
      const { text } = await catalogVectors();
      const hostile = ['mal:1" or 1==1 or id == "x', 'x\\" or id != \\"', '"] or adult == false or id in ["'];
      const store = await connect();
      try {
        const items = [...text.slice(0, 10), ...hostile.map((id, i) => ({ ...text[20 + i]!, id }))];
        await store.upsert('text', items);
        expect(await store.count('text')).toBe(13);
        for (const id of hostile) expect(await store.get('text', id)).toEqual(expect.any(Float32Array));

        const all = await store.search('text', text[20]!.vector, { k: 13, filter: { includeAdult: true, excludeIds: [hostile[0]!] } });
        expect(all.map((h) => h.id)).not.toContain(hostile[0]);
        expect(all).toHaveLength(12);

        await store.delete([hostile[1]!]);
        expect(await store.count('text')).toBe(12);
        expect(await store.get('text', hostile[1]!)).toBeNull();
        expect(await store.get('text', hostile[0]!)).not.toBeNull();
      } finally {
        await store.close();
      }
    });

    it('refuses to use a collection whose vector dimension differs from the space', async () => {
      const name = `contract_${process.pid}_dims`;
      collections.push(name);
      const first = await MilvusVectorStore.connect({ address: server.address, collection: name, space: CONTRACT_SPACE });
      await first.close();
      const error = await MilvusVectorStore.connect({ address: server.address, collection: name, space: { ...CONTRACT_SPACE, text: 16 } }).then(
        () => null,
        (e: unknown) => e as AppError,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error!.code).toBe(ErrorCode.VECTOR_DIMENSION_MISMATCH);
      expect(error!.message).toContain('v_text of dimension 48');
    });

    it('reports an unreachable Milvus as VECTOR_STORE_UNAVAILABLE', async () => {
      // A port nothing listens on: the Milvus Lite port after this file's server, +1, is not guaranteed
      // free, so ask the OS for one and close it.
      const { createServer } = await import('node:net');
      const probe = createServer();
      const port = await new Promise<number>((ok) => probe.listen(0, '127.0.0.1', () => ok((probe.address() as { port: number }).port)));
      await new Promise((ok) => probe.close(ok));
      await expect(MilvusVectorStore.connect({ address: `127.0.0.1:${port}`, collection: 'nowhere', space: CONTRACT_SPACE, timeoutMs: 1500 })).rejects.toMatchObject({
        code: ErrorCode.VECTOR_STORE_UNAVAILABLE,
      });
    });
  });
}
