// Tests that need PostgreSQL ask findPostgres() first: DATABASE_URL, or the local default
// (127.0.0.1:5432, database `test`). Each suite works in a fresh schema of its own and drops it
// after, so runs never see each other's tables.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function findPostgres(url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL): Promise<{ url: string; problem: null } | { url: null; problem: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { url, problem: null };
  } catch (error) {
    return { url: null, problem: `no PostgreSQL answers at ${url.replace(/:[^:@/]*@/, ':***@')}: ${(error as Error).message || (error as { code?: string }).code}` };
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
