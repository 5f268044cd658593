// Vector arithmetic for the in-memory stores: vectors are stored L2-normalised, so cosine
// similarity is one dot product.
export function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  const scale = 1 / Math.sqrt(norm);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * scale;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Higher score first; equal scores by id so every store breaks ties the same way. */
export function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The k best hits seen so far (insertion into a short sorted array: k is small). */
export class TopK {
  readonly hits: Array<{ id: string; score: number }> = [];
  constructor(private readonly k: number) {}

  /** The score a new hit must beat to enter (−∞ until k hits are held). */
  get threshold(): number {
    return this.hits.length < this.k ? -Infinity : this.hits[this.hits.length - 1]!.score;
  }

  offer(id: string, score: number): void {
    if (this.hits.length >= this.k && byScoreThenId({ id, score }, this.hits[this.hits.length - 1]!) >= 0) return;
    const hit = { id, score };
    let i = this.hits.length;
    while (i > 0 && byScoreThenId(hit, this.hits[i - 1]!) < 0) i--;
    this.hits.splice(i, 0, hit);
    if (this.hits.length > this.k) this.hits.pop();
  }
}
