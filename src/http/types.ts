// The contract between source subgraphs and the upstream client kit. A source is a thin
// description (SourceDefinition); every call goes through SourceClient.request, which adds the
// cache, in-flight dedup, rate limits, retries/timeout/circuit breaker/bulkhead and validation.
import type { z } from 'zod';
import type { PolicyOptions } from './policies.js';

/** Cache lifetime classes (TTLs come from config: CACHE_TTL_*_S). */
export type DataClass = 'catalog' | 'details' | 'page' | 'search';

/** A budget of `points` requests per `durationMs`; a source may have several (3/s and 60/min). */
export interface RateLimit {
  points: number;
  durationMs: number;
}

export interface SourceDefinition {
  /** Stable lower-case name used in errors, cache keys and limiter keys: 'jikan', 'anilist', … */
  name: string;
  baseUrl: string;
  /** Published limits of the upstream; the kit never exceeds them, across replicas when Redis is set. */
  rateLimits: RateLimit[];
  /** Bulkhead: calls in flight at once. */
  maxConcurrent: number;
  /** Extra headers (tokens); the kit always sends User-Agent and Accept. */
  headers?: Record<string, string>;
  /**
   * Reads an upstream's own budget headers (e.g. AniList X-RateLimit-Remaining / Reset) so the
   * kit waits before the upstream would say 429. Return null when the headers say nothing.
   */
  budgetFromHeaders?(headers: Headers): { remaining: number; resetAtMs: number } | null;
  /**
   * Reads a 2xx body into the value the schema checks (default: JSON.parse), for sources that
   * answer XML. Throws an AppError (SOURCE_BAD_RESPONSE) for a body it cannot read.
   */
  decode?(body: string, response: { status: number; contentType: string | null }): unknown;
  /**
   * Recognises an answer that says we are banned or refused (any status). A refusal is never
   * retried: it isolates the source's circuit for `pauseMs`, shared with other replicas through
   * the L2 cache, and shows in the source's stats (/health) until then.
   */
  detectRefusal?(body: string, response: { status: number; contentType: string | null }): UpstreamRefusal | null;
  /** This source's own resilience settings (e.g. no retries for an upstream that bans). */
  policy?: Partial<PolicyOptions>;
}

/** What an upstream's refusal says: why, in words a user can act on, and how long to stay away. */
export interface UpstreamRefusal {
  reason: string;
  message: string;
  pauseMs: number;
}

export interface RequestSpec<T> {
  method?: 'GET' | 'POST';
  /** Path relative to baseUrl, e.g. `/anime/1/full`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** JSON body (AniList GraphQL is a POST but idempotent: it is cached and retried like a GET). */
  body?: unknown;
  /** Validates the parsed JSON; a mismatch is a SOURCE_BAD_RESPONSE error. */
  schema: z.ZodType<T>;
  dataClass: DataClass;
}

export interface SourceClient {
  readonly name: string;
  /**
   * The validated payload. Throws AppError (src/errors) with `code` SOURCE_UNAVAILABLE,
   * SOURCE_RATE_LIMITED, SOURCE_BAD_RESPONSE or NOT_FOUND and `details.source` = name.
   * A 404 is cached (negative caching) and rethrown as NOT_FOUND on later calls.
   */
  request<T>(spec: RequestSpec<T>): Promise<T>;
  /** As `request`, plus where the answer came from and when the upstream produced it (provenance). */
  requestWithMeta<T>(spec: RequestSpec<T>): Promise<SourceAnswer<T>>;
  /**
   * The cached answer (fresh, stale or kept for stale-if-error), or null: never calls the upstream
   * and never fails. For merges that may only use what a source already answered (AniDB's budget).
   */
  cachedWithMeta<T>(spec: RequestSpec<T>): Promise<SourceAnswer<T> | null>;
}

/** Where one answer came from: a live upstream call, a fresh cache entry, or a stale one. */
export type AnswerOrigin = 'upstream' | 'cache' | 'stale';

export interface SourceAnswer<T> {
  data: T;
  origin: AnswerOrigin;
  /** Epoch ms at which the upstream produced this payload (cache entries keep it). */
  fetchedAt: number;
  /** Set when the upstream failed and the last good cache entry was served instead (its error code). */
  servedOnError?: string;
}

/** What subgraphs get from the kit: one client per source description. */
export interface UpstreamKit {
  client(definition: SourceDefinition): SourceClient;
  close(): Promise<void>;
}
