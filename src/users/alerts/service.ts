// Airing alerts and the personal news feed behind the users subgraph and GET /api/me/events.
// The checker (`checkAiring(now)`) asks the airing sources once for the union of every subscriber's
// anime (batched; never one call per user), stores one alert per user and episode (the table's
// unique key dedupes across sources, checks and replicas), queues a signed delivery per webhook,
// and wakes this process's SSE streams. Deliveries retry with exponential backoff and become dead
// letters after ALERTS_WEBHOOK_MAX_ATTEMPTS. Secrets and user ids are never logged: counts only.
import { EventEmitter } from 'node:events';
import type { Catalog } from '../../catalog/index.js';
import type { Config } from '../../config/index.js';
import { Platform, type AnimeRecord } from '../../domain/index.js';
import type { UpstreamKit } from '../../http/types.js';
import type { Store } from '../../store/index.js';
import { ANN_MAX_IDS_PER_REQUEST, AnnApi } from '../../../subgraphs/ann/client.js';
import { toAnnAnime } from '../../../subgraphs/ann/mapper.js';
import { titleKeysOf, toNewsItems } from '../../../subgraphs/ann/news.js';
import { badUserInput, UserError } from '../errors.js';
import { catalogAnime } from '../model.js';
import type { Account } from '../store.js';
import { TokenCipher } from '../links/crypto.js';
import { AiringSources, type SourceOutcome } from './airing.js';
import { AlertStore, newSecret, WATCHLIST_SCOPE, type Alert, type Delivery, type Subscription } from './store.js';
import type { DeliveryState } from './tables.js';
import { checkWebhookUrl, postWebhook, type Resolver } from './webhook.js';

export const MAX_ALERTS_PAGE = 200;
export const MAX_NEWS_ITEMS = 50;
export const MAX_SUBSCRIPTIONS = 50;
/** A user-chosen secret: long enough to be a key, short enough to be one. */
export const SECRET_LENGTH = { min: 16, max: 256 } as const;
/** Deliveries attempted per pass (the rest wait for the next). */
const DELIVERY_BATCH = 100;
/** Deliveries in flight at once. */
const DELIVERY_CONCURRENCY = 4;

/** Reads ALERTS_*, the AniList, AnimeSchedule and ANN settings, and USER_AGENT. */
export type AlertsConfig = Config;

export interface AlertsServiceOptions {
  store: () => Promise<Store>;
  catalog: Catalog;
  config: AlertsConfig;
  /** The upstream kit; without it no source is asked (checks find nothing, news is empty). */
  upstream?: UpstreamKit;
  now?: () => number;
  log?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  /**
   * Whether a store exists to check: the timer skips its tick otherwise, so a server nobody
   * signed up to never creates a store for alerts (gateway/app.ts: the SQLite file exists, or a
   * PostgreSQL URL is configured). Absent: always.
   */
  storeExists?: () => boolean;
  /** Tests: the DNS lookup for the webhook address check, and the HTTP client. */
  resolve?: Resolver;
  fetch?: typeof fetch;
}

export interface CheckReport {
  /** Distinct anime asked about. */
  anime: number;
  /** Alerts stored (new ones only). */
  alerts: number;
  deliveries: { delivered: number; failed: number; dead: number };
  sources: SourceOutcome[];
}

export interface NewsEntry {
  title: string;
  url: string | null;
  publishedAt: Date | null;
  /** The user's watched anime the item names. */
  animeIds: string[];
}

/**
 * Process-wide: a new alert for a user wakes that user's SSE streams in this process at once.
 * Other replicas' streams find it on their next store poll. Carries user ids in memory only.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);
export const alertBus = {
  emit: (userId: string) => bus.emit('alert', userId),
  on: (listener: (userId: string) => void) => {
    bus.on('alert', listener);
    return () => void bus.off('alert', listener);
  },
};

function dateOf(text: string | null): Date | null {
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

export class AlertsService {
  private alertStore: Promise<AlertStore> | null = null;
  private readonly sources: AiringSources | null;
  private readonly news: AnnApi | null;
  private readonly now: () => number;
  private checkTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running: Promise<CheckReport> | null = null;

  constructor(private readonly options: AlertsServiceOptions) {
    this.now = options.now ?? Date.now;
    this.sources = options.upstream ? new AiringSources(options.upstream, options.config) : null;
    this.news = options.upstream ? new AnnApi(options.upstream, options.config) : null;
  }

  get config(): AlertsConfig {
    return this.options.config;
  }

  private store(): Promise<AlertStore> {
    this.alertStore ??= this.options.store().then(
      (store) => new AlertStore(store.db, this.now, this.options.config.USER_TOKEN_KEY ? new TokenCipher(this.options.config.USER_TOKEN_KEY) : null),
      (error: unknown) => ((this.alertStore = null), Promise.reject(error)),
    );
    return this.alertStore;
  }

  /**
   * Subscribes the user to airing alerts for their watchlist (WATCHING, PLAN_TO_WATCH,
   * REWATCHING) or for one anime, stored and streamed, and POSTed to `webhookUrl` when given,
   * signed with `secret` (or one made here). The secret is returned this once.
   */
  async subscribe(account: Pick<Account, 'id'>, input: { animeId?: string | null; webhookUrl?: string | null; secret?: string | null }): Promise<Subscription & { secret: string | null }> {
    const scope = input.animeId === undefined || input.animeId === null ? WATCHLIST_SCOPE : catalogAnime(this.options.catalog, input.animeId).id;
    let webhookUrl = '';
    let secret: string | null = null;
    if (input.webhookUrl !== undefined && input.webhookUrl !== null) {
      webhookUrl = await checkWebhookUrl(input.webhookUrl, { allowPrivate: this.options.config.ALERTS_WEBHOOK_ALLOW_PRIVATE, ...(this.options.resolve ? { resolve: this.options.resolve } : {}) });
      if (input.secret !== undefined && input.secret !== null) {
        if (typeof input.secret !== 'string' || input.secret.length < SECRET_LENGTH.min || input.secret.length > SECRET_LENGTH.max || /[\u0000-\u001f]/.test(input.secret)) {
          throw badUserInput(`secret must be ${SECRET_LENGTH.min}–${SECRET_LENGTH.max} printable characters, or left out to have one made`, 'secret');
        }
        secret = input.secret;
      } else secret = newSecret();
    } else if (input.secret !== undefined && input.secret !== null) {
      throw badUserInput('secret signs webhook deliveries; give it with webhookUrl', 'secret');
    }
    const store = await this.store();
    const existing = await store.subscriptions(account.id);
    const same = existing.some((s) => (s.animeId ?? WATCHLIST_SCOPE) === scope && (s.webhookUrl ?? '') === webhookUrl);
    if (!same && existing.length >= MAX_SUBSCRIPTIONS) throw badUserInput(`at most ${MAX_SUBSCRIPTIONS} airing subscriptions per user; remove one first`, 'animeId');
    const subscription = await store.subscribe(account.id, scope, webhookUrl, secret);
    return { ...subscription, secret };
  }

  /** Removes subscriptions: the one with `id`, else those for `animeId` (the watchlist when absent) and, when given, that webhook. */
  async unsubscribe(account: Pick<Account, 'id'>, input: { id?: string | null; animeId?: string | null; webhookUrl?: string | null }): Promise<number> {
    const store = await this.store();
    if (input.id) return store.unsubscribe(account.id, { id: input.id });
    let scope = WATCHLIST_SCOPE;
    if (input.animeId !== undefined && input.animeId !== null) {
      // An anime the catalog has dropped is still removable by the id it was stored under.
      const stored = (await store.subscriptions(account.id)).find((s) => s.animeId === input.animeId);
      scope = stored ? input.animeId : catalogAnime(this.options.catalog, input.animeId).id;
    }
    const match: { scope: string; webhookUrl?: string } = { scope };
    if (input.webhookUrl !== undefined && input.webhookUrl !== null) match.webhookUrl = input.webhookUrl;
    return store.unsubscribe(account.id, match);
  }

  async subscriptions(account: Pick<Account, 'id'>): Promise<Subscription[]> {
    return (await this.store()).subscriptions(account.id);
  }

  async alerts(account: Pick<Account, 'id'>, first: number, afterId?: number): Promise<Alert[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_ALERTS_PAGE) throw badUserInput(`first must be from 1 to ${MAX_ALERTS_PAGE}`, 'first');
    return (await this.store()).alerts(account.id, { first, ...(afterId !== undefined ? { afterId } : {}) });
  }

  async alertsByIds(account: Pick<Account, 'id'>, ids: readonly number[]): Promise<Map<number, Alert>> {
    return (await this.store()).alertsByIds(account.id, ids);
  }

  async deliveries(account: Pick<Account, 'id'>, first: number, state?: DeliveryState | null): Promise<Delivery[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_ALERTS_PAGE) throw badUserInput(`first must be from 1 to ${MAX_ALERTS_PAGE}`, 'first');
    return (await this.store()).deliveries(account.id, { first, state: state ?? null });
  }

  async export(userId: string): Promise<{ subscriptions: Subscription[]; alerts: Alert[]; deliveries: Delivery[] }> {
    return (await this.store()).export(userId);
  }

  /**
   * One check at `now`: the episodes that aired for everyone's subscribed anime, stored once per
   * user, then the due webhook deliveries. Concurrent calls share one run.
   */
  checkAiring(now: number = this.now()): Promise<CheckReport> {
    this.running ??= this.runCheck(now).finally(() => (this.running = null));
    return this.running;
  }

  private async runCheck(now: number): Promise<CheckReport> {
    const store = await this.store();
    const interests = await store.interests();
    const records = new Map<string, AnimeRecord>();
    for (const { animeIds } of interests) {
      for (const id of animeIds) {
        const record = this.options.catalog.byId(id);
        if (record) records.set(record.id, record);
      }
    }
    const found = this.sources && records.size ? await this.sources.aired([...records.values()], now) : { episodes: [], outcomes: [] };
    for (const outcome of found.outcomes) if (!outcome.ok) this.options.log?.warn({ event: 'airing-source-skipped', source: outcome.source, reason: outcome.reason }, 'an airing source gave no answer; its episodes are caught up on a later check');
    // Per user: the subscriptions covering each anime (the watchlist and single-anime ones alike).
    let stored = 0;
    const woken = new Set<string>();
    const byUser = new Map<string, Array<(typeof interests)[number]>>();
    for (const interest of interests) byUser.set(interest.userId, [...(byUser.get(interest.userId) ?? []), interest]);
    // Stored ids may be aliases or older canonical ids; the sources report the catalog's current one.
    const canonicalIds = new Map<(typeof interests)[number], Set<string>>();
    const canonical = (interest: (typeof interests)[number]) => {
      let ids = canonicalIds.get(interest);
      if (!ids) canonicalIds.set(interest, (ids = new Set(interest.animeIds.map((id) => this.options.catalog.byId(id)?.id ?? id))));
      return ids;
    };
    // One alert per (anime, episode) even when both sources report it: the earliest report wins.
    const episodes = [...found.episodes].sort((a, b) => a.airedAt - b.airedAt);
    for (const [userId, mine] of byUser) {
      for (const episode of episodes) {
        const covering = mine.filter((i) => canonical(i).has(episode.animeId) && episode.airedAt >= Number(i.subscription.created_at));
        if (!covering.length) continue;
        const webhooks = covering.map((i) => i.subscription).filter((s) => s.webhook_url !== '');
        const alert = await store.record(userId, episode, webhooks);
        if (alert) {
          stored += 1;
          woken.add(userId);
        }
      }
    }
    for (const userId of woken) alertBus.emit(userId);
    const deliveries = await this.deliverDue(now);
    if (stored) this.options.log?.info?.({ event: 'airing-alerts', alerts: stored, anime: records.size }, 'airing alerts stored');
    return { anime: records.size, alerts: stored, deliveries, sources: found.outcomes };
  }

  /**
   * Attempts the deliveries due at `now`: 2xx delivers; otherwise the next attempt waits
   * ALERTS_WEBHOOK_BACKOFF_MS × 2^(attempts-1), and after ALERTS_WEBHOOK_MAX_ATTEMPTS the delivery
   * is a dead letter (kept, listed in `viewer.alerts.deadLetters`).
   */
  async deliverDue(now: number = this.now()): Promise<{ delivered: number; failed: number; dead: number }> {
    const config = this.options.config;
    const store = await this.store();
    const counts = { delivered: 0, failed: 0, dead: 0 };
    const due = await store.due(now, DELIVERY_BATCH);
    // A few receivers at a time: one slow receiver must not hold up everyone's alerts.
    let next = 0;
    const worker = async () => {
      while (next < due.length) await attempt(due[next++]!);
    };
    const attempt = async (row: (typeof due)[number]) => {
      if (!(await store.claim(row, now + config.ALERTS_WEBHOOK_TIMEOUT_MS * 2 + 1000))) return;
      const context = await store.attemptContext(row);
      if (!context) return;
      const attempts = Number(row.attempts) + 1;
      const record = this.options.catalog.byId(context.alert.animeId);
      const body = JSON.stringify({
        type: 'airing',
        alertId: context.alert.id,
        deliveryId: Number(row.id),
        subscriptionId: row.subscription_id,
        attempt: attempts,
        // Inside the signed body, so a captured delivery cannot be replayed as a fresh one.
        sentAt: new Date(now).toISOString(),
        anime: { id: context.alert.animeId, title: record?.title ?? null },
        episode: context.alert.episode,
        airedAt: context.alert.airedAt,
        source: context.alert.source,
      });
      let result;
      try {
        // Checked again before each attempt: the name may point somewhere private by now.
        await checkWebhookUrl(row.webhook_url, { allowPrivate: config.ALERTS_WEBHOOK_ALLOW_PRIVATE, ...(this.options.resolve ? { resolve: this.options.resolve } : {}) });
        result = await postWebhook(row.webhook_url, body, context.secret(), {
          timeoutMs: config.ALERTS_WEBHOOK_TIMEOUT_MS,
          nowMs: now,
          userAgent: config.USER_AGENT,
          headers: { 'x-alert-id': String(context.alert.id), 'x-delivery-attempt': String(attempts) },
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        });
      } catch (error) {
        result = { ok: false, status: null, error: error instanceof UserError ? error.message : 'the target was refused' };
      }
      if (result.ok) {
        counts.delivered += 1;
        await store.settle(Number(row.id), { state: 'delivered', attempts, nextAttemptAt: now, lastStatus: result.status, lastError: null, deliveredAt: now });
      } else if (attempts >= config.ALERTS_WEBHOOK_MAX_ATTEMPTS) {
        counts.dead += 1;
        await store.settle(Number(row.id), { state: 'dead', attempts, nextAttemptAt: now, lastStatus: result.status, lastError: result.error, deliveredAt: null });
      } else {
        counts.failed += 1;
        await store.settle(Number(row.id), { state: 'pending', attempts, nextAttemptAt: now + config.ALERTS_WEBHOOK_BACKOFF_MS * 2 ** (attempts - 1), lastStatus: result.status, lastError: result.error, deliveredAt: null });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, due.length) }, worker));
    if (counts.dead) this.options.log?.warn({ event: 'webhook-dead-letters', count: counts.dead }, 'webhook deliveries gave up after the last retry');
    if (this.checkTimer) void this.scheduleRetry();
    return counts;
  }

  /**
   * Anime News Network news about anime on the user's list, newest first: items of ANN's feed
   * whose headline names one of them (the feed's own conservative title linking), and the news ANN's
   * encyclopedia lists on the entries of the first ANN_MAX_IDS_PER_REQUEST listed anime that have
   * an ANN id (one batched call). One source failing leaves the other's items; both failing is the
   * kit's typed error.
   */
  async newsFor(watched: readonly string[], first: number): Promise<NewsEntry[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_NEWS_ITEMS) throw badUserInput(`first must be from 1 to ${MAX_NEWS_ITEMS}`, 'first');
    const records = [...new Map(watched.map((id) => this.options.catalog.byId(id)).filter((r): r is AnimeRecord => Boolean(r)).map((r) => [r.id, r])).values()];
    if (!this.news || !records.length) return [];
    const news = this.news;
    const wanted = new Set(records.map((r) => r.id));
    const byAnn = new Map<number, string>();
    for (const record of records) {
      const annId = record.platformIds.find((p) => p.platform === Platform.ANN)?.id;
      if (annId && /^\d+$/.test(annId) && byAnn.size < ANN_MAX_IDS_PER_REQUEST) byAnn.set(Number(annId), record.id);
    }
    const [feed, encyclopedia] = await Promise.allSettled([
      news.news().then((answer) =>
        toNewsItems(answer.data, titleKeysOf(this.options.catalog.records)).map((item) => ({ title: item.title, url: item.url, publishedAt: item.publishedAt, animeIds: item.links.map((l) => l.record.id).filter((id) => wanted.has(id)) })),
      ),
      byAnn.size
        ? news.animeMany([...byAnn.keys()]).then((batch) =>
            [...batch.found].flatMap(([annId, answer]) =>
              toAnnAnime(answer.data).news.map((item) => ({ title: item.title, url: item.url, publishedAt: dateOf(item.date), animeIds: [byAnn.get(annId)!] })),
            ),
          )
        : Promise.resolve([]),
    ]);
    if (feed.status === 'rejected' && encyclopedia.status === 'rejected') throw feed.reason;
    for (const failed of [feed, encyclopedia]) if (failed.status === 'rejected') this.options.log?.warn({ event: 'news-source-failed', err: failed.reason }, 'one ANN news source failed; the other answered alone');
    // One item per article: the feed and the encyclopedia may both list it.
    const merged = new Map<string, NewsEntry>();
    for (const item of [...(feed.status === 'fulfilled' ? feed.value : []), ...(encyclopedia.status === 'fulfilled' ? encyclopedia.value : [])]) {
      if (!item.animeIds.length) continue;
      const key = item.url ?? item.title;
      const known = merged.get(key);
      if (known) known.animeIds = [...new Set([...known.animeIds, ...item.animeIds])];
      else merged.set(key, { ...item });
    }
    return [...merged.values()].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)).slice(0, first);
  }

  /** Starts the periodic check (ALERTS_CHECK_INTERVAL_S; 0 leaves it off). Timers do not keep the process alive. */
  start(): void {
    const seconds = this.options.config.ALERTS_CHECK_INTERVAL_S;
    if (!seconds || this.checkTimer || !this.sources) return;
    const tick = () => {
      if (this.options.storeExists && !this.options.storeExists()) return;
      void this.checkAiring().catch((error: unknown) => this.options.log?.warn({ err: error }, 'the airing check failed; it runs again at the next interval'));
    };
    this.checkTimer = setInterval(tick, seconds * 1000);
    this.checkTimer.unref();
  }

  stop(): void {
    if (this.checkTimer) clearInterval(this.checkTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.checkTimer = this.retryTimer = null;
  }

  /** While the timer runs, a retry due before the next check is attempted on time. */
  private async scheduleRetry(): Promise<void> {
    const at = await (await this.store()).nextDue();
    if (at === null || !this.checkTimer) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const wait = Math.max(1000, at - this.now());
    if (wait >= this.options.config.ALERTS_CHECK_INTERVAL_S * 1000) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.deliverDue().catch((error: unknown) => this.options.log?.warn({ err: error }, 'webhook retries failed; retried at the next check'));
    }, wait);
    this.retryTimer.unref();
  }
}
