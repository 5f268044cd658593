// Public face of the similarity layer (the similarity subgraph and the eval script use it).
export { SimilarityService, MAX_FIRST, MAX_TEXT_LENGTH, type SimilarityEngines, type SimilarityResult, type SignalOptions } from './service.js';
export { MatchReasonKind, type MatchReason } from './reasons.js';
export { type SimilarityFilterInput, isAdultRecord } from './filter.js';
export { type ImageLimits, readImageArgument } from './image-source.js';
export { reciprocalRankFusion, RRF_K, type RankedList, type FusedHit } from './rank-fusion.js';
export { attributesOf } from './catalog-vectors.js';
