// The alert tables: subscriptions, alerts (one per user, anime and episode: the unique key is the
// dedupe, so two sources or two replicas reporting one episode alert once), and webhook deliveries
// with their retry state. Every read and write takes the user id from the caller's verified key
// (src/users/service.ts); the checker's writes take it from the subscriptions themselves.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../../store/index.js';
import { UserError } from '../errors.js';
import type { TokenCipher } from '../links/crypto.js';
import type { AlertRow, AlertTables, DeliveryRow, DeliveryState, SubscriptionRow } from './tables.js';

/** A subscription to the watchlist, not to one anime. */
export const WATCHLIST_SCOPE = '*';
/** Watchlist statuses a watchlist subscription covers. */
export const ALERT_STATUSES = ['WATCHING', 'PLAN_TO_WATCH', 'REWATCHING'] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function newId(prefix: string): string {
  let id = '';
  while (id.length < 16) id += randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  return `${prefix}_${id.slice(0, 16)}`;
}

/** A fresh webhook secret: 32 random bytes, base64url (256 bits). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export interface Subscription {
  id: string;
  /** Null for the watchlist. */
  animeId: string | null;
  webhookUrl: string | null;
  /** Whether deliveries are signed (the secret itself is never read back out). */
  signed: boolean;
  createdAt: string;
}

export interface Alert {
  /** The SSE event id. */
  id: number;
  animeId: string;
  episode: number;
  airedAt: string;
  source: string;
  createdAt: string;
}

export interface Delivery {
  id: number;
  alertId: number;
  subscriptionId: string;
  webhookUrl: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export const toSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  animeId: row.scope === WATCHLIST_SCOPE ? null : row.scope,
  webhookUrl: row.webhook_url || null,
  signed: Boolean(row.secret),
  createdAt: iso(row.created_at)!,
});

export const toAlert = (row: AlertRow): Alert => ({
  id: Number(row.id),
  animeId: row.anime_id,
  episode: Number(row.episode),
  airedAt: iso(row.aired_at)!,
  source: row.source,
  createdAt: iso(row.created_at)!,
});

export const toDelivery = (row: DeliveryRow): Delivery => ({
  id: Number(row.id),
  alertId: Number(row.alert_id),
  subscriptionId: row.subscription_id,
  webhookUrl: row.webhook_url,
  state: row.state,
  attempts: Number(row.attempts),
  nextAttemptAt: row.state === 'pending' ? iso(row.next_attempt_at) : null,
  lastStatus: row.last_status === null ? null : Number(row.last_status),
  lastError: row.last_error,
  createdAt: iso(row.created_at)!,
  updatedAt: iso(row.updated_at)!,
  deliveredAt: iso(row.delivered_at),
});

/** Who wants alerts for what: the active users' subscriptions with their covered anime. */
export interface Interest {
  userId: string;
  subscription: SubscriptionRow;
  animeIds: string[];
}

/** Marks a sealed secret (a plain one, stored before USER_TOKEN_KEY was set, has no such prefix). */
const SEALED = 'sealed:';
const secretContext = (userId: string, scope: string, webhookUrl: string) => `alert-secret\u0000${userId}\u0000${scope}\u0000${webhookUrl}`;

export class AlertStore {
  private readonly db: Kysely<StoreDatabase & AlertTables>;

  constructor(
    db: Kysely<StoreDatabase>,
    private readonly now: () => number = Date.now,
    /** Seals webhook secrets at rest when USER_TOKEN_KEY is set (src/users/links/crypto.ts). */
    private readonly cipher: TokenCipher | null = null,
  ) {
    this.db = db.withTables<AlertTables>();
  }

  /** Adds a subscription, or replaces the secret of the same one (same scope and target): one row per target. */
  async subscribe(userId: string, scope: string, webhookUrl: string, secret: string | null): Promise<Subscription> {
    // Sealed to its row (user, scope, target: the subscription's unique key, the same after a replace).
    const storedSecret = secret !== null && this.cipher ? `${SEALED}${this.cipher.encrypt(secret, secretContext(userId, scope, webhookUrl))}` : secret;
    const row = { id: newId('sub'), user_id: userId, scope, webhook_url: webhookUrl, secret: storedSecret, created_at: this.now() };
    await this.db
      .insertInto('user_alert_subscriptions')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'scope', 'webhook_url']).doUpdateSet({ secret: storedSecret }))
      .execute();
    const stored = await this.db.selectFrom('user_alert_subscriptions').selectAll().where('user_id', '=', userId).where('scope', '=', scope).where('webhook_url', '=', webhookUrl).executeTakeFirstOrThrow();
    return toSubscription(stored);
  }

  async subscriptions(userId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('user_alert_subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toSubscription);
  }

  /** Removes the user's subscriptions matching: by id, or by scope (and target when given). Returns how many. */
  async unsubscribe(userId: string, match: { id?: string; scope?: string; webhookUrl?: string }): Promise<number> {
    let query = this.db.deleteFrom('user_alert_subscriptions').where('user_id', '=', userId);
    if (match.id !== undefined) query = query.where('id', '=', match.id);
    if (match.scope !== undefined) query = query.where('scope', '=', match.scope);
    if (match.webhookUrl !== undefined) query = query.where('webhook_url', '=', match.webhookUrl);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  /** Every active user's subscriptions and the anime each covers (two queries for everyone). */
  async interests(): Promise<Interest[]> {
    const subscriptions = await this.db
      .selectFrom('user_alert_subscriptions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .where('u.deleted_at', 'is', null)
      .selectAll('s')
      .execute();
    if (!subscriptions.length) return [];
    const watchers = [...new Set(subscriptions.filter((s) => s.scope === WATCHLIST_SCOPE).map((s) => s.user_id))];
    const lists = new Map<string, string[]>();
    for (let i = 0; i < watchers.length; i += 500) {
      const rows = await this.db
        .selectFrom('user_watchlist')
        .select(['user_id', 'anime_id'])
        .where('user_id', 'in', watchers.slice(i, i + 500))
        .where('status', 'in', [...ALERT_STATUSES])
        .execute();
      for (const row of rows) lists.set(row.user_id, [...(lists.get(row.user_id) ?? []), row.anime_id]);
    }
    return subscriptions.map((s) => ({ userId: s.user_id, subscription: s, animeIds: s.scope === WATCHLIST_SCOPE ? (lists.get(s.user_id) ?? []) : [s.scope] }));
  }

  /**
   * Stores the alert unless this user already has one for that episode; with it, one pending
   * delivery per webhook subscription. Returns the alert when it is new, null otherwise.
   */
  async record(userId: string, episode: { animeId: string; episode: number; airedAt: number; source: string }, webhooks: SubscriptionRow[]): Promise<Alert | null> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const inserted = await trx
        .insertInto('user_alerts')
        .values({ user_id: userId, anime_id: episode.animeId, episode: episode.episode, aired_at: episode.airedAt, source: episode.source, created_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'anime_id', 'episode']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) return null;
      for (const webhook of webhooks) {
        await trx
          .insertInto('user_alert_deliveries')
          .values({ user_id: userId, alert_id: inserted.id, subscription_id: webhook.id, webhook_url: webhook.webhook_url, state: 'pending', attempts: 0, next_attempt_at: at, last_status: null, last_error: null, created_at: at, updated_at: at, delivered_at: null })
          .onConflict((oc) => oc.columns(['alert_id', 'subscription_id']).doNothing())
          .execute();
      }
      return toAlert(inserted);
    });
  }

  /** The user's alerts after `afterId` (oldest first, for SSE replay), or the latest (newest first). */
  async alerts(userId: string, options: { afterId?: number; first: number }): Promise<Alert[]> {
    let query = this.db.selectFrom('user_alerts').selectAll().where('user_id', '=', userId);
    if (options.afterId !== undefined) query = query.where('id', '>', options.afterId).orderBy('id', 'asc');
    else query = query.orderBy('id', 'desc');
    return (await query.limit(options.first).execute()).map(toAlert);
  }

  async alertsByIds(userId: string, ids: readonly number[]): Promise<Map<number, Alert>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('user_alerts').selectAll().where('user_id', '=', userId).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((r) => [Number(r.id), toAlert(r)]));
  }

  async deliveries(userId: string, options: { state?: DeliveryState | null; first: number }): Promise<Delivery[]> {
    let query = this.db.selectFrom('user_alert_deliveries').selectAll().where('user_id', '=', userId);
    if (options.state) query = query.where('state', '=', options.state);
    return (await query.orderBy('id', 'desc').limit(options.first).execute()).map(toDelivery);
  }

  /** Pending deliveries due at `now`, oldest first. */
  async due(now: number, limit: number): Promise<DeliveryRow[]> {
    // A closed (soft-deleted) account gets nothing more; its rows wait for the purge.
    return this.db
      .selectFrom('user_alert_deliveries as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .where('u.deleted_at', 'is', null)
      .where('d.state', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .selectAll('d')
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
  }

  /** The earliest pending attempt, for the retry timer. */
  async nextDue(): Promise<number | null> {
    const row = await this.db.selectFrom('user_alert_deliveries').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('state', '=', 'pending').executeTakeFirst();
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /**
   * Takes a due delivery for one attempt: moves its next attempt to `leaseUntil` only if no other
   * worker (replica) did first. True when this caller holds it.
   */
  async claim(row: DeliveryRow, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('user_alert_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async settle(id: number, update: { state: DeliveryState; attempts: number; nextAttemptAt: number; lastStatus: number | null; lastError: string | null; deliveredAt: number | null }): Promise<void> {
    await this.db
      .updateTable('user_alert_deliveries')
      .set({ state: update.state, attempts: update.attempts, next_attempt_at: update.nextAttemptAt, last_status: update.lastStatus, last_error: update.lastError, delivered_at: update.deliveredAt, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * What a delivery attempt needs: the alert and the subscription's secret (read here, used to
   * sign, never returned). `secret()` unseals it and throws a UserError when it cannot (no or
   * another USER_TOKEN_KEY): the attempt fails like a refused delivery, retried then dead-lettered.
   */
  async attemptContext(row: DeliveryRow): Promise<{ alert: Alert; secret: () => string | null } | null> {
    const alert = await this.db.selectFrom('user_alerts').selectAll().where('id', '=', row.alert_id).executeTakeFirst();
    const subscription = await this.db.selectFrom('user_alert_subscriptions').select(['secret', 'user_id', 'scope', 'webhook_url']).where('id', '=', row.subscription_id).executeTakeFirst();
    if (!alert || !subscription) return null;
    const secret = (): string | null => {
      const stored = subscription.secret;
      if (stored === null || !stored.startsWith(SEALED)) return stored;
      if (!this.cipher) throw new UserError('NOT_CONFIGURED', 'the webhook secret is stored encrypted and USER_TOKEN_KEY is not set: set it again to sign deliveries', { setting: 'USER_TOKEN_KEY' });
      return this.cipher.decrypt(stored.slice(SEALED.length), secretContext(subscription.user_id, subscription.scope, subscription.webhook_url));
    };
    return { alert: toAlert(alert), secret };
  }

  /** For the export: the subscriptions (no secrets), every alert and every delivery. */
  async export(userId: string): Promise<{ subscriptions: Subscription[]; alerts: Alert[]; deliveries: Delivery[] }> {
    const alerts = await this.db.selectFrom('user_alerts').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    const deliveries = await this.db.selectFrom('user_alert_deliveries').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    return { subscriptions: await this.subscriptions(userId), alerts: alerts.map(toAlert), deliveries: deliveries.map(toDelivery) };
  }
}
