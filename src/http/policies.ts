// Per-source resilience state: bulkhead, circuit breaker, retry (exponential backoff with jitter,
// Retry-After honoured), timeout, the rate gate, the in-flight map and the counters for /health.
import {
  ConsecutiveBreaker,
  DelegateBackoff,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { AttemptFailure } from './attempt.js';
import { LatencyRecorder, NO_LATENCY, type LatencyFigures } from './latency.js';
import { RateGate, type RequestBudget } from './rate-limit.js';
import type { SourceDefinition, UpstreamRefusal } from './types.js';

export interface SourceStats {
  /** Calls to request(). */
  requests: number;
  cacheHits: number;
  staleHits: number;
  /** Failed upstream calls answered with the last good (expired) cache entry instead. */
  staleOnError: number;
  cacheMisses: number;
  /** Calls that joined an identical call already in flight. */
  deduplicated: number;
  /** HTTP requests sent upstream (attempts, retries included). */
  upstreamRequests: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** Calls that failed upstream (a 404 is an answer, counted in `notFound` instead). */
  failures: number;
  /** Upstream 404 answers: the source is fine, it does not list the thing. */
  notFound: number;
  circuit: 'closed' | 'open' | 'half-open' | 'isolated';
  /** Time of the live upstream answers (2xx or 404; not cache hits, failures or rate-limit waits). */
  latency: LatencyFigures;
  /** The upstream refused us (a ban): no call is sent until `until` (ISO time); null otherwise. */
  refusal: { reason: string; message: string; until: string } | null;
}

export interface PolicyOptions {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails SOURCE_RATE_LIMITED. */
  maxRetryAfterMs: number;
  maxRateLimitWaitMs: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
  bulkheadQueue: number;
}

export interface SourceState {
  readonly name: string;
  readonly gate: RateGate;
  readonly bulkhead: BulkheadPolicy;
  readonly breaker: CircuitBreakerPolicy;
  readonly retry: RetryPolicy;
  readonly timeout: TimeoutPolicy;
  readonly inFlight: Map<string, Promise<unknown>>;
  readonly stats: SourceStats;
  /** Feeds `stats.latency` (replaced by a new snapshot on each answer, never mutated). */
  readonly latency: LatencyRecorder;
  /** Holds the circuit open (isolated) until `untilMs` and shows why in the stats. */
  refuse(refusal: Pick<UpstreamRefusal, 'reason' | 'message'>, untilMs: number): void;
  /** The refusal in force now, if any (it lifts itself at its end). */
  activeRefusal(): { reason: string; message: string; untilMs: number } | null;
}

export function createSourceState(definition: SourceDefinition, budget: RequestBudget, options: PolicyOptions): SourceState {
  const stats: SourceStats = {
    requests: 0, cacheHits: 0, staleHits: 0, staleOnError: 0, cacheMisses: 0, deduplicated: 0, upstreamRequests: 0,
    retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, failures: 0, notFound: 0, circuit: 'closed', latency: NO_LATENCY,
    refusal: null,
  };
  const breaker = circuitBreaker(
    handleWhen((e) => e instanceof AttemptFailure && e.breaksCircuit),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
  );
  breaker.onStateChange((state) => {
    stats.circuit = (['closed', 'open', 'half-open', 'isolated'] as const)[state] ?? 'closed';
  });
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    const failure = 'error' in context.result ? context.result.error : undefined;
    if (failure instanceof AttemptFailure && failure.retryAfterMs !== undefined) return failure.retryAfterMs;
    // Full jitter over an exponential ceiling: spreads retries of many callers apart.
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (context.attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  });
  const retryPolicy = retry(
    handleWhen((e) => e instanceof AttemptFailure && e.retryable && (e.retryAfterMs ?? 0) <= options.maxRetryAfterMs),
    { maxAttempts: Math.max(0, options.maxAttempts - 1), backoff },
  );
  retryPolicy.onRetry(() => (stats.retries += 1));
  let refused: { reason: string; message: string; untilMs: number; lift: () => void } | null = null;
  const lift = () => {
    refused?.lift();
    refused = null;
    stats.refusal = null;
  };
  return {
    refuse(refusal, untilMs) {
      if (refused && refused.untilMs >= untilMs) return;
      lift();
      // isolate() holds the breaker open whatever the failure counts say, until disposed.
      const handle = breaker.isolate();
      const timer = setTimeout(lift, Math.max(0, untilMs - Date.now()));
      timer.unref();
      refused = { reason: refusal.reason, message: refusal.message, untilMs, lift: () => (clearTimeout(timer), handle.dispose()) };
      stats.refusal = { reason: refusal.reason, message: refusal.message, until: new Date(untilMs).toISOString() };
    },
    activeRefusal() {
      if (refused && refused.untilMs <= Date.now()) lift();
      return refused && { reason: refused.reason, message: refused.message, untilMs: refused.untilMs };
    },
    name: definition.name,
    gate: new RateGate(budget, options.maxRateLimitWaitMs),
    bulkhead: bulkhead(definition.maxConcurrent, options.bulkheadQueue),
    breaker,
    retry: retryPolicy,
    timeout: timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
    inFlight: new Map(),
    stats,
    latency: new LatencyRecorder(),
  };
}
