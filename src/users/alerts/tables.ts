// Row shapes of the alert tables (migration 0006_user_alerts). Kept beside the code that uses them
// and joined to the store's database type with `db.withTables<AlertTables>()`, so the shared
// src/store/schema.ts needs no hunk for them.
import type { Generated, Selectable } from 'kysely';

export interface UserAlertSubscriptionTable {
  /** `sub_` and 16 letters and digits. */
  id: string;
  user_id: string;
  /** '*' for the watchlist (WATCHING, PLAN_TO_WATCH, REWATCHING), else one catalog id. */
  scope: string;
  /** The webhook, or '' for stored alerts and the SSE stream only. */
  webhook_url: string;
  /** The HMAC key of the webhook: kept so it can sign, never returned after creation, never logged. */
  secret: string | null;
  created_at: number;
}

export interface UserAlertTable {
  /** Increasing: the SSE event id (`Last-Event-ID` resumes after it). */
  id: Generated<number>;
  user_id: string;
  anime_id: string;
  episode: number;
  aired_at: number;
  /** `anilist` or `animeschedule`: which source showed the episode aired first. */
  source: string;
  created_at: number;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';

export interface UserAlertDeliveryTable {
  id: Generated<number>;
  user_id: string;
  alert_id: number;
  subscription_id: string;
  webhook_url: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  /** The HTTP status of the last attempt; null when it got none (refused, timed out). */
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export type AlertTables = {
  user_alert_subscriptions: UserAlertSubscriptionTable;
  user_alerts: UserAlertTable;
  user_alert_deliveries: UserAlertDeliveryTable;
};

export type SubscriptionRow = Selectable<UserAlertSubscriptionTable>;
export type AlertRow = Selectable<UserAlertTable>;
export type DeliveryRow = Selectable<UserAlertDeliveryTable>;
