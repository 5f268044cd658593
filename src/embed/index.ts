// Public face of the embedders: model-free metadata, text and image vectors, the neural
// (transformers.js) embedders, and the resumable catalog embedding job.
export type { ImageEmbedder, RecordEmbedder, TextEmbedder } from './types.js';
export { fitMetadataEmbedder, explainOverlap, META_DIMENSION, type MetadataEmbedder, type MetadataOverlap } from './meta.js';
export { WordVectorTextEmbedder, loadWordVectorTextEmbedder, synopsisEmbedder } from './text.js';
export { loadWordVectors, type WordVectors, type WordVectorOptions } from './word-vectors.js';
export { PerceptualImageEmbedder, IMAGE_DIMENSION, MAX_IMAGE_PIXELS, assertRasterImage } from './image.js';
export { TransformersTextEmbedder, ClipEmbedder } from './neural.js';
export { stderrProgress, type ModelSource, type ModelDtype } from './transformers-env.js';
export { IMAGE_UNREADABLE, MODEL_UNAVAILABLE } from './errors.js';
export { runEmbedJob, type EmbedSource, type EmbedJobOptions, type EmbedJobReport, type KindReport } from './job.js';
export { metaSource, synopsisSource, posterSource } from './sources.js';
export { PosterFetcher, DEFAULT_POSTER_HOSTS, type PosterFetcherOptions } from './poster-fetch.js';
