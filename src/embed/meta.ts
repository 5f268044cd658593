// The model-free metadata embedder (`kind: 'meta'`): TF-IDF over each record's features (see
// meta-features.ts), each group normalised and weighted, then a seeded random projection to a
// dense normalised vector. Fitted once on the catalog (IDF); deterministic for the same records.
import type { AnimeRecord } from '../domain/index.js';
import { GROUP_WEIGHTS, recordFeatures, type FeatureGroup } from './meta-features.js';
import { RandomProjection } from './projection.js';
import type { RecordEmbedder } from './types.js';

export const META_DIMENSION = 128;
const META_SEED = 20_261_126;
/** Bumped when features, weights or projection change (stored vectors must then be rebuilt). */
const META_VERSION = 1;

export interface MetadataEmbedderOptions {
  dimension?: number;
  seed?: number;
}

/** Why two anime are close in metadata: the reason field of similarity results. */
export interface MetadataOverlap {
  tags: string[];
  studios: string[];
  /** The five-year era both fall in (`1995–1999`), or null. */
  era: string | null;
  format: string | null;
  titleWords: string[];
}

export interface MetadataEmbedder extends RecordEmbedder {
  readonly kind: 'meta';
  /** The weighted sparse TF-IDF features before projection (for inspection and tests). */
  weightedFeatures(record: AnimeRecord): Map<string, number>;
  explainOverlap(a: AnimeRecord, b: AnimeRecord): MetadataOverlap;
}

/** Fits IDF on the records (a feature only one record has cannot make two records similar). */
export function fitMetadataEmbedder(records: readonly AnimeRecord[], options: MetadataEmbedderOptions = {}): MetadataEmbedder {
  const dimension = options.dimension ?? META_DIMENSION;
  const seed = options.seed ?? META_SEED;
  const df = new Map<string, number>();
  for (const record of records) {
    for (const features of recordFeatures(record).values()) for (const f of features) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const n = Math.max(records.length, 1);
  const idf = (feature: string): number => {
    const count = df.get(feature) ?? 0;
    // Unseen or unique features carry no shared signal; smooth IDF otherwise.
    return count < 2 ? 0 : Math.log((1 + n) / (1 + count)) + 1;
  };
  const projection = new RandomProjection(dimension, seed);

  const weightedFeatures = (record: AnimeRecord): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [group, features] of recordFeatures(record)) {
      const weights = features.map(idf);
      const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
      if (norm === 0) continue;
      const scale = GROUP_WEIGHTS[group as FeatureGroup] / norm;
      features.forEach((f, i) => weights[i]! > 0 && out.set(f, weights[i]! * scale));
    }
    return out;
  };

  return {
    id: `meta-tfidf-rp-v${META_VERSION}-d${dimension}-s${seed}`,
    kind: 'meta',
    dimension,
    weightedFeatures,
    embedRecord: (record) => projection.project(weightedFeatures(record)),
    explainOverlap: (a, b) => explainOverlap(a, b),
  };
}

export function explainOverlap(a: AnimeRecord, b: AnimeRecord): MetadataOverlap {
  const fa = recordFeatures(a);
  const fb = recordFeatures(b);
  const shared = (group: FeatureGroup): string[] => {
    const right = new Set(fb.get(group) ?? []);
    return (fa.get(group) ?? []).filter((f) => right.has(f)).map((f) => f.slice(group.length + 1));
  };
  const era5 = shared('era').find((f) => f.startsWith('era5:'));
  const start = era5 ? Number(era5.slice(5)) : null;
  return {
    tags: shared('tag'),
    studios: shared('studio'),
    era: start === null ? null : `${start}–${start + 4}`,
    format: shared('format')[0] ?? null,
    titleWords: shared('title'),
  };
}
