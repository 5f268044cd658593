// Shared watchlists: read-only links to a user's list (GraphQL mutations for the owner; public
// reads by token through GraphQL and GET /api/lists/{token}).
export { SharesService, MAX_SHARES_PER_USER, SHARE_PATH_PREFIX, type PublishedShare, type SharedList } from './service.js';
export { ShareStore, type WatchlistShare } from './store.js';
export { shareRoutes, SHARE_MAX_AGE_S, type ShareRoutesOptions } from './routes.js';
export { TOKEN_PATTERN, hashShareToken } from './token.js';
