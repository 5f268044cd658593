// User accounts: sign-up keys, preferences, watchlists, export and deletion (the users subgraph
// and the /api/users, /api/me routes both go through UsersService).
export { UsersService, DAY_MS, SWEEP_INTERVAL_MS, type UsersServiceOptions, type ExportDocument } from './service.js';
export { UserStore, SIGNUP_KEY_NAME, PURGE_COUNTS, type Account } from './store.js';
export { userRoutes, type UserRoutesOptions } from './routes.js';
export { exportCsv, CSV_HEADER } from './export.js';
export { VIEWER, viewerContext, viewerOf, forwardedKeyContext, forwardedKeyOf, type Viewer, type ViewerContext } from './context.js';
export { UserError, type UserErrorCode } from './errors.js';
export * from './model.js';
