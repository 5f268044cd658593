// Airing alerts and the personal news feed in the users subgraph: `subscribeAiring` /
// `unsubscribeAiring`, `viewer { alerts { subscriptions recent deliveries deadLetters } }` and
// `viewer { news(first) }`. As everywhere in this subgraph the user is the one of the request's
// verified key; a webhook's signing secret is returned by `subscribeAiring` once and never again.
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import type { Store } from '../../src/store/index.js';
import { AlertsService, MAX_ALERTS_PAGE, MAX_NEWS_ITEMS, type Alert, type Delivery, type Subscription } from '../../src/users/alerts/index.js';
import { viewerOf, WatchStatus, type UsersService } from '../../src/users/index.js';
import { Anime, Viewer } from './types.js';

export enum AlertDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
registerEnumType(AlertDeliveryState, { name: 'AlertDeliveryState', description: 'PENDING: not delivered yet (retrying with backoff); DELIVERED: the webhook answered 2xx; DEAD: given up after the last retry (a dead letter).' });

const anime = (id: string | null): Anime | null => (id === null ? null : { id });

@ObjectType({ description: 'A subscription to airing alerts: for the watchlist (WATCHING, PLAN_TO_WATCH, REWATCHING) or one anime; stored and streamed (GET /api/me/events), and POSTed to a webhook when it has one.' })
export class AiringSubscription {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { nullable: true, description: 'The anime; null for the whole watchlist.' })
  animeId!: string | null;
  @Field(() => Anime, { nullable: true, description: 'The anime; null for the whole watchlist.' })
  anime!: Anime | null;
  @Field(() => String, { nullable: true, description: 'Where alerts are POSTed; null for stored and streamed alerts only.' })
  webhookUrl!: string | null;
  @Field(() => Boolean, { description: 'Whether deliveries carry `X-Signature: sha256=<HMAC-SHA256 of the body>`.' })
  signed!: boolean;
  @Field(() => String, { nullable: true, description: 'The webhook signing secret: set in the answer of `subscribeAiring` only, null everywhere else (it is never shown again).' })
  secret!: string | null;
  @Field(() => String, { description: 'ISO 8601. Episodes that aired before this do not alert.' })
  createdAt!: string;
}

@ObjectType({ description: 'A new episode of a subscribed anime; one per user, anime and episode.' })
export class AiringAlert {
  @Field(() => ID, { description: 'Increasing; the event id of GET /api/me/events (Last-Event-ID resumes after it).' })
  id!: string;
  @Field(() => ID)
  animeId!: string;
  @Field(() => Anime, { nullable: true })
  anime!: Anime | null;
  @Field(() => Int)
  episode!: number;
  @Field(() => String, { description: 'When the episode aired (ISO 8601).' })
  airedAt!: string;
  @Field(() => String, { description: '`anilist` (its next-airing episode) or `animeschedule` (its timetable).' })
  source!: string;
  @Field(() => String, { description: 'When the alert was stored (ISO 8601).' })
  createdAt!: string;
}

@ObjectType({ description: 'One alert sent (or being sent) to one webhook.' })
export class AlertDelivery {
  @Field(() => ID)
  id!: string;
  @Field(() => AiringAlert, { nullable: true })
  alert!: AiringAlert | null;
  @Field(() => ID)
  subscriptionId!: string;
  @Field(() => String)
  webhookUrl!: string;
  @Field(() => AlertDeliveryState)
  state!: AlertDeliveryState;
  @Field(() => Int, { description: 'Attempts made.' })
  attempts!: number;
  @Field(() => String, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: string | null;
  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt; null when there was no answer." })
  lastStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;
  @Field(() => String)
  createdAt!: string;
  @Field(() => String)
  updatedAt!: string;
  @Field(() => String, { nullable: true })
  deliveredAt!: string | null;
}

@ObjectType({ description: "The signed-in user's airing alerts." })
export class ViewerAlerts {
  /** The account whose alerts these are (from the request's key). */
  userId!: string;
}

@ObjectType({ description: 'An Anime News Network news item naming anime on the signed-in user’s list.' })
export class ViewerNewsItem {
  @Field(() => String)
  title!: string;
  @Field(() => String, { nullable: true })
  url!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601.' })
  publishedAt!: string | null;
  @Field(() => [Anime], { description: 'The anime of the user’s list the item names.' })
  anime!: Anime[];
}

const toSubscription = (s: Subscription & { secret?: string | null }): AiringSubscription => ({ ...s, anime: anime(s.animeId), secret: s.secret ?? null });
const toAlert = (a: Alert): AiringAlert => ({ ...a, id: String(a.id), anime: anime(a.animeId) });
const toDelivery = (d: Delivery, alerts: Map<number, Alert>): AlertDelivery => {
  const alert = alerts.get(d.alertId);
  return { ...d, id: String(d.id), alert: alert ? toAlert(alert) : null, state: d.state.toUpperCase() as AlertDeliveryState };
};

@Resolver(() => Viewer)
export class ViewerAlertsResolver {
  constructor(
    private readonly users: UsersService,
    private readonly service: AlertsService,
  ) {}

  @FieldResolver(() => ViewerAlerts, { description: 'Airing alert subscriptions, alerts and webhook deliveries.' })
  alerts(@Root() viewer: Viewer): ViewerAlerts {
    return { userId: viewer.id };
  }

  @FieldResolver(() => [ViewerNewsItem], { description: 'Anime News Network news naming anime on the list (any status but DROPPED), newest first.' })
  async news(@Root() viewer: Viewer, @Arg('first', () => Int, { defaultValue: 20, description: `1–${MAX_NEWS_ITEMS}.` }) first: number): Promise<ViewerNewsItem[]> {
    const list = await this.users.watchlist(viewer, null, 500, 0);
    const watched = list.filter((e) => e.status !== WatchStatus.DROPPED).map((e) => e.animeId);
    const items = await this.service.newsFor(watched, first);
    return items.map((item) => ({ title: item.title, url: item.url, publishedAt: item.publishedAt?.toISOString() ?? null, anime: item.animeIds.map((id) => ({ id })) }));
  }

  @Mutation(() => AiringSubscription, {
    description:
      'Subscribes the signed-in user to airing alerts: for one anime, or (without `animeId`) the watchlist entries WATCHING, PLAN_TO_WATCH or REWATCHING. With `webhookUrl` (http or https, public addresses only) each alert is POSTed as JSON signed with `X-Signature: sha256=<HMAC-SHA256 of the body>` using `secret` (16–256 characters; made here when left out, and returned this once). Subscribing the same anime and webhook again replaces the secret.',
  })
  async subscribeAiring(
    @Arg('animeId', () => ID, { nullable: true, description: 'A catalog id or alias; absent for the watchlist.' }) animeId: string | null | undefined,
    @Arg('webhookUrl', () => String, { nullable: true }) webhookUrl: string | null | undefined,
    @Arg('secret', () => String, { nullable: true }) secret: string | null | undefined,
    @Ctx() context: unknown,
  ): Promise<AiringSubscription> {
    const account = await this.users.require(viewerOf(context));
    return toSubscription(await this.service.subscribe(account, { animeId: animeId ?? null, webhookUrl: webhookUrl ?? null, secret: secret ?? null }));
  }

  @Mutation(() => Int, { description: 'Removes airing subscriptions: the one with `id`, or those for `animeId` (the watchlist ones when absent), only to `webhookUrl` when given. Returns how many were removed; their pending deliveries go with them.' })
  async unsubscribeAiring(
    @Arg('id', () => ID, { nullable: true }) id: string | null | undefined,
    @Arg('animeId', () => ID, { nullable: true }) animeId: string | null | undefined,
    @Arg('webhookUrl', () => String, { nullable: true }) webhookUrl: string | null | undefined,
    @Ctx() context: unknown,
  ): Promise<number> {
    const account = await this.users.require(viewerOf(context));
    return this.service.unsubscribe(account, { id: id ?? null, animeId: animeId ?? null, webhookUrl: webhookUrl ?? null });
  }
}

@Resolver(() => ViewerAlerts)
export class AlertsResolver {
  constructor(private readonly alerts: AlertsService) {}

  @FieldResolver(() => [AiringSubscription])
  async subscriptions(@Root() root: ViewerAlerts): Promise<AiringSubscription[]> {
    return (await this.alerts.subscriptions({ id: root.userId })).map(toSubscription);
  }

  @FieldResolver(() => [AiringAlert], { description: 'The latest alerts, newest first.' })
  async recent(@Root() root: ViewerAlerts, @Arg('first', () => Int, { defaultValue: 20, description: `1–${MAX_ALERTS_PAGE}.` }) first: number): Promise<AiringAlert[]> {
    return (await this.alerts.alerts({ id: root.userId }, first)).map(toAlert);
  }

  @FieldResolver(() => [AlertDelivery], { description: 'Webhook deliveries, newest first.' })
  async deliveries(
    @Root() root: ViewerAlerts,
    @Arg('first', () => Int, { defaultValue: 20, description: `1–${MAX_ALERTS_PAGE}.` }) first: number,
    @Arg('state', () => AlertDeliveryState, { nullable: true }) state: AlertDeliveryState | null | undefined,
  ): Promise<AlertDelivery[]> {
    return this.withAlerts(root.userId, await this.alerts.deliveries({ id: root.userId }, first, state ? (state.toLowerCase() as Delivery['state']) : null));
  }

  @FieldResolver(() => [AlertDelivery], { description: 'Deliveries given up after the last retry (state DEAD), newest first.' })
  async deadLetters(@Root() root: ViewerAlerts, @Arg('first', () => Int, { defaultValue: 20, description: `1–${MAX_ALERTS_PAGE}.` }) first: number): Promise<AlertDelivery[]> {
    return this.withAlerts(root.userId, await this.alerts.deliveries({ id: root.userId }, first, 'dead'));
  }

  private async withAlerts(userId: string, deliveries: Delivery[]): Promise<AlertDelivery[]> {
    const alerts = await this.alerts.alertsByIds({ id: userId }, [...new Set(deliveries.map((d) => d.alertId))]);
    return deliveries.map((d) => toDelivery(d, alerts));
  }
}

export interface AlertResolverServices {
  catalog: Catalog;
  config: Config;
  /** The kit the airing sources and ANN's feed are asked through; without it checks find nothing. */
  upstream?: UpstreamKit;
  /** The service to use (the app shares one with GET /api/me/events); built from the above when absent. */
  alerts?: AlertsService;
  log?: { warn(obj: object, msg: string): void };
}

/** The alert resolvers' instances, for the users schema's container (one line there). */
export function alertResolvers(services: AlertResolverServices, users: UsersService, store: () => Promise<Store>): Array<[unknown, unknown]> {
  const alerts =
    services.alerts ??
    new AlertsService({ store, catalog: services.catalog, config: services.config, ...(services.upstream ? { upstream: services.upstream } : {}), ...(services.log ? { log: services.log } : {}) });
  return [
    [ViewerAlertsResolver, new ViewerAlertsResolver(users, alerts)],
    [AlertsResolver, new AlertsResolver(alerts)],
  ];
}
