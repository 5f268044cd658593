// Which source a merged field takes its value from when the query does not pin one: a fixed
// preference order per field, reordered by health (a source whose kit counters show an open
// circuit, many failures or rate-limit waits goes last) and by freshness of the answer (a stale
// cache answer goes after fresh ones). A source that failed outright sent no answer at all, so
// the next one in the order is used: that is the fallback. docs/decisions.md has the orders.
import type { Origin, Pin, SourceFacts } from './sources.js';

/** Per field: the source trusted first. Documented in docs/decisions.md and the README. */
export const PREFERENCE = {
  // MAL's synopses are the longest and plain text; AniList's carry HTML; the catalog's are short.
  synopsis: ['MAL', 'ANILIST', 'KITSU', 'CATALOG'],
  // Display spelling of a genre or tag listed by several sources.
  names: ['MAL', 'ANILIST', 'KITSU', 'CATALOG'],
  // Episodes and status: the newest answer wins; this order breaks ties within a minute.
  facts: ['MAL', 'ANILIST', 'KITSU', 'CATALOG'],
  // Links: the catalog's offers carry regions; AniList's are the services' own pages.
  streaming: ['CATALOG', 'ANILIST', 'KITSU', 'MAL'],
} as const satisfies Record<string, readonly Pin[]>;

export type Health = 'healthy' | 'degraded';
export type SourceHealth = Partial<Record<Pin, Health>>;

/** The kit's counters of one source (src/http SourceStats), the part read here. */
export interface KitCounters {
  requests: number;
  upstreamRequests: number;
  failures: number;
  rateLimitWaitMs: number;
  circuit: string;
}

const KIT_NAMES: Record<string, Pin> = { jikan: 'MAL', anilist: 'ANILIST', kitsu: 'KITSU' };

/** A source is slow when its calls wait this long on average for the rate limit (a 5 ms wait is noise). */
const SLOW_WAIT_MS = 500;

/**
 * Degraded: the circuit is not closed, a quarter or more of the upstream calls failed, or calls
 * wait SLOW_WAIT_MS or more on average for the rate limit (the kit keeps no latency figures; the
 * rate-limit wait is the part of a source's slowness we cause and can avoid).
 */
export function healthOf(stats: Record<string, KitCounters>): SourceHealth {
  const health: SourceHealth = {};
  for (const [name, s] of Object.entries(stats)) {
    const pin = KIT_NAMES[name];
    if (!pin) continue;
    const failing = s.upstreamRequests > 0 && s.failures / s.upstreamRequests >= 0.25;
    const throttled = s.requests > 0 && s.rateLimitWaitMs / s.requests >= SLOW_WAIT_MS;
    health[pin] = s.circuit !== 'closed' || failing || throttled ? 'degraded' : 'healthy';
  }
  return health;
}

const ORIGIN_RANK: Record<Origin, number> = { UPSTREAM: 0, CACHE: 0, OFFLINE: 0, STALE: 1 };

/** The sources in the order a field should try them. */
export function rankSources<T extends Pick<SourceFacts, 'source' | 'origin'>>(candidates: readonly T[], order: readonly Pin[], health: SourceHealth = {}): T[] {
  const key = (f: T) => [ORIGIN_RANK[f.origin], health[f.source] === 'degraded' ? 1 : 0, order.indexOf(f.source)] as const;
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
