// Airing alerts (subscriptions, the checker, signed webhooks, SSE) and the personal news feed.
export { AlertsService, alertBus, MAX_ALERTS_PAGE, MAX_NEWS_ITEMS, MAX_SUBSCRIPTIONS, type AlertsConfig, type AlertsServiceOptions, type CheckReport, type NewsEntry } from './service.js';
export { AlertStore, WATCHLIST_SCOPE, ALERT_STATUSES, type Alert, type Delivery, type Subscription } from './store.js';
export { AiringSources, AIRED_LOOKBACK_MS, type AiredEpisode, type SourceOutcome } from './airing.js';
export { checkWebhookUrl, isPrivateAddress, signature, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, type Resolver } from './webhook.js';
export { alertRoutes, type AlertRoutesOptions } from './routes.js';
export type { DeliveryState, AlertTables } from './tables.js';
