// Tests that need Redis call ensureRedis(): it pings REDIS_URL (default 127.0.0.1:6379) and, when
// nothing answers on the local default, starts a throwaway redis-server (no persistence). Suites ask
// redisProblem() first, to skip (or fail under REQUIRE_REDIS) when neither works: ./system-parts.ts.
import { execFileSync } from 'node:child_process';
import { createClient } from '@keyv/redis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export async function pingRedis(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isReady) await client.close().catch(() => client.destroy());
    else if (client.isOpen) client.destroy();
  }
}

/** The URL of a reachable Redis; throws when none answers and none can be started. */
export async function ensureRedis(url = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL): Promise<string> {
  if (await pingRedis(url)) return url;
  const { hostname, port } = new URL(url);
  if (!['127.0.0.1', 'localhost'].includes(hostname)) throw new Error(`Redis at ${url} is not reachable`);
  execFileSync('redis-server', ['--port', port || '6379', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
  for (let i = 0; i < 40; i += 1) {
    if (await pingRedis(url)) return url;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`started redis-server on port ${port || 6379}, but it does not answer`);
}

/** The reachable Redis URL, or why there is none (no server answering and no redis-server to start). */
export async function findRedis(): Promise<{ url: string; problem: null } | { url: null; problem: string }> {
  try {
    return { url: await ensureRedis(), problem: null };
  } catch (error) {
    return { url: null, problem: (error as Error).message.split('\n')[0]! };
  }
}
