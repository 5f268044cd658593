// Quota counters: fixed windows aligned to the clock (a minute, a UTC day), checked and counted in
// one step, so a refused request costs nothing. With Redis the counters live there (one Lua script,
// Redis's clock) and every replica shares one budget; while Redis is away each process counts in
// memory. Fixed windows can let through up to twice a per-minute limit across a minute's edge;
// for quotas (unlike upstream budgets, src/http/rate-limit.ts) that is the usual trade for O(1)
// cost per request and for a "per day" that means the calendar day users expect.
import { LRUCache } from 'lru-cache';
import type { RedisLink } from '../cache/index.js';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 3600_000;

export interface QuotaLimit {
  /** `minute`, `day`, `nl-day`: part of the counter's key and of the refusal. */
  name: string;
  limit: number;
  windowMs: number;
}

export type QuotaResult = { ok: true } | { ok: false; limit: QuotaLimit; retryAfterMs: number };

export interface QuotaCounter {
  /** Counts `cost` units against every limit, or none when any would be overspent. */
  consume(subject: string, limits: readonly QuotaLimit[], cost?: number): Promise<QuotaResult>;
  /** The units counted in each limit's current window (for usage reports). */
  peek(subject: string, limits: readonly QuotaLimit[]): Promise<number[]>;
}

export class MemoryQuota implements QuotaCounter {
  // Bounded: an IP flood cannot grow it without limit (an evicted subject starts over, which only
  // ever errs towards letting a request through). Bounded by size, one unit an entry, rather than
  // by `max`: lru-cache allocates its whole `max` up front (~2.8 MB of lists for 100k), and most
  // servers see a handful of subjects.
  private readonly windows = new LRUCache<string, { index: number; count: number }>({ maxSize: 100_000, sizeCalculation: () => 1 });

  constructor(private readonly clock: () => number = Date.now) {}

  async consume(subject: string, limits: readonly QuotaLimit[], cost = 1): Promise<QuotaResult> {
    const now = this.clock();
    for (const limit of limits) {
      if (this.count(subject, limit, now) + cost > limit.limit) return { ok: false, limit, retryAfterMs: limit.windowMs - (now % limit.windowMs) };
    }
    for (const limit of limits) {
      const index = Math.floor(now / limit.windowMs);
      const key = `${subject}|${limit.name}`;
      const entry = this.windows.get(key);
      this.windows.set(key, entry && entry.index === index ? { index, count: entry.count + cost } : { index, count: cost });
    }
    return { ok: true };
  }

  async peek(subject: string, limits: readonly QuotaLimit[]): Promise<number[]> {
    const now = this.clock();
    return limits.map((limit) => this.count(subject, limit, now));
  }

  private count(subject: string, limit: QuotaLimit, now: number): number {
    const entry = this.windows.peek(`${subject}|${limit.name}`);
    return entry && entry.index === Math.floor(now / limit.windowMs) ? entry.count : 0;
  }
}

// KEYS: one base key per limit. ARGV: cost, then (limit, windowMs) per key. Returns {waitMs, index of the spent
// limit} or {0, 0}. The window number is appended here, from Redis's clock, so replicas agree.
const CONSUME_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local keys = {}
for i, base in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  keys[i] = base .. ':' .. math.floor(now / window)
  local count = tonumber(redis.call('GET', keys[i]) or '0')
  if count + cost > limit then return {window - (now % window), i} end
end
for i, key in ipairs(keys) do
  redis.call('INCRBY', key, cost)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]) + 60000)
end
return {0, 0}
`;

const PEEK_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local counts = {}
for i, base in ipairs(KEYS) do
  counts[i] = tonumber(redis.call('GET', base .. ':' .. math.floor(now / tonumber(ARGV[i]))) or '0')
end
return counts
`;

export class RedisQuota implements QuotaCounter {
  constructor(
    private readonly redis: RedisLink,
    private readonly prefix: string,
    private readonly fallback: QuotaCounter,
  ) {}

  async consume(subject: string, limits: readonly QuotaLimit[], cost = 1): Promise<QuotaResult> {
    if (!limits.length) return { ok: true };
    const answer = await this.redis.attempt((client) =>
      client.eval(CONSUME_SCRIPT, { keys: this.keys(subject, limits), arguments: [String(cost), ...limits.flatMap((l) => [String(l.limit), String(l.windowMs)])] }),
    );
    if (!Array.isArray(answer)) return this.fallback.consume(subject, limits, cost);
    const [waitMs, index] = answer.map(Number) as [number, number];
    return waitMs > 0 ? { ok: false, limit: limits[index - 1]!, retryAfterMs: waitMs } : { ok: true };
  }

  async peek(subject: string, limits: readonly QuotaLimit[]): Promise<number[]> {
    if (!limits.length) return [];
    const answer = await this.redis.attempt((client) => client.eval(PEEK_SCRIPT, { keys: this.keys(subject, limits), arguments: limits.map((l) => String(l.windowMs)) }));
    return Array.isArray(answer) ? answer.map(Number) : this.fallback.peek(subject, limits);
  }

  private keys(subject: string, limits: readonly QuotaLimit[]): string[] {
    return limits.map((l) => `${this.prefix}:${subject}:${l.name}`);
  }
}
