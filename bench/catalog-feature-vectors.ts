// Deterministic vectors from real catalog records for the vector-store tests and the kNN bench:
// feature hashing (signed, three probes per token) of each record's tags, studios, title words,
// format, status and era. Not an embedding model (src/embed has those): it gives the stores real
// catalog structure — clusters of shared tags, near-duplicates across seasons, ties — to index.
import { AnimeFormat, AnimeStatus, type AnimeRecord } from '../src/domain/index.js';
import type { VectorAttributes, VectorItem } from '../src/vector/types.js';

const ADULT_TAGS = new Set(['hentai', 'erotica']);
const PROBES = 3;

function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function recordTokens(record: AnimeRecord, kind: 'text' | 'meta'): string[] {
  const era = record.year === null ? ['era:unknown'] : [`decade:${Math.floor(record.year / 10) * 10}`, `year:${record.year}`];
  const facets = [`format:${record.format}`, `status:${record.status}`, ...era];
  if (kind === 'meta') return [...facets, ...record.tags.map((t) => `tag:${t}`)];
  const words = record.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  return [...record.tags.map((t) => `tag:${t}`), ...record.studios.map((s) => `studio:${s}`), ...words.map((w) => `word:${w}`), ...facets];
}

/** The signed hashed bag of tokens, L2-normalised; null when the record has no token at all. */
export function hashedVector(tokens: string[], dimension: number): Float32Array | null {
  if (tokens.length === 0) return null;
  const v = new Float32Array(dimension);
  for (const token of tokens) {
    for (let p = 0; p < PROBES; p++) {
      const h = fnv1a(token, p);
      const slot = h % dimension;
      v[slot] = v[slot]! + (h & 0x80000000 ? -1 : 1);
    }
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i++) v[i]! *= scale;
  return v;
}

export function recordAttributes(record: AnimeRecord): VectorAttributes {
  return {
    format: record.format ?? AnimeFormat.UNKNOWN,
    status: record.status ?? AnimeStatus.UNKNOWN,
    year: record.year,
    adult: record.tags.some((t) => ADULT_TAGS.has(t)),
  };
}

export function recordItems(records: readonly AnimeRecord[], kind: 'text' | 'meta', dimension: number): VectorItem[] {
  const items: VectorItem[] = [];
  for (const record of records) {
    const vector = hashedVector(recordTokens(record, kind), dimension);
    if (vector) items.push({ id: record.id, vector, attributes: recordAttributes(record) });
  }
  return items;
}
