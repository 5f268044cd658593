// The access layer in front of /graphql, /api and /mcp: authenticates every request (API key or
// anonymous tier), counts it against its tier's quotas (shared through Redis when configured),
// counts natural-language calls against the NL quota, caps batch sizes, and in trusted-documents
// mode lets only persisted operations into /graphql. Refusals use each door's error shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { connectRedis, type RedisLink } from '../cache/index.js';
import type { Config } from '../config/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Store } from '../store/index.js';
import { Authenticator, type Principal } from './authenticator.js';
import { AccessError } from './errors.js';
import { doorOf, sendAccessError, type Door } from './front-doors.js';
import { KeyStore } from './key-store.js';
import { nlCallsOf } from './nl-calls.js';
import { DAY_MS, MemoryQuota, MINUTE_MS, RedisQuota, type QuotaCounter, type QuotaLimit } from './quota.js';
import { tierTable, type TierLimits, type TierTable } from './tiers.js';
import { trustedDocuments, type TrustedDocument, type TrustedDocuments } from './trusted-documents.js';
import { UsageRecorder } from './usage.js';

export interface AccessOptions {
  config: Config;
  metrics: Metrics;
  /** The local store, opened on first use (anonymous traffic never needs it). */
  store: () => Promise<Store>;
  /** The persisted operations trusted-documents mode accepts. */
  documents: () => Promise<readonly TrustedDocument[]>;
  /** Enforce quotas and batch sizes (app.ts: QUOTAS, else on when exposed beyond loopback). */
  quotas: boolean;
  /** Prefix of the quota counters in Redis (tests use a random one). */
  namespace?: string;
  /** Routes reached without a key by design (the OAuth callback), even when keys are required. */
  keyless?: (method: string, path: string) => boolean;
}

export interface Access {
  readonly tiers: TierTable;
  readonly quotasOn: boolean;
  readonly authenticator: Authenticator;
  readonly usage: UsageRecorder;
  readonly quota: QuotaCounter;
  keys(): Promise<KeyStore>;
  principalOf(request: FastifyRequest): Principal | undefined;
  /** The request and NL limits of a tier, as the quota counters see them. */
  requestLimits(limits: TierLimits): QuotaLimit[];
  nlLimits(limits: TierLimits): QuotaLimit[];
}

export async function registerAccess(app: FastifyInstance, options: AccessOptions): Promise<Access> {
  const { config } = options;
  const tiers = tierTable(config);
  const quotasOn = options.quotas;
  let keyStore: Promise<KeyStore> | null = null;
  const keys = () => (keyStore ??= options.store().then((store) => new KeyStore(store.db)));
  // A store that failed to open is tried again by the next request that needs it.
  const keysOrRetry = () => keys().catch((error: unknown) => ((keyStore = null), Promise.reject(error)));
  const authenticator = new Authenticator(keysOrRetry, config.ANONYMOUS_TIER);
  const usage = new UsageRecorder(keysOrRetry, (error) => app.log.warn({ err: error }, 'API key usage not recorded'));
  const redis: RedisLink | undefined = config.REDIS_URL ? connectRedis(config.REDIS_URL, app.log) : undefined;
  const memory = new MemoryQuota();
  const quota: QuotaCounter = redis ? new RedisQuota(redis, `${options.namespace ?? 'anime'}:quota`, memory) : memory;
  let trusted: Promise<TrustedDocuments> | null = null;
  const principals = new WeakMap<FastifyRequest, Principal>();

  const requestLimits = (l: TierLimits): QuotaLimit[] => [
    { name: 'minute', limit: l.perMinute, windowMs: MINUTE_MS },
    { name: 'day', limit: l.perDay, windowMs: DAY_MS },
  ];
  const nlLimits = (l: TierLimits): QuotaLimit[] => [{ name: 'nl-day', limit: l.nlPerDay, windowMs: DAY_MS }];

  const refuse = (principal: Principal, door: Door, limit: string, error: AccessError) => {
    options.metrics.countQuotaExhausted({ key: principal.keyId ?? 'anonymous', tier: principal.tier, limit, door });
    if (principal.keyId) usage.record(principal.keyId, { rejected: 1 });
    return error;
  };

  const quotaError = (limit: QuotaLimit, retryAfterMs: number, tier: string) =>
    new AccessError(
      'QUOTA_EXCEEDED',
      `quota exceeded: the ${tier} tier allows ${limit.limit} ${limit.name === 'nl-day' ? 'natural-language calls a day' : `requests a ${limit.name}`}; retry after ${Math.ceil(retryAfterMs / 1000)} s or use a key of a higher tier`,
      { limit: limit.name, allowed: limit.limit, tier, retryAfterMs },
      Math.max(1, Math.ceil(retryAfterMs / 1000)),
    );

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const door = doorOf(path);
    if (!door || request.method === 'OPTIONS') return;
    try {
      const principal = await authenticator.authenticate(request.headers, request.ip, options.keyless?.(request.method, path) ?? false);
      principals.set(request, principal);
      if (quotasOn) {
        const taken = await quota.consume(principal.subject, requestLimits(tiers[principal.tier]));
        if (!taken.ok) throw refuse(principal, door, taken.limit.name, quotaError(taken.limit, taken.retryAfterMs, principal.tier));
      }
      if (principal.keyId) usage.record(principal.keyId, { requests: 1 });
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      options.metrics.countError(door, error.code);
      return sendAccessError(reply, door, error);
    }
  });

  // After the body is parsed (and, for REST, validated): documents, batch sizes and NL calls.
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const door = doorOf(path);
    if (!door || request.method === 'OPTIONS') return;
    const principal = principals.get(request);
    if (!principal) return;
    try {
      if (door === 'graphql' && config.TRUSTED_DOCUMENTS) {
        trusted ??= options.documents().then(trustedDocuments);
        const params = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
        const resolved = (await trusted).resolve(params ?? {});
        if (resolved instanceof AccessError) throw resolved;
        if (params) {
          params['query'] = resolved.query;
          delete params['documentId'];
        }
        // Apollo reads a GET's parameters from the URL itself, not from the parsed query.
        if (request.method === 'GET') {
          const url = new URL(request.raw.url ?? '/graphql', 'http://localhost');
          url.searchParams.set('query', resolved.query);
          url.searchParams.delete('documentId');
          request.raw.url = `${url.pathname}${url.search}`;
        }
      }
      const limits = tiers[principal.tier];
      if (quotasOn && door === 'rest' && path === '/api/batch' && request.method === 'POST') {
        const items = (request.body as { items?: unknown[] } | undefined)?.items;
        if (Array.isArray(items) && items.length > limits.batch) {
          throw refuse(principal, door, 'batch', new AccessError('BAD_USER_INPUT', `a batch of ${items.length} items is over the ${principal.tier} tier's limit of ${limits.batch}; split it, or use a key of a higher tier`, { field: 'items', allowed: limits.batch, tier: principal.tier }));
        }
      }
      const calls = nlCallsOf(door, path, request.method === 'GET' ? undefined : request.body, request.query);
      if (calls > 0) {
        if (quotasOn) {
          const taken = await quota.consume(principal.subject, nlLimits(limits), calls);
          if (!taken.ok) throw refuse(principal, door, taken.limit.name, quotaError(taken.limit, taken.retryAfterMs, principal.tier));
        }
        if (principal.keyId) usage.record(principal.keyId, { nlCalls: calls });
      }
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      options.metrics.countError(door, error.code);
      return sendAccessError(reply, door, error);
    }
  });

  app.addHook('onClose', async () => {
    await usage.close();
    await redis?.close();
  });

  return {
    tiers,
    quotasOn,
    authenticator,
    usage,
    quota,
    keys: keysOrRetry,
    principalOf: (request) => principals.get(request),
    requestLimits,
    nlLimits,
  };
}
