// The brute-force reference store against the shared contract (it must match exact cosine fully).
import { ExactVectorStore } from '../../src/vector/index.js';
import { CONTRACT_SPACE } from './catalog-vectors.js';
import { vectorStoreContract } from './contract.js';

vectorStoreContract('ExactVectorStore', () => ({
  create: async () => new ExactVectorStore(CONTRACT_SPACE),
  minRecall: 1,
}));
