// Tests that need Redis call ensureRedis(): it pings REDIS_URL (default 127.0.0.1:6379) and, when
// nothing answers on the local default, starts a throwaway redis-server (no persistence). Suites ask
// redisProblem() first, to skip (or fail under REQUIRE_REDIS) when neither works: ./system-parts.ts.
import { execFileSync } from 'node:child_process';
import { createClient } from '@keyv/redis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export async function pingRedis(url: string, connectTimeout = 500): Promise<boolean> {
  return (await probeRedis(url, connectTimeout)) === 'answers';
}

/** 'refused' is final (nothing listens, or no such host); 'slow' may be a loaded machine and is worth a longer wait. */
async function probeRedis(url: string, connectTimeout: number): Promise<'answers' | 'refused' | 'slow'> {
  const client = createClient({ url, socket: { connectTimeout, reconnectStrategy: false } });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  // connectTimeout covers only the TCP connect: a listener that accepts and never answers would hang
  // connect() (its handshake) or ping(), so the whole exchange gets the same bound.
  const givingUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, connectTimeout, 'timeout');
  });
  try {
    const exchange = client.connect().then(() => client.ping());
    exchange.catch(() => undefined); // when givingUp wins, the exchange's later failure is expected
    const pong = await Promise.race([exchange, givingUp]);
    return pong === 'PONG' ? 'answers' : 'slow';
  } catch (error) {
    const { name = '', message = '' } = error as Error;
    return /timeout/i.test(`${name} ${message}`) ? 'slow' : 'refused';
  } finally {
    clearTimeout(timer);
    if (client.isReady) await client.close().catch(() => client.destroy());
    else if (client.isOpen) client.destroy();
  }
}

// A busy CI machine (two jest workers deriving the catalog) can keep a running Redis from answering
// within 500 ms; starting a second server on its port would then fail. So a slow answer is retried
// with more patience, and only a refused connection counts as "no server here".
const PATIENCE_MS = [500, 3_000, 10_000];

/** The URL of a reachable Redis; throws when none answers and none can be started. */
export async function ensureRedis(url = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL): Promise<string> {
  let last: 'answers' | 'refused' | 'slow' = 'refused';
  for (const timeout of PATIENCE_MS) {
    last = await probeRedis(url, timeout);
    if (last === 'answers') return url;
    if (last === 'refused') break;
  }
  if (last === 'slow') throw new Error(`Redis at ${url} accepts connections but does not answer PING within ${PATIENCE_MS.at(-1)} ms`);
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
