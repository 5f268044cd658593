export { registerRest, registerMethodNotAllowed, type RestOptions } from './plugin.js';
export { OPERATION_ROUTES } from './routes.js';
export { ERROR_SCHEMA } from './errors.js';
export { MAX_BATCH, BATCH_CONCURRENCY, runBatch } from './query.js';
