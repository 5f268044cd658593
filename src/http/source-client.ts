// The request pipeline of one source: cache → in-flight dedup → bulkhead → circuit breaker →
// retry (backoff with jitter, Retry-After) → rate gate → timeout → fetch → zod. State (limits,
// breaker, bulkhead, stats: policies.ts) is per source name, shared by every client of that name.
import { createHash } from 'node:crypto';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import type { CacheEntry, TieredCache } from '../cache/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import { AttemptFailure, attemptRequest, buildUrl } from './attempt.js';
import type { Flights } from './flights.js';
import type { SourceState } from './policies.js';
import { currentRecorder } from './outcomes.js';
import { RateLimitWaitExceeded, type BudgetSlot } from './rate-limit.js';
import type { DataClass, RequestSpec, SourceAnswer, SourceClient, SourceDefinition, UpstreamRefusal } from './types.js';

export interface ClientDeps {
  state: SourceState;
  cache: TieredCache;
  ttlMs(dataClass: DataClass): number;
  notFoundTtlMs: number;
  userAgent: string;
  now(): number;
  /** One call per key across replicas (Redis leases); absent without Redis. */
  flights?: Flights;
}

/** How often a replica waiting for another's call looks for its answer in the shared cache. */
const FLIGHT_POLL_MS = 50;

export function createSourceClient(definition: SourceDefinition, deps: ClientDeps): SourceClient {
  const { state, cache } = deps;
  const { stats } = state;
  const source = definition.name;

  /** Upstream call shared by identical concurrent requests; writes the cache; resolves raw JSON and its fetch time. */
  const fetchShared = (key: string, spec: RequestSpec<unknown>): Promise<Fetched> => {
    const running = state.inFlight.get(key) as Promise<Fetched> | undefined;
    if (running) {
      stats.deduplicated += 1;
      return running;
    }
    const call = fetchAcrossReplicas(key, spec).finally(() => state.inFlight.delete(key));
    state.inFlight.set(key, call);
    return call;
  };

  /** The call, unless another replica is making it: then its answer, from the shared cache. */
  const fetchAcrossReplicas = async (key: string, spec: RequestSpec<unknown>): Promise<Fetched> => {
    const flights = deps.flights;
    if (!flights) return fetchAndCache(key, spec);
    const lease = await flights.acquire(key);
    if (lease) {
      try {
        return await fetchAndCache(key, spec);
      } finally {
        await lease.release();
      }
    }
    const shared = await answerOfOtherReplica(flights, key, spec);
    if (shared) {
      stats.deduplicated += 1;
      return shared;
    }
    // The other replica failed (or its lease ran out): this one calls, within the shared budget.
    return fetchAndCache(key, spec);
  };

  const answerOfOtherReplica = async (flights: Flights, key: string, spec: RequestSpec<unknown>): Promise<Fetched | null> => {
    const ttl = deps.ttlMs(spec.dataClass);
    const fresh = async (): Promise<Fetched | null> => {
      const hit = await cache.lookup<unknown>(key, ttl);
      if (hit?.state !== 'fresh') return null;
      if (hit.entry.notFound) throw new AppError(ErrorCode.NOT_FOUND, `${source} has no such resource`, { source, status: 404, cached: true });
      return { raw: hit.entry.value, fetchedAt: hit.entry.fetchedAt };
    };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, FLIGHT_POLL_MS));
      const answer = await fresh();
      if (answer) return answer;
      // The holder writes the cache before it releases: one last look once the lease is gone.
      if (!(await flights.held(key))) return fresh();
    }
  };

  const fetchAndCache = async (key: string, spec: RequestSpec<unknown>): Promise<Fetched> => {
    const url = buildUrl(definition.baseUrl, spec);
    const refused = await refusalInForce();
    if (refused) throw refusedError(refused);
    const attempt = async () => {
      let slot: BudgetSlot;
      try {
        const passed = await state.gate.pass();
        slot = passed.slot;
        if (passed.waitedMs > 0) {
          stats.rateLimitWaits += 1;
          stats.rateLimitWaitMs += passed.waitedMs;
        }
      } catch (error) {
        if (error instanceof RateLimitWaitExceeded) {
          throw new AttemptFailure(new AppError(ErrorCode.SOURCE_RATE_LIMITED, `${source} request budget is exhausted; try again later`, { source, waitedMs: error.waitedMs }), false);
        }
        throw error;
      }
      stats.upstreamRequests += 1;
      // Timed from after the rate gate: the upstream's own answer time (the wait is counted apart).
      const startedAt = performance.now();
      try {
        const raw = await state.timeout.execute(({ signal }) =>
          attemptRequest(spec, url, { definition, userAgent: deps.userAgent, signal, onHeaders: (h) => readBudget(h) }),
        );
        answered(startedAt);
        return raw;
      } catch (error) {
        // A 404 is an answer too; errors, 429s and timeouts are not (health counts those).
        if (error instanceof AttemptFailure && error.error.code === ErrorCode.NOT_FOUND) answered(startedAt);
        if (error instanceof AttemptFailure && error.retryAfterMs !== undefined) state.gate.pauseUntil(Date.now() + error.retryAfterMs);
        if (error instanceof TaskCancelledError) {
          throw new AttemptFailure(new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${source} did not answer in time; try again later`, { source, reason: 'timeout' }), true);
        }
        throw error;
      } finally {
        slot.release();
      }
    };
    const answered = (startedAt: number) => {
      state.latency.record(performance.now() - startedAt);
      stats.latency = state.latency.figures();
    };
    const readBudget = (headers: Headers) => {
      const budget = definition.budgetFromHeaders?.(headers);
      if (budget && budget.remaining <= 0) state.gate.pauseUntil(budget.resetAtMs);
    };

    let raw: unknown;
    try {
      // Every request the kit makes is a read (GET, or a read-only POST such as AniList GraphQL, as
      // the contract says), so every request may be retried.
      raw = await state.bulkhead.execute(() => state.breaker.execute(() => state.retry.execute(attempt)));
    } catch (error) {
      if (error instanceof AttemptFailure && error.refusal) await refuse(error.refusal);
      const appError = toAppError(error, source);
      if (appError.code === ErrorCode.NOT_FOUND) {
        // An answer, not a failure: it must not make the source look unhealthy (universal reads `failures`).
        stats.notFound += 1;
        await cache.set(key, { notFound: true, fetchedAt: deps.now() }, deps.notFoundTtlMs);
      } else {
        stats.failures += 1;
      }
      throw appError;
    }
    // Only payloads that pass the caller's schema are worth keeping.
    parse(spec, raw);
    const fetchedAt = deps.now();
    await cache.set(key, { value: raw, fetchedAt }, deps.ttlMs(spec.dataClass));
    return { raw, fetchedAt };
  };

  // A refusal (a ban) pauses this source in every replica: the marker lives in the shared cache.
  const refusalKey = `${source}:refusal`;
  const refuse = async (refusal: UpstreamRefusal) => {
    const untilMs = Date.now() + refusal.pauseMs;
    state.refuse(refusal, untilMs);
    await cache.set<RefusalMarker>(refusalKey, { value: { reason: refusal.reason, message: refusal.message, untilMs }, fetchedAt: deps.now() }, refusal.pauseMs);
  };
  const refusalInForce = async (): Promise<RefusalMarker | null> => {
    const local = state.activeRefusal();
    // Only sources that can be refused pay for the shared lookup.
    if (local || !definition.detectRefusal) return local;
    const shared = (await cache.lookup<RefusalMarker>(refusalKey, Number.MAX_SAFE_INTEGER))?.entry.value;
    if (!shared || shared.untilMs <= Date.now()) return null;
    state.refuse(shared, shared.untilMs);
    return shared;
  };
  const refusedError = (refusal: RefusalMarker) =>
    new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${refusal.message}; no call is sent to ${source} until ${new Date(refusal.untilMs).toISOString()}`, {
      source,
      reason: refusal.reason,
      until: new Date(refusal.untilMs).toISOString(),
    });

  const parse = <T>(spec: RequestSpec<T>, raw: unknown): T => {
    const result = spec.schema.safeParse(raw);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `${source} sent data in an unexpected shape`, {
      source,
      path: issues[0]?.path ?? '',
      issues,
    });
  };

  const fromEntry = <T>(spec: RequestSpec<T>, entry: CacheEntry<unknown>): T => {
    if (entry.notFound) throw new AppError(ErrorCode.NOT_FOUND, `${source} has no such resource`, { source, status: 404, cached: true });
    return parse(spec, entry.value);
  };

  const requestWithMeta = async <T>(spec: RequestSpec<T>): Promise<SourceAnswer<T>> => {
    stats.requests += 1;
    const recorder = currentRecorder();
    const ageSeconds = (fetchedAt: number) => Math.max(0, (deps.now() - fetchedAt) / 1000);
    const key = cacheKey(source, spec);
    const ttl = deps.ttlMs(spec.dataClass);
    const hit = await cache.lookup<unknown>(key, ttl);
    try {
      if (hit?.state === 'fresh') {
        stats.cacheHits += 1;
        const data = fromEntry(spec, hit.entry);
        recorder?.record({ source, outcome: 'cache', ageSeconds: ageSeconds(hit.entry.fetchedAt) });
        return { data, origin: 'cache', fetchedAt: hit.entry.fetchedAt };
      }
      if (hit?.state === 'stale') {
        stats.staleHits += 1;
        // Serve what we have; one background refresh (dedup'd) replaces it. Its failure is not
        // this caller's problem: the stale entry stays until its hard expiry.
        fetchShared(key, spec as RequestSpec<unknown>).catch(() => undefined);
        const data = fromEntry(spec, hit.entry);
        recorder?.record({ source, outcome: 'stale', ageSeconds: ageSeconds(hit.entry.fetchedAt) });
        return { data, origin: 'stale', fetchedAt: hit.entry.fetchedAt };
      }
      stats.cacheMisses += 1;
      let fetched: Fetched;
      try {
        fetched = await fetchShared(key, spec as RequestSpec<unknown>);
      } catch (error) {
        // Stale-if-error: past the stale window, the last good answer still beats no answer when
        // the upstream is down, slow or limiting us (not when it says 404 or rejects our request).
        if (hit?.state === 'expired' && hit.entry.notFound === undefined && error instanceof AppError && servesStaleOnError(error)) {
          stats.staleOnError += 1;
          const data = parse(spec, hit.entry.value);
          recorder?.record({ source, outcome: 'stale', ageSeconds: ageSeconds(hit.entry.fetchedAt), errorCode: error.code });
          return { data, origin: 'stale', fetchedAt: hit.entry.fetchedAt, servedOnError: error.code };
        }
        throw error;
      }
      const data = parse(spec, fetched.raw);
      recorder?.record({ source, outcome: 'live', ageSeconds: ageSeconds(fetched.fetchedAt) });
      return { data, origin: 'upstream', fetchedAt: fetched.fetchedAt };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) {
        // A 404 is an answer: the source is healthy, it just has nothing.
        const cached = error.details['cached'] === true && hit !== undefined;
        recorder?.record({ source, outcome: cached ? 'cache' : 'live', ageSeconds: cached ? ageSeconds(hit.entry.fetchedAt) : 0, errorCode: error.code });
      } else {
        recorder?.record({ source, outcome: 'failed', errorCode: error instanceof AppError ? error.code : ErrorCode.SOURCE_UNAVAILABLE });
      }
      throw error;
    }
  };

  const cachedWithMeta = async <T>(spec: RequestSpec<T>): Promise<SourceAnswer<T> | null> => {
    const hit = await cache.lookup<unknown>(cacheKey(source, spec), deps.ttlMs(spec.dataClass));
    if (!hit || hit.entry.notFound) return null;
    const result = spec.schema.safeParse(hit.entry.value);
    if (!result.success) return null;
    return { data: result.data, origin: hit.state === 'fresh' ? 'cache' : 'stale', fetchedAt: hit.entry.fetchedAt };
  };

  return {
    name: source,
    requestWithMeta,
    cachedWithMeta,
    async request<T>(spec: RequestSpec<T>): Promise<T> {
      return (await requestWithMeta(spec)).data;
    },
  };
}

interface RefusalMarker {
  reason: string;
  message: string;
  untilMs: number;
}

interface Fetched {
  raw: unknown;
  fetchedAt: number;
}

/** Failures of the upstream (down, slow, limiting, garbled), not answers about our request. */
function servesStaleOnError(error: AppError): boolean {
  if (error.code === ErrorCode.SOURCE_UNAVAILABLE || error.code === ErrorCode.SOURCE_RATE_LIMITED) return true;
  if (error.code !== ErrorCode.SOURCE_BAD_RESPONSE) return false;
  const status = error.details['status'];
  // A 4xx other than 404/429 means the upstream rejected the request itself: the old answer would hide a bug.
  return !(typeof status === 'number' && status >= 400 && status < 500);
}

function toAppError(error: unknown, source: string): AppError {
  if (error instanceof AttemptFailure) return error.error;
  if (error instanceof AppError) return error;
  if (error instanceof BrokenCircuitError) {
    return new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${source} is failing; calls are paused for a while`, { source, reason: 'circuit-open' });
  }
  if (error instanceof BulkheadRejectedError) {
    return new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${source} has too many calls waiting; try again later`, { source, reason: 'overloaded' });
  }
  return new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${source} call failed`, { source, reason: error instanceof Error ? error.message : String(error) });
}

/** Stable across processes (L2 is shared): source, method, path, sorted query, body hash. */
export function cacheKey(source: string, spec: RequestSpec<unknown>): string {
  const query = Object.entries(spec.query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const body = spec.body === undefined ? '' : `#${createHash('sha256').update(JSON.stringify(spec.body)).digest('base64url').slice(0, 22)}`;
  return `${source}:${spec.method ?? 'GET'}:${spec.path}?${query}${body}`;
}
