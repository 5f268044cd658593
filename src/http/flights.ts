// One upstream call per cache key across replicas. In one process, identical concurrent misses
// already share one call (the in-flight map); across replicas each would call the upstream. A
// replica that misses takes a short lease on the key in Redis; the others wait for its answer to
// appear in the shared cache (L2) instead of calling too. Without Redis, or while it is away, every
// replica simply calls (the rate budgets still hold: they are shared separately).
import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../cache/index.js';

export interface FlightLease {
  release(): Promise<void>;
}

export interface Flights {
  /** A lease when this replica should call; null when another replica holds one for the key. */
  acquire(key: string): Promise<FlightLease | null>;
  /** Whether some replica still holds the key's lease. */
  held(key: string): Promise<boolean>;
}

/** Deletes the lease only if it is still ours (it may have expired and been taken since). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class RedisFlights implements Flights {
  constructor(
    private readonly redis: RedisLink,
    private readonly namespace: string,
    /** How long a lease lives if its holder never releases it (a crashed replica). */
    private readonly leaseMs: number,
  ) {}

  private keyOf(key: string): string {
    return `${this.namespace}:flight:${key}`;
  }

  async acquire(key: string): Promise<FlightLease | null> {
    const token = randomUUID();
    const set = await this.redis.attempt((client) => client.set(this.keyOf(key), token, { NX: true, PX: this.leaseMs }));
    // Redis away (undefined): call as if alone.
    if (set === null) return null;
    return {
      release: async () => {
        await this.redis.attempt((client) => client.eval(RELEASE, { keys: [this.keyOf(key)], arguments: [token] }));
      },
    };
  }

  async held(key: string): Promise<boolean> {
    return (await this.redis.attempt((client) => client.exists(this.keyOf(key)))) === 1;
  }
}
