// Per-source request budgets as sliding windows: at most `points` requests may reach the upstream
// in ANY interval of `durationMs`. We cannot see when a request arrives upstream, only that it
// arrived between our send and its answer, so each request holds its slot from send until the
// answer (or failure) and then for one window: a new request therefore never shares a window with
// more than points - 1 earlier arrivals, whatever the network or event-loop delay.
// (rate-limiter-flexible was the first choice, but its fixed windows allow 2× the budget across a
// window boundary, and on Redis its windows are whole seconds.) With Redis the log lives in
// sorted sets (atomic Lua, Redis clock) so replicas share one budget; while Redis is away each
// process falls back to its own in-memory log.
import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../cache/index.js';
import type { RateLimit } from './types.js';

/** Extra window length for clock skew between us and the upstream. */
export function windowWithMargin(limit: RateLimit): number {
  return limit.durationMs + Math.max(10, Math.ceil(limit.durationMs * 0.02));
}

/** How long a take may wait for Redis before it counts as slow (the default 250 ms is for cache reads). */
const TAKE_TIMEOUT_MS = 1_000;
/** How soon a take that Redis answered too slowly is tried again. */
const SLOW_REDIS_RETRY_MS = 50;
/** How often a full budget whose slots are all in flight is asked again. */
const IN_FLIGHT_POLL_MS = 10;

export interface BudgetSlot {
  /** The request is answered (or failed): its slot frees one window from now. */
  release(): void;
}

export type TakeResult = { slot: BudgetSlot; waitMs?: undefined } | { slot?: undefined; waitMs: number };

/** Takes one slot under every limit at once, or says how long to wait before asking again. */
export interface RequestBudget {
  tryTake(): Promise<TakeResult>;
}

export class MemoryBudget implements RequestBudget {
  /** Ends of recent requests; Infinity while in flight. */
  private entries: Array<{ end: number }> = [];
  private readonly windows: number[];
  private readonly longest: number;

  constructor(private readonly limits: RateLimit[], private readonly clock: () => number = Date.now) {
    this.windows = limits.map(windowWithMargin);
    this.longest = Math.max(0, ...this.windows);
  }

  async tryTake(): Promise<TakeResult> {
    const now = this.clock();
    this.entries = this.entries.filter((e) => e.end > now - this.longest);
    let wait = 0;
    this.limits.forEach((limit, i) => {
      const window = this.windows[i]!;
      const ends = this.entries.map((e) => e.end).filter((end) => end > now - window);
      if (ends.length < limit.points) return;
      const edge = ends.sort((a, b) => b - a)[limit.points - 1]!;
      wait = Math.max(wait, edge === Infinity ? IN_FLIGHT_POLL_MS : edge + window - now);
    });
    if (wait > 0) return { waitMs: Math.ceil(wait) };
    const entry = { end: Infinity };
    this.entries.push(entry);
    return { slot: { release: () => void (entry.end = this.clock()) } };
  }
}

// KEYS: one sorted set per limit (member = request, score = end time; in-flight = a lease in the
// future). ARGV: member, lease ms, then (points, windowMs) per key.
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local points = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= points then
    local edge = tonumber(redis.call('ZREVRANGE', key, points - 1, points - 1, 'WITHSCORES')[2])
    local w = edge > now and ${IN_FLIGHT_POLL_MS} or edge + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2]) + tonumber(ARGV[2 + 2 * i]))
end
return 0
`;

const RELEASE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, key in ipairs(KEYS) do redis.call('ZADD', key, 'XX', now, ARGV[1]) end
return 0
`;

export class RedisBudget implements RequestBudget {
  private readonly keys: string[];
  private readonly args: string[];
  private seq = 0;
  private readonly id = randomUUID();

  /** `leaseMs`: how long an unreleased slot (a crashed replica) counts as in flight. */
  constructor(
    private readonly redis: RedisLink,
    keyPrefix: string,
    limits: RateLimit[],
    private readonly leaseMs: number,
    private readonly fallback: RequestBudget,
  ) {
    this.keys = limits.map((l) => `${keyPrefix}:${l.points}per${l.durationMs}ms`);
    this.args = limits.flatMap((l) => [String(l.points), String(windowWithMargin(l))]);
  }

  async tryTake(): Promise<TakeResult> {
    const member = `${this.id}:${(this.seq += 1)}`;
    const wait = await this.redis.attempt(
      (client) => client.eval(TAKE_SCRIPT, { keys: this.keys, arguments: [member, String(this.leaseMs), ...this.args] }),
      TAKE_TIMEOUT_MS,
    );
    if (typeof wait !== 'number') {
      // Connected but slow (a loaded machine): wait and ask the shared budget again. Taking from
      // this replica's own budget would let every replica spend the whole limit at once.
      if (this.redis.ready) return { waitMs: SLOW_REDIS_RETRY_MS };
      // Redis away: each replica keeps the limit on its own until it is back.
      return this.fallback.tryTake();
    }
    if (wait > 0) return { waitMs: Math.ceil(wait) };
    const release = () =>
      void this.redis.attempt((client) => client.eval(RELEASE_SCRIPT, { keys: this.keys, arguments: [member] }), 1000);
    return { slot: { release } };
  }
}

export class RateLimitWaitExceeded extends Error {
  constructor(readonly waitedMs: number) {
    super('rate limit wait exceeded');
  }
}

/**
 * A FIFO waiting line in front of a budget: callers queue instead of failing, each takes a slot in
 * turn, and a caller that would wait longer than `maxWaitMs` in total gives up. A source can also
 * be paused (Retry-After, or the upstream's own budget headers saying 0 remaining).
 */
export class RateGate {
  private tail: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  constructor(private readonly budget: RequestBudget, private readonly maxWaitMs: number) {}

  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** Resolves once a slot is taken (with the ms spent waiting); rejects with RateLimitWaitExceeded. */
  async pass(): Promise<{ slot: BudgetSlot; waitedMs: number }> {
    const started = Date.now();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    let deadline: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'late'>((resolve) => (deadline = setTimeout(() => resolve('late'), this.maxWaitMs)));
    try {
      if ((await Promise.race([previous.then(() => 'turn' as const), gaveUp])) === 'late') {
        previous.then(release, release);
        throw new RateLimitWaitExceeded(Date.now() - started);
      }
      try {
        for (;;) {
          const paused = this.pausedUntil - Date.now();
          const taken = paused > 0 ? { waitMs: paused } : await this.budget.tryTake();
          if (taken.slot) return { slot: taken.slot, waitedMs: Date.now() - started };
          const wait = taken.waitMs;
          if (Date.now() - started + wait > this.maxWaitMs) throw new RateLimitWaitExceeded(Date.now() - started);
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      } finally {
        release();
      }
    } finally {
      clearTimeout(deadline);
    }
  }
}
