// The model-free text embedder (`kind: 'text'`, 100 dims): an IDF-weighted average of pretrained
// word vectors over the content words of a text, normalised. Query text and record synopses go
// through the same function, so "underground tunnels and dream talking" can meet a synopsis that
// says "caves" and "dreams" — close words, not equal ones. It knows no word order or negation.
import type { AnimeRecord } from '../domain/index.js';
import { badInput } from '../errors/index.js';
import { normalize } from './projection.js';
import { STOPWORDS } from './stopwords.js';
import { words } from './tokens.js';
import type { RecordEmbedder, TextEmbedder } from './types.js';
import { loadWordVectors, WORD_VECTOR_DIMENSION, type WordVectorOptions, type WordVectors } from './word-vectors.js';

/** Longest text read (a synopsis is ~1–3k characters); the rest is ignored, not an error. */
export const MAX_TEXT_CHARS = 20_000;

/** Vocabulary size behind the Zipf estimate of word probability (the package has 341k words). */
const VOCABULARY = 400_000;
/** SIF's smoothing constant, the value Arora et al. found robust across tasks. */
const SIF_A = 1e-3;

/**
 * SIF weight a / (a + p(w)) (Arora, Liang, Ma 2017: "A simple but tough-to-beat baseline for
 * sentence embeddings"). The corpus is in frequency order, so Zipf's law gives p(w) from the rank.
 * A smooth IDF: frequent words count little, but rare names do not dominate as with log-rank IDF
 * (measured on the 40 narrative queries against the films' synopses, vector only: hit@10 67.5 %
 * with SIF vs 57.5 % with log-rank weights).
 */
export function sifWeight(rank: number): number {
  const p = 1 / ((rank + 10) * Math.log(VOCABULARY));
  return SIF_A / (SIF_A + p);
}

export class WordVectorTextEmbedder implements TextEmbedder {
  readonly id = 'text-wink-sg100d-sif-v2';
  readonly kind = 'text' as const;
  readonly dimension = WORD_VECTOR_DIMENSION;

  /**
   * Averages of word vectors share one large common direction (every text looks ~0.7 alike);
   * projecting out the weighted mean of the most frequent content words spreads scores out (SIF's
   * common component removal, with a fixed reference instead of a fit on a corpus).
   */
  private readonly common: Float32Array;

  constructor(private readonly vectors: WordVectors) {
    this.common = commonDirection(vectors);
  }

  /** The normalised vector of one text, or null when none of its words is known. */
  embedText(text: string): Float32Array | null {
    const out = new Float32Array(this.dimension);
    let known = 0;
    for (const word of words(text.slice(0, MAX_TEXT_CHARS))) {
      if (STOPWORDS.has(word)) continue;
      const vector = this.vectors.vector(word) ?? this.vectors.vector(word.replace(/'s$/, ''));
      if (!vector) continue;
      const weight = sifWeight(this.vectors.rank(word) ?? 0);
      for (let i = 0; i < this.dimension; i += 1) out[i]! += weight * vector[i]!;
      known += 1;
    }
    if (!known) return null;
    const along = out.reduce((sum, x, i) => sum + x * this.common[i]!, 0);
    for (let i = 0; i < this.dimension; i += 1) out[i]! -= along * this.common[i]!;
    return normalize(out);
  }

  /** Throws BAD_USER_INPUT for a text with no known English word (nothing to search by). */
  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text, index) => {
      const vector = this.embedText(text);
      if (!vector) throw badInput('The text has no English word the model-free embedder knows.', { field: 'text', index });
      return vector;
    });
  }
}

const COMMON_REFERENCE_WORDS = 20_000;

/** Unit vector of the rank-weighted mean of the most frequent content words. */
function commonDirection(vectors: WordVectors): Float32Array {
  const mean = new Float32Array(vectors.dimension);
  for (const [word, rank] of vectors.frequentWords(COMMON_REFERENCE_WORDS)) {
    if (STOPWORDS.has(word) || !/^[a-z]+$/.test(word)) continue;
    const vector = vectors.vector(word)!;
    const weight = sifWeight(rank);
    for (let i = 0; i < mean.length; i += 1) mean[i]! += weight * vector[i]!;
  }
  return normalize(mean) ?? mean;
}

export async function loadWordVectorTextEmbedder(options: WordVectorOptions = {}): Promise<WordVectorTextEmbedder> {
  return new WordVectorTextEmbedder(await loadWordVectors(options));
}

/** Embeds a record's synopsis with a text embedder (same space as queries); null without one. */
export function synopsisEmbedder(text: TextEmbedder): RecordEmbedder {
  return {
    id: `synopsis:${text.id}`,
    kind: 'text',
    dimension: text.dimension,
    async embedRecord(record: AnimeRecord) {
      const synopsis = record.synopsis?.trim();
      if (!synopsis) return null;
      if (text instanceof WordVectorTextEmbedder) return text.embedText(synopsis);
      const [vector] = await text.embedTexts([synopsis]);
      return vector ?? null;
    },
  };
}
