// Prometheus metrics for every front door: request latency by door and operation, errors by code,
// NL intents, and the upstream kit's own per-source counters, read at scrape time (the kit keeps
// them; copying them into prom-client counters would let the two drift).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SourceStats } from '../http/index.js';
import { SCRAPED_SOURCE_NAMES } from '../scrape/sites.js';

export type FrontDoor = 'graphql' | 'rest' | 'mcp' | 'other';

export interface Metrics {
  readonly registry: Registry;
  observeRequest(door: FrontDoor, operation: string, status: number, seconds: number): void;
  countError(door: FrontDoor, code: string): void;
  countIntent(intent: string): void;
  /** A request refused for quota: by key id ("anonymous" for per-IP budgets), tier, limit and door. */
  countQuotaExhausted(labels: { key: string; tier: string; limit: string; door: FrontDoor }): void;
  /** The same counters as JSON, for /stats. */
  snapshot(): Promise<Record<string, unknown>>;
}

const MAX_OPERATION_LABELS = 500;
const CIRCUIT_STATES = ['closed', 'open', 'half-open', 'isolated'] as const;
// Up to the alert threshold (5 s) and beyond: the p95 rule needs buckets on both sides of it.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(upstreamStats: () => Record<string, SourceStats>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'anime_request_duration_seconds',
    help: 'Time to answer a request, by front door, operation and HTTP status class.',
    labelNames: ['door', 'operation', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({ name: 'anime_errors_total', help: 'Errors answered, by front door and error code.', labelNames: ['door', 'code'] as const, registers: [registry] });
  const quotaExhausted = new Counter({
    name: 'anime_quota_exhausted_total',
    help: 'Requests refused for quota, by key (id, or "anonymous"), tier, limit (minute, day, nl-day, batch) and front door.',
    labelNames: ['key', 'tier', 'limit', 'door'] as const,
    registers: [registry],
  });
  const intents = new Counter({ name: 'anime_nl_intents_total', help: 'Natural-language questions answered, by recognised intent.', labelNames: ['intent'] as const, registers: [registry] });

  // The kit owns these counts; at each scrape a counter grows by what the kit counted since the
  // last one, so PromQL's rate() works on them as on any counter.
  const sourceCounter = (name: string, help: string, pick: (s: SourceStats) => number) => {
    const reported = new Map<string, number>();
    return new Counter({
      name,
      help,
      labelNames: ['source'] as const,
      registers: [registry],
      collect() {
        for (const [source, stats] of Object.entries(upstreamStats())) {
          const now = pick(stats);
          const delta = now - (reported.get(source) ?? 0);
          reported.set(source, now);
          this.inc({ source }, Math.max(0, delta));
        }
      },
    });
  };
  sourceCounter('anime_upstream_calls_total', 'Calls to a source client (cache answers included).', (s) => s.requests);
  sourceCounter('anime_upstream_requests_total', 'HTTP requests sent to a source (retries included).', (s) => s.upstreamRequests);
  sourceCounter('anime_upstream_failures_total', 'Calls that failed upstream.', (s) => s.failures);
  sourceCounter('anime_upstream_rate_limit_waits_total', 'Times a call waited for the source rate limit.', (s) => s.rateLimitWaits);
  sourceCounter('anime_upstream_rate_limit_wait_seconds_total', 'Time spent waiting for the source rate limit.', (s) => s.rateLimitWaitMs / 1000);
  sourceCounter('anime_cache_hits_total', 'Source calls answered from the cache (fresh entries).', (s) => s.cacheHits);
  sourceCounter('anime_cache_stale_hits_total', 'Source calls answered from a stale cache entry (stale-while-revalidate or stale-on-error).', (s) => s.staleHits + s.staleOnError);
  sourceCounter('anime_cache_misses_total', 'Source calls the cache could not answer.', (s) => s.cacheMisses);
  // Page reads of the scraped sites by outcome: a failure is a page not read (bot wall, robots.txt,
  // layout change, outage), so the success share is what the AnimeScrapingSuccessLow alert watches.
  const scrapeReported = new Map<string, number>();
  new Counter({
    name: 'anime_scrape_requests_total',
    help: 'Requests to the scraped sites (Anime-Planet, LiveChart, aniSearch), by outcome (success or failure).',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const [source, stats] of Object.entries(upstreamStats())) {
        if (!SCRAPED_SOURCE_NAMES.has(source)) continue;
        const counts = { failure: stats.failures, success: Math.max(0, stats.upstreamRequests - stats.failures) };
        for (const [outcome, now] of Object.entries(counts)) {
          const key = `${source} ${outcome}`;
          this.inc({ source, outcome }, Math.max(0, now - (scrapeReported.get(key) ?? 0)));
          scrapeReported.set(key, now);
        }
      }
    },
  });
  new Gauge({
    name: 'anime_upstream_circuit_state',
    help: 'Circuit breaker state per source: 1 for the current state, 0 for the others.',
    labelNames: ['source', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [source, stats] of Object.entries(upstreamStats())) for (const state of CIRCUIT_STATES) this.set({ source, state }, stats.circuit === state ? 1 : 0);
    },
  });

  // Operation names come from clients (GraphQL operationName): past a bound they share one label,
  // so nobody can grow the series without limit.
  const seenOperations = new Set<string>();
  const boundedLabel = (door: FrontDoor, operation: string) => {
    const key = `${door} ${operation}`;
    if (seenOperations.has(key)) return operation;
    if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
    seenOperations.add(key);
    return operation;
  };

  return {
    registry,
    observeRequest(door, operation, status, seconds) {
      latency.observe({ door, operation: boundedLabel(door, operation), status: `${Math.floor(status / 100)}xx` }, seconds);
    },
    countError(door, code) {
      errors.inc({ door, code });
    },
    countIntent(intent) {
      intents.inc({ intent });
    },
    countQuotaExhausted(labels) {
      quotaExhausted.inc(labels);
    },
    async snapshot() {
      const requests: Record<string, { count: number; seconds: number }> = {};
      for (const { labels, value, metricName } of (await latency.get()).values) {
        const key = `${labels.door} ${labels.operation} ${labels.status}`;
        const entry = (requests[key] ??= { count: 0, seconds: 0 });
        if (metricName?.endsWith('_count')) entry.count = value;
        if (metricName?.endsWith('_sum')) entry.seconds = Math.round(value * 1000) / 1000;
      }
      const byLabels = async (metric: Counter<string>, key: (l: Record<string, string | number>) => string) =>
        Object.fromEntries((await metric.get()).values.map(({ labels, value }) => [key(labels as Record<string, string | number>), value]));
      return {
        requests: Object.entries(requests).map(([key, figures]) => {
          const [door, operation, status] = key.split(' ');
          return { door, operation, status, ...figures };
        }),
        errors: await byLabels(errors, (l) => `${l.door} ${l.code}`),
        intents: await byLabels(intents, (l) => String(l.intent)),
        quotaExhausted: await byLabels(quotaExhausted, (l) => `${l.key} ${l.tier} ${l.limit} ${l.door}`),
        upstreams: upstreamStats(),
      };
    },
  };
}
