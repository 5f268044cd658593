// One Redis connection shared by the L2 cache and the rate-limit budgets. Redis is an
// accelerator, never a dependency: commands fail fast while it is away (no offline queue) and
// callers fall back to memory; the client keeps reconnecting in the background.
import { createRequire } from 'node:module';
import type * as KeyvRedisModule from '@keyv/redis';
import type { Logger } from '../log/index.js';

let keyvRedis: typeof KeyvRedisModule | undefined;
/**
 * @keyv/redis, loaded on first use: it brings the Redis client's ~420 modules, ~0.3 s of every
 * start, and only a configured REDIS_URL (scale mode) needs them. Its CommonJS build, so that
 * connecting stays synchronous; the client and the Keyv adapter both come from it.
 */
function keyvRedisModule(): typeof KeyvRedisModule {
  return (keyvRedis ??= createRequire(import.meta.url)('@keyv/redis') as typeof KeyvRedisModule);
}

function createRedisClient(url: string) {
  return keyvRedisModule().createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;

export interface RedisLink {
  readonly client: RedisClient;
  /** True while commands can be sent; false while connecting or after Redis went away. */
  readonly ready: boolean;
  /** Runs `command` when Redis is ready, within `timeoutMs`; resolves `undefined` otherwise. */
  /** Resolves once connected, or after `timeoutMs` (Redis is optional: it never rejects). */
  whenReady(timeoutMs?: number): Promise<boolean>;
  attempt<T>(command: (client: RedisClient) => Promise<T>, timeoutMs?: number): Promise<T | undefined>;
  close(): Promise<void>;
}

/** A Keyv store keeping its entries in Redis over the shared link (the L2 of TieredCache). */
export function redisKeyvStore(link: RedisLink): InstanceType<typeof KeyvRedisModule.default> {
  const KeyvRedis = keyvRedisModule().default;
  return new KeyvRedis(link.client as ConstructorParameters<typeof KeyvRedis>[0], { throwOnConnectError: false, throwOnErrors: true });
}

export function connectRedis(url: string, log?: Pick<Logger, 'warn' | 'info'>): RedisLink {
  const client = createRedisClient(url);
  let down = false;
  client.on('error', (error: unknown) => {
    // The client emits one error per failed reconnect; log the transition only.
    if (!down) log?.warn({ err: String(error) }, 'redis unavailable; cache and rate limits continue in memory');
    down = true;
  });
  client.on('ready', () => {
    if (down) log?.info('redis reconnected');
    down = false;
  });
  client.connect().catch(() => undefined);

  let closed = false;
  return {
    client,
    get ready() {
      return !closed && client.isReady;
    },
    async whenReady(timeoutMs = 2000) {
      if (client.isReady) return true;
      return new Promise<boolean>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off('ready', done);
          resolve(client.isReady);
        };
        const timer = setTimeout(done, timeoutMs);
        client.on('ready', done);
      });
    },
    async attempt(command, timeoutMs = 250) {
      if (closed || !client.isReady) return undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          command(client),
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), timeoutMs);
          }),
        ]);
      } catch {
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // A graceful close waits for replies; while Redis is away there are none to wait for.
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
