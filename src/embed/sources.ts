// The vector kinds the embedding job can fill, each with what its vectors depend on (hashed for
// change detection) and how a batch is embedded.
import type { AnimeRecord } from '../domain/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import type { EmbedSource } from './job.js';
import { recordFeatures } from './meta-features.js';
import type { PosterFetcher } from './poster-fetch.js';
import type { ImageEmbedder, RecordEmbedder, TextEmbedder } from './types.js';

/** Metadata vectors; the hashed content is the record's features (what the embedder reads). */
export function metaSource(embedder: RecordEmbedder): EmbedSource {
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
      const vectors: Array<Float32Array | null | undefined> = [];
      for (const record of records) {
        try {
          vectors.push((await embedder.embedTexts([text(record)!]))[0] ?? null);
        } catch (error) {
          // A synopsis with no known word (all Japanese, say) has no vector; anything else stops the run.
          if (!(error instanceof AppError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
          vectors.push(null);
        }
      }
      return vectors;
    },
  };
}

export interface PosterSourceOptions {
  /**
   * Called for a poster that could not be fetched or decoded. Unreadable images and 4xx answers
   * leave the record without an image vector until its picture URL changes; timeouts, 5xx and 429
   * are retried on the next run.
   */
  onSkip?(record: AnimeRecord, error: AppError): void;
}

function isPassing(error: AppError): boolean {
  const status = Number(error.details['status'] ?? 0);
  return error.code === ErrorCode.SOURCE_UNAVAILABLE || error.code === ErrorCode.SOURCE_RATE_LIMITED || status >= 500 || status === 429;
}

export function posterSource(embedder: ImageEmbedder, fetcher: PosterFetcher, options: PosterSourceOptions = {}): EmbedSource {
  return {
    kind: 'image',
    embedderId: embedder.id,
    content: (record) => record.picture,
    embed: async (records) => {
      const vectors: Array<Float32Array | null | undefined> = [];
      for (const record of records) {
        try {
          vectors.push(await embedder.embedImage(await fetcher.fetchPoster(record.picture!)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          options.onSkip?.(record, error);
          vectors.push(isPassing(error) ? undefined : null);
        }
      }
      return vectors;
    },
  };
}
