// Public face of the upstream client kit: createUpstreamKit(config) → kit.client(definition).
// One kit per process: it owns the cache tiers, the Redis link and per-source policy state.
import { connectRedis, TieredCache, type RedisLink } from '../cache/index.js';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { RedisFlights } from './flights.js';
import { MemoryBudget, RedisBudget } from './rate-limit.js';
import { createSourceState, type PolicyOptions, type SourceState, type SourceStats } from './policies.js';
import { createSourceClient } from './source-client.js';
import type { DataClass, SourceClient, SourceDefinition, UpstreamKit } from './types.js';

export type * from './types.js';
export type { SourceStats, PolicyOptions } from './policies.js';
export type { LatencyFigures } from './latency.js';
export { cacheKey } from './source-client.js';
export { buildUrl, parseRetryAfter } from './attempt.js';
export { OutcomeRecorder, withOutcomes, currentRecorder, type SourceOutcome, type SourceOutcomeKind } from './outcomes.js';
export { summarizeOutcomes, levelOf, type Degradation, type DegradationLevel, type SourceDegradation } from './degradation.js';

export interface UpstreamKitOptions {
  /** Clock for cache freshness (tests inject one); rate limits and timeouts use real time. */
  now?: () => number;
  /** Prefix of cache and rate-limit keys (tests use a random one to stay isolated in Redis). */
  namespace?: string;
  /** Override resilience settings (tests shorten backoffs and breaker pauses). */
  policy?: Partial<PolicyOptions>;
  /** Stale entries are served (and refreshed in the background) up to this multiple of their TTL. */
  staleFactor?: number;
  /** Oldest cached value served when the upstream fails; default config CACHE_STALE_IF_ERROR_S. */
  staleIfErrorMs?: number;
  logger?: Pick<Logger, 'warn' | 'info'>;
}

export interface UpstreamKitWithStats extends UpstreamKit {
  /** Per source counters, for /health and /stats. */
  stats(): Record<string, SourceStats>;
  /** Resolves once Redis is connected (or given up on); requests before that simply skip L2. */
  ready(timeoutMs?: number): Promise<void>;
  /** The cache tiers (tests clear L1 to prove L2 works). */
  readonly cache: TieredCache;
  /**
   * Closes a source's circuit breaker (an operator's reset once the cause is fixed): 'reset', or
   * 'refused' while the upstream's own refusal (a ban) is in force, or 'unknown' for a source not used yet.
   */
  resetCircuit(name: string): 'reset' | 'refused' | 'unknown';
}

const DEFAULT_POLICY: Omit<PolicyOptions, 'timeoutMs'> = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  maxRetryAfterMs: 30_000,
  maxRateLimitWaitMs: 30_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  bulkheadQueue: 1000,
};

export function createUpstreamKit(config: Config, options: UpstreamKitOptions = {}): UpstreamKitWithStats {
  const now = options.now ?? Date.now;
  const namespace = options.namespace ?? config.REDIS_NAMESPACE;
  const redis: RedisLink | undefined = config.REDIS_URL ? connectRedis(config.REDIS_URL, options.logger) : undefined;
  const staleIfErrorMs = options.staleIfErrorMs ?? config.CACHE_STALE_IF_ERROR_S * 1000;
  const cache = new TieredCache({ l1MaxEntries: config.CACHE_L1_MAX_ENTRIES, redis, namespace, now, staleFactor: options.staleFactor, staleIfErrorMs });
  const policy: PolicyOptions = { timeoutMs: config.UPSTREAM_TIMEOUT_MS, ...DEFAULT_POLICY, ...options.policy };
  const ttlSeconds: Record<DataClass, number> = {
    catalog: config.CACHE_TTL_CATALOG_S,
    details: config.CACHE_TTL_DETAILS_S,
    page: config.CACHE_TTL_PAGE_S,
    search: config.CACHE_TTL_SEARCH_S,
  };
  const states = new Map<string, SourceState>();
  // A lease outlives the longest a holder may take: its rate-limit wait, then its attempts' timeouts.
  const flights = redis ? new RedisFlights(redis, namespace, policy.maxRateLimitWaitMs + policy.timeoutMs * policy.maxAttempts + 5_000) : undefined;

  const stateFor = (definition: SourceDefinition): SourceState => {
    let state = states.get(definition.name);
    if (!state) {
      // Limits and concurrency come from the first definition seen for a name.
      const memory = new MemoryBudget(definition.rateLimits);
      const budget = redis ? new RedisBudget(redis, `${namespace}:rl:${definition.name}`, definition.rateLimits, policy.timeoutMs + 5000, memory) : memory;
      // The source's own settings (AniDB: no retries), then the kit's options (tests) over them.
      state = createSourceState(definition, budget, { ...policy, ...definition.policy, ...options.policy });
      states.set(definition.name, state);
    }
    return state;
  };

  return {
    cache,
    client(definition: SourceDefinition): SourceClient {
      return createSourceClient(definition, {
        state: stateFor(definition),
        flights,
        cache,
        ttlMs: (dataClass) => ttlSeconds[dataClass] * 1000,
        notFoundTtlMs: config.CACHE_TTL_NOT_FOUND_S * 1000,
        userAgent: config.USER_AGENT,
        now,
      });
    },
    async ready(timeoutMs) {
      await redis?.whenReady(timeoutMs);
    },
    stats() {
      return Object.fromEntries([...states].map(([name, state]) => [name, { ...state.stats }]));
    },
    resetCircuit(name) {
      const state = states.get(name);
      if (!state) return 'unknown';
      if (state.activeRefusal()) return 'refused';
      // cockatiel has no reset(): ending an isolation returns the breaker to closed, counts cleared.
      state.breaker.isolate().dispose();
      return 'reset';
    },
    async close() {
      await redis?.close();
    },
  };
}
