// Two cache tiers behind one face: L1 in-process LRU, L2 Redis (optional, shared by replicas).
// Entries carry their fetch time, so a lookup says fresh or stale against an injectable clock;
// stale entries stay servable for `staleFactor` × TTL (stale-while-revalidate), and values are kept
// longer still (`staleIfErrorMs`) as 'expired' entries the kit serves only when the upstream fails.
// A Redis failure is never a request failure: L2 operations are skipped or time out and L1 carries on.
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { redisKeyvStore, type RedisLink } from './redis.js';

/** A cached upstream answer: a value, or the memory of a 404 (negative entry). */
export type CacheEntry<T> = { fetchedAt: number } & ({ value: T; notFound?: undefined } | { notFound: true; value?: undefined });

export interface CacheHit<T> {
  entry: CacheEntry<T>;
  state: 'fresh' | 'stale';
  tier: 'l1' | 'l2';
}

/** A lookup that also returns entries past the stale window, kept for serving when the upstream fails. */
export interface CacheLookup<T> {
  entry: CacheEntry<T>;
  state: 'fresh' | 'stale' | 'expired';
  tier: 'l1' | 'l2';
}

export interface TieredCacheOptions {
  /** L1 capacity (entries); 0 disables L1. */
  l1MaxEntries: number;
  redis?: RedisLink;
  /** Key prefix in both tiers (e.g. 'upstream'); tests use a random one. */
  namespace: string;
  now?: () => number;
  /** Stale entries are served up to this multiple of their TTL. */
  staleFactor?: number;
  /**
   * Values (not 404 memories) are kept until at least this age, so the last good answer can be
   * served when the upstream fails (stale-if-error). 0: kept only for the stale window.
   */
  staleIfErrorMs?: number;
}

export class TieredCache {
  private readonly l1?: Keyv;
  private lru?: LRUCache<string, object>;
  private readonly l2?: Keyv;
  private readonly now: () => number;
  private readonly staleFactor: number;
  private readonly staleIfErrorMs: number;

  constructor(private readonly options: TieredCacheOptions) {
    this.now = options.now ?? Date.now;
    this.staleFactor = options.staleFactor ?? 2;
    this.staleIfErrorMs = options.staleIfErrorMs ?? 0;
    if (options.l1MaxEntries > 0) {
      const lru = new LRUCache<string, object>({ max: options.l1MaxEntries });
      this.lru = lru;
      // Keyv calls store.set(key, value, ttlMs); lru-cache takes options there, not a number.
      const store = {
        get: (key: string) => lru.get(key),
        set: (key: string, value: object, ttl?: number) => void lru.set(key, value, ttl ? { ttl } : undefined),
        delete: (key: string) => lru.delete(key),
        clear: () => lru.clear(),
        has: (key: string) => lru.has(key),
      };
      // No serialization in L1: values are parsed, immutable-by-convention upstream payloads.
      this.l1 = new Keyv({ store, namespace: options.namespace, serialize: undefined, deserialize: undefined });
      this.l1.on('error', () => undefined);
    }
    if (options.redis) {
      this.l2 = new Keyv({ store: redisKeyvStore(options.redis), namespace: options.namespace });
      this.l2.on('error', () => undefined);
    }
  }

  /** The entry under `key` if it is at most `staleFactor` × `ttlMs` old; L2 hits are copied to L1. */
  async get<T>(key: string, ttlMs: number): Promise<CacheHit<T> | undefined> {
    const found = await this.lookup<T>(key, ttlMs);
    return found && found.state !== 'expired' ? { entry: found.entry, state: found.state, tier: found.tier } : undefined;
  }

  /**
   * As `get`, but an entry past the stale window that is still kept (stale-if-error) comes back as
   * 'expired'; L1 is preferred unless L2 holds something servable (another replica refreshed it).
   */
  async lookup<T>(key: string, ttlMs: number): Promise<CacheLookup<T> | undefined> {
    const local = (await this.l1?.get<CacheEntry<T>>(key)) ?? undefined;
    const fromL1 = local && this.classify(local, ttlMs);
    if (local && fromL1 && fromL1 !== 'expired') return { entry: local, state: fromL1, tier: 'l1' };
    const remote = this.l2 && (await this.options.redis!.attempt(() => this.l2!.get<CacheEntry<T>>(key)));
    const fromL2 = remote && this.classify(remote, ttlMs);
    if (remote && fromL2 && (fromL2 !== 'expired' || !fromL1)) {
      await this.l1?.set(key, remote, this.hardTtl(ttlMs, remote));
      return { entry: remote, state: fromL2, tier: 'l2' };
    }
    return local && fromL1 ? { entry: local, state: fromL1, tier: 'l1' } : undefined;
  }

  async set<T>(key: string, entry: CacheEntry<T>, ttlMs: number): Promise<void> {
    const hard = this.hardTtl(ttlMs, entry);
    await this.l1?.set(key, entry, hard);
    if (this.l2) await this.options.redis!.attempt(() => this.l2!.set(key, entry, hard));
  }

  async delete(key: string): Promise<void> {
    await this.l1?.delete(key);
    if (this.l2) await this.options.redis!.attempt(() => this.l2!.delete(key));
  }

  /** Drops every L1 entry (tests use it to prove a value comes from L2). */
  async clearL1(): Promise<void> {
    await this.l1?.clear();
  }

  /** Entries held per tier (L2: keys under this namespace, counted with SCAN; null while Redis is away). */
  async stats(): Promise<{ l1: { entries: number; max: number } | null; l2: { connected: boolean; entries: number | null } | null }> {
    const l1 = this.lru ? { entries: this.lru.size, max: this.lru.max } : null;
    if (!this.options.redis) return { l1, l2: null };
    const entries = await this.options.redis.attempt(async (client) => {
      let count = 0;
      for await (const keys of client.scanIterator({ MATCH: `${this.l2Prefix()}*`, COUNT: 1000 })) count += keys.length;
      return count;
    }, 5000);
    return { l1, l2: { connected: this.options.redis.ready, entries: entries ?? null } };
  }

  /**
   * Deletes the entries whose key (`<source>:<method>:<path>?<query>`, see src/http cacheKey)
   * matches `pattern`, where `*` stands for any run of characters; returns how many per tier.
   */
  async clearMatching(pattern: string): Promise<{ l1: number; l2: number | null }> {
    const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const l1Prefix = this.options.namespace ? `${this.options.namespace}:` : '';
    let l1 = 0;
    for (const key of [...(this.lru?.keys() ?? [])]) {
      if (key.startsWith(l1Prefix) && regex.test(key.slice(l1Prefix.length)) && this.lru!.delete(key)) l1 += 1;
    }
    if (!this.options.redis) return { l1, l2: null };
    // Redis globs give `?`, `[` and `\` meanings of their own: escape them, keep `*`.
    const match = `${this.l2Prefix()}${pattern.replace(/[?[\]\\]/g, '\\$&')}`;
    const l2 = await this.options.redis.attempt(async (client) => {
      let deleted = 0;
      for await (const keys of client.scanIterator({ MATCH: match, COUNT: 1000 })) if (keys.length) deleted += await client.del(keys);
      return deleted;
    }, 30_000);
    return { l1, l2: l2 ?? null };
  }

  /** How @keyv/redis names an entry under a namespace: `<ns>::<ns>:<key>`. */
  private l2Prefix(): string {
    const ns = this.options.namespace;
    const escaped = ns?.replace(/[*?[\]\\]/g, '\\$&');
    return escaped ? `${escaped}::${escaped}:` : '';
  }

  private classify(entry: CacheEntry<unknown>, ttlMs: number): CacheLookup<unknown>['state'] | undefined {
    const age = this.now() - entry.fetchedAt;
    if (age < ttlMs) return 'fresh';
    if (age < ttlMs * this.staleFactor) return 'stale';
    if (!entry.notFound && age < this.staleIfErrorMs) return 'expired';
    return undefined;
  }

  /** How long a tier keeps an entry (wall clock): until it can no longer be served, even on error. */
  private hardTtl(ttlMs: number, entry: CacheEntry<unknown>): number {
    const staleWindow = ttlMs * this.staleFactor;
    return Math.max(1, Math.ceil(entry.notFound ? staleWindow : Math.max(staleWindow, this.staleIfErrorMs)));
  }
}
