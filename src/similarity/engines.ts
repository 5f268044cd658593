// The engines the similarity service computes with, chosen like `npm run embed:catalog` chooses
// them (so both write the same vector space): model-free by default — metadata TF-IDF vectors,
// word-vector synopsis vectors, perceptual picture hashes — so a fresh offline install answers;
// with EMBED_NEURAL the sentence model and CLIP from @huggingface/transformers. Plus MyAnimeList
// users' co-recommendations from data/ when that file is there.
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import { createLogger } from '../log/index.js';
import { fitMetadataEmbedder, loadWordVectorTextEmbedder, type ImageEmbedder, type TextEmbedder } from '../embed/index.js';
import { PerceptualImageEmbedder } from '../embed/image.js';
import { ClipEmbedder, TransformersTextEmbedder } from '../embed/neural.js';
import { stderrProgress, type ModelSource } from '../embed/transformers-env.js';
import { createVectorStore, ExactVectorStore, type VectorSpace, type VectorStore } from '../vector/index.js';
import { CO_RECOMMENDATIONS_FILE, loadCoRecommendations } from './co-recommendation-data.js';
import type { CoRecommendations } from './co-recommendations.js';
import type { SimilarityEngines } from './service.js';

export interface EngineOptions {
  /** A text embedder other than the configured one (the eval compares them). */
  text?: TextEmbedder;
  /** `exact`: brute force in memory (the eval, to measure embeddings apart from the ANN index). */
  store?: 'configured' | 'exact';
  /** A co-recommendation graph other than the shipped one (the eval's signal half); null turns it off. */
  coRecommendations?: CoRecommendations | null;
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
  const coRecommendations = options.coRecommendations !== undefined ? options.coRecommendations : await loadShippedCoRecommendations(catalog, config);
  return { store, meta, text, image, coRecommendations };
}

async function loadShippedCoRecommendations(catalog: Catalog, config: Config): Promise<CoRecommendations | null> {
  const log = createLogger(config.LOG_LEVEL).child({ source: 'similarity' });
  const loaded = await loadCoRecommendations(resolve(config.root, CO_RECOMMENDATIONS_FILE), catalog);
  if (!loaded.graph) {
    log.warn({ path: loaded.path, problem: loaded.problem }, 'co-recommendation data unavailable: `similar` ranks by content only');
    return null;
  }
  const { path, read, mapped, leftOut } = loaded;
  // Debug: every test app and CLI loads it; only its absence is news.
  log.debug({ path, read, mapped, leftOut, anime: loaded.graph.size }, 'co-recommendation data loaded');
  return loaded.graph;
}
