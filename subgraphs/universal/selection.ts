// Which source a merged field takes its value from when the query does not pin one: a fixed
// preference order per field, reordered by health (a source whose kit counters show an open
// circuit, many failures or rate-limit waits goes last), by speed (healthy live sources that all
// have enough recorded answers trade places fastest first) and by freshness of the answer (a stale
// cache answer goes after fresh ones). A source that failed outright sent no answer at all, so
// the next one in the order is used: that is the fallback. docs/decisions.md has the orders.
import type { Origin, Pin, SourceFacts } from './sources.js';

/**
 * The scraped sites fill gaps only: after every API source (and, for episodes, after the newest
 * API answer whatever their age). They are read from the cache only (cached.ts).
 */
export const SCRAPED: readonly Pin[] = ['LIVECHART', 'ANIME_PLANET', 'ANISEARCH'];

/** Per field: the source trusted first. Documented in docs/decisions.md and the README. */
export const PREFERENCE = {
  // MAL's synopses are the longest and plain text; AniList's carry HTML; AniDB's are long and
  // plain once its links are unwrapped; ANN's plot summaries are short and user-written; the
  // catalog's are short.
  synopsis: ['MAL', 'ANILIST', 'KITSU', 'ANIDB', 'ANN', ...SCRAPED, 'CATALOG'],
  // Display spelling of a genre or tag listed by several sources.
  names: ['MAL', 'ANILIST', 'KITSU', 'ANIDB', 'ANN', ...SCRAPED, 'CATALOG'],
  // Episodes and status: the newest answer wins; this order breaks ties within a minute.
  facts: ['MAL', 'ANILIST', 'KITSU', 'ANIDB', 'ANN', ...SCRAPED, 'CATALOG'],
  // Links: the catalog's offers carry regions; AniList's are the services' own pages. AniDB, ANN
  // and the scraped pages list none.
  streaming: ['CATALOG', 'ANILIST', 'KITSU', 'MAL', 'ANIDB', 'ANN', ...SCRAPED],
} as const satisfies Record<string, readonly Pin[]>;

export type Health = 'healthy' | 'degraded';

/** What the kit's counters say about one live source. */
export interface SourceCondition {
  health: Health;
  /** Moving average of its live answer times (ms), null before the first. */
  latencyMs: number | null;
  /** Live answers the average is based on. */
  samples: number;
}
export type SourceHealth = Partial<Record<Pin, SourceCondition>>;

/** The kit's counters of one source (src/http SourceStats), the part read here. */
export interface KitCounters {
  requests: number;
  upstreamRequests: number;
  failures: number;
  rateLimitWaitMs: number;
  circuit: string;
  latency?: { samples: number; p50Ms: number | null };
}

const KIT_NAMES: Record<string, Pin> = {
  jikan: 'MAL',
  anilist: 'ANILIST',
  kitsu: 'KITSU',
  anidb: 'ANIDB',
  ann: 'ANN',
  animeplanet: 'ANIME_PLANET',
  livechart: 'LIVECHART',
  anisearch: 'ANISEARCH',
};

/** A source is slow when its calls wait this long on average for the rate limit (a 5 ms wait is noise). */
const SLOW_WAIT_MS = 500;

/** Answers a source needs before its latency is trusted: one cold answer says little. */
export const MIN_LATENCY_SAMPLES = 3;

/**
 * Latencies are compared in bands this wide, so two sources answering in 40 and 45 ms keep the
 * preference order instead of trading places (and values) from one request to the next.
 */
export const LATENCY_BAND_MS = 50;

/**
 * Degraded: the circuit is not closed, a quarter or more of the upstream calls failed, or calls
 * wait SLOW_WAIT_MS or more on average for the rate limit (the part of a source's slowness we
 * cause and can avoid). Latency itself does not degrade a source: it only orders healthy ones.
 */
export function healthOf(stats: Record<string, KitCounters>): SourceHealth {
  const health: SourceHealth = {};
  for (const [name, s] of Object.entries(stats)) {
    const pin = KIT_NAMES[name];
    if (!pin) continue;
    const failing = s.upstreamRequests > 0 && s.failures / s.upstreamRequests >= 0.25;
    const throttled = s.requests > 0 && s.rateLimitWaitMs / s.requests >= SLOW_WAIT_MS;
    health[pin] = {
      health: s.circuit !== 'closed' || failing || throttled ? 'degraded' : 'healthy',
      // The median of recent answers: one cold or unlucky call must not reorder the sources.
      latencyMs: s.latency?.p50Ms ?? null,
      samples: s.latency?.samples ?? 0,
    };
  }
  return health;
}

/**
 * The preference order with the healthy live sources among `present` sorted by latency band
 * (fastest first, the order breaking ties) in the places they hold: the offline catalog keeps its
 * place. Unchanged unless every one of them has MIN_LATENCY_SAMPLES answers recorded.
 */
export function orderBySpeed(order: readonly Pin[], present: readonly Pin[], health: SourceHealth): readonly Pin[] {
  const movable = order.filter((p) => p !== 'CATALOG' && present.includes(p) && health[p]?.health !== 'degraded');
  const band = (p: Pin) => Math.floor(health[p]!.latencyMs! / LATENCY_BAND_MS);
  const measured = (p: Pin) => (health[p]?.samples ?? 0) >= MIN_LATENCY_SAMPLES && health[p]?.latencyMs != null;
  if (movable.length < 2 || !movable.every(measured)) return order;
  const fastest = [...movable].sort((a, b) => band(a) - band(b) || order.indexOf(a) - order.indexOf(b));
  let next = 0;
  return order.map((p) => (movable.includes(p) ? fastest[next++]! : p));
}

const ORIGIN_RANK: Record<Origin, number> = { UPSTREAM: 0, CACHE: 0, OFFLINE: 0, STALE: 1 };

/** The sources in the order a field should try them: fresh before stale, healthy before degraded, then by speed or order. */
export function rankSources<T extends Pick<SourceFacts, 'source' | 'origin'>>(candidates: readonly T[], order: readonly Pin[], health: SourceHealth = {}): T[] {
  const effective = orderBySpeed(order, candidates.map((c) => c.source), health);
  const key = (f: T) => [ORIGIN_RANK[f.origin], health[f.source]?.health === 'degraded' ? 1 : 0, effective.indexOf(f.source)] as const;
  return [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}

/** The first candidate (by rank) whose value is present; with `pin`, only that source. */
export function pick<T>(facts: readonly SourceFacts[], value: (f: SourceFacts) => T | null, order: readonly Pin[], health: SourceHealth, pin?: Pin | null): { facts: SourceFacts; value: T } | null {
  const candidates = pin ? facts.filter((f) => f.source === pin) : rankSources(facts, order, health);
  for (const f of candidates) {
    const v = value(f);
    if (v !== null && v !== undefined) return { facts: f, value: v };
  }
  return null;
}
