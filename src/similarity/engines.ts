// The engines the similarity service computes with, chosen like `npm run embed:catalog` chooses
// them (so both write the same vector space): model-free by default — metadata TF-IDF vectors,
// word-vector synopsis vectors, perceptual picture hashes — so a fresh offline install answers;
// with EMBED_NEURAL the sentence model and CLIP from @huggingface/transformers.
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import { fitMetadataEmbedder, loadWordVectorTextEmbedder, type ImageEmbedder, type TextEmbedder } from '../embed/index.js';
import { PerceptualImageEmbedder } from '../embed/image.js';
import { ClipEmbedder, TransformersTextEmbedder } from '../embed/neural.js';
import { stderrProgress, type ModelSource } from '../embed/transformers-env.js';
import { createVectorStore, ExactVectorStore, type VectorSpace, type VectorStore } from '../vector/index.js';
import type { SimilarityEngines } from './service.js';

export interface EngineOptions {
  /** A text embedder other than the configured one (the eval compares them). */
  text?: TextEmbedder;
  /** `exact`: brute force in memory (the eval, to measure embeddings apart from the ANN index). */
  store?: 'configured' | 'exact';
}

export async function loadEngines(catalog: Catalog, config: Config, options: EngineOptions = {}): Promise<SimilarityEngines> {
  const meta = fitMetadataEmbedder(catalog.records);
  const cacheDir = resolve(config.root, config.EMBED_CACHE_DIR);
  const model = (id: string): ModelSource => ({
    model: id,
    modelDir: resolve(config.root, config.EMBED_MODEL_DIR),
    cacheDir,
    remoteHost: config.EMBED_REMOTE_HOST,
    dtype: config.EMBED_DTYPE,
    onProgress: stderrProgress(),
  });
  const text = options.text ?? (config.EMBED_NEURAL ? await TransformersTextEmbedder.load(model(config.EMBED_TEXT_MODEL)) : await loadWordVectorTextEmbedder({ cacheDir }));
  const image: ImageEmbedder = config.EMBED_NEURAL ? await ClipEmbedder.load(model(config.EMBED_IMAGE_MODEL)) : new PerceptualImageEmbedder();
  const space: VectorSpace = { text: text.dimension, meta: meta.dimension, image: image.dimension };
  const store: VectorStore = options.store === 'exact' ? new ExactVectorStore(space) : await createVectorStore(config, space);
  return { store, meta, text, image };
}
