// Tests that need PostgreSQL ask findPostgres() first: DATABASE_URL, or the local default
// (127.0.0.1:5432, database `test`). Each suite works in a fresh schema of its own and drops it
// after, so runs never see each other's tables.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

// A server that refuses or rejects the connection is absent or misconfigured: that answer is final.
// A connect that times out is retried with more patience, because a loaded machine (CI runs two jest
// workers that each derive the catalog) can leave the postmaster slow to fork for seconds; one 2 s
// timeout once failed a CI run whose PostgreSQL was up.
const CONNECT_TIMEOUTS_MS = [3_000, 8_000, 15_000];

export async function findPostgres(url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL): Promise<{ url: string; problem: null } | { url: null; problem: string }> {
  let problem = '';
  for (const timeout of CONNECT_TIMEOUTS_MS) {
    const outcome = await tryPostgres(url, timeout);
    if (outcome.ok) return { url, problem: null };
    problem = `no PostgreSQL answers at ${url.replace(/:[^:@/]*@/, ':***@')}: ${outcome.message}`;
    if (!outcome.timedOut) break;
  }
  return { url: null, problem };
}

async function tryPostgres(url: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; timedOut: boolean; message: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    const message = (error as Error).message || (error as { code?: string }).code || String(error);
    const timedOut = /timeout/i.test(message);
    return { ok: false, timedOut, message: timedOut ? `${message} (after ${timeoutMs} ms)` : message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function freshSchemaName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function schemaTables(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1 order by table_name', [schema]);
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}
