// The vector kinds the embedding job can fill, each with what its vectors depend on (hashed for
// change detection) and how a batch is embedded.
import type { AnimeRecord } from '../domain/index.js';
import { AppError } from '../errors/index.js';
import type { EmbedSource } from './job.js';
import { recordFeatures } from './meta-features.js';
import type { MetadataEmbedder } from './meta.js';
import type { PosterFetcher } from './poster-fetch.js';
import type { ImageEmbedder, TextEmbedder } from './types.js';

export function metaSource(embedder: MetadataEmbedder): EmbedSource {
  return {
    kind: 'meta',
    embedderId: embedder.id,
    content: (record) => {
      const features = [...recordFeatures(record).values()].flat().sort();
      return features.length ? features.join('\n') : null;
    },
    embed: async (records) => Promise.all(records.map((r) => embedder.embedRecord(r))),
  };
}

export function synopsisSource(embedder: TextEmbedder): EmbedSource {
  const text = (record: AnimeRecord) => record.synopsis?.trim() || null;
  return {
    kind: 'text',
    embedderId: embedder.id,
    content: text,
    embed: async (records) => {
      const vectors: Array<Float32Array | null> = [];
      for (const record of records) {
        try {
          vectors.push((await embedder.embedTexts([text(record)!]))[0] ?? null);
        } catch (error) {
          // A synopsis with no known word (all Japanese, say) has no vector; anything else is a bug.
          if (!(error instanceof AppError)) throw error;
          vectors.push(null);
        }
      }
      return vectors;
    },
  };
}

export interface PosterSourceOptions {
  /** Called for a poster that could not be fetched or decoded (the record then has no image vector). */
  onSkip?(record: AnimeRecord, error: AppError): void;
}

export function posterSource(embedder: ImageEmbedder, fetcher: PosterFetcher, options: PosterSourceOptions = {}): EmbedSource {
  return {
    kind: 'image',
    embedderId: embedder.id,
    content: (record) => record.picture,
    embed: async (records) => {
      const vectors: Array<Float32Array | null> = [];
      for (const record of records) {
        try {
          vectors.push(await embedder.embedImage(await fetcher.fetchPoster(record.picture!)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          options.onSkip?.(record, error);
          vectors.push(null);
        }
      }
      return vectors;
    },
  };
}
