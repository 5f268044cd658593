// A seeded sparse random projection (Achlioptas / Johnson–Lindenstrauss): each feature name maps
// to a fixed ±1 pattern derived from a hash of the name and the seed, so the projection needs no
// stored matrix, is identical on every machine and run, and a feature's column never depends on
// which other features the catalog happens to contain.

/** FNV-1a, 32 bit. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny, well-distributed 32-bit PRNG (deterministic from its seed). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RandomProjection {
  private readonly columns = new Map<string, Float32Array>();

  constructor(
    readonly dimension: number,
    readonly seed: number,
  ) {}

  /** The ±1 (one third of entries non-zero, Achlioptas' sparse variant) column of a feature. */
  column(feature: string): Float32Array {
    let column = this.columns.get(feature);
    if (!column) {
      const random = mulberry32(fnv1a(`${this.seed}\u0000${feature}`));
      column = new Float32Array(this.dimension);
      for (let i = 0; i < this.dimension; i += 1) {
        const r = random();
        column[i] = r < 1 / 6 ? -1 : r < 2 / 6 ? 1 : 0;
      }
      this.columns.set(feature, column);
    }
    return column;
  }

  /** Projects a sparse weighted feature vector; returns null when nothing projects. */
  project(features: ReadonlyMap<string, number>): Float32Array | null {
    const out = new Float32Array(this.dimension);
    for (const [feature, weight] of features) {
      const column = this.column(feature);
      for (let i = 0; i < this.dimension; i += 1) out[i]! += weight * column[i]!;
    }
    return normalize(out);
  }
}

/** L2-normalises in place; null for a zero vector (nothing to compare). */
export function normalize(vector: Float32Array): Float32Array | null {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * vector[i]!;
  if (sum === 0 || !Number.isFinite(sum)) return null;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i += 1) vector[i]! *= inv;
  return vector;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
