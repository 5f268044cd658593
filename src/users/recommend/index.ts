// Personal recommendations for the signed-in user (viewer.recommendations).
export { Recommender, seedWeight, MAX_RECOMMENDATIONS, DEFAULT_RECOMMENDATIONS, MAX_SEEDS, type Recommendation, type RecommenderOptions, type SimilaritySource } from './recommender.js';
export { COOCCURRENCE_MIN_USERS, COOCCURRENCE_MIN_PAIR_USERS, LIKED_SCORE, activeListUsers, coOccurrenceQuery, coOccurrences } from './cooccurrence.js';
