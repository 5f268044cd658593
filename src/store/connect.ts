// Opens the database behind the store: an SQLite file (better-sqlite3, the default, nothing to
// run) or PostgreSQL (pg pool). Both are reached through Kysely, so everything above this file is
// the same code on either.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { createRequire } from 'node:module';
import type Pg from 'pg';
import type { StoreDialect } from './migrations.js';
import type { StoreDatabase } from './schema.js';

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface StoreTarget {
  /** PostgreSQL connection string; when set the SQLite file is not used. */
  databaseUrl?: string;
  /** SQLite file (its folder is created); `:memory:` for a throwaway store. */
  sqlitePath?: string;
  /** PostgreSQL schema to work in (created when missing); default: the connection's search_path. */
  pgSchema?: string;
}

export interface Connection {
  dialect: StoreDialect;
  db: Kysely<StoreDatabase>;
  /** Where it points, without a password: for messages and /health. */
  location: string;
}

const PG_INT8 = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}

export function connect(target: StoreTarget): Connection {
  if (target.databaseUrl) return connectPostgres(target.databaseUrl, target.pgSchema);
  if (!target.sqlitePath) throw new StoreError('no store configured: set STORE_PATH (SQLite) or DATABASE_URL (PostgreSQL)');
  return connectSqlite(target.sqlitePath);
}

function connectSqlite(path: string): Connection {
  let database: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new Database(path);
    // WAL lets the server read while a harvest writes; a busy writer is waited for, not an error.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreError(`cannot open the SQLite store at ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { dialect: 'sqlite', db: new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) }), location: path };
}

function connectPostgres(url: string, schema: string | undefined): Connection {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new StoreError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  // pg is loaded here, not at start: the default SQLite store never needs it.
  const pg = createRequire(import.meta.url)('pg') as typeof Pg;
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Times are bigint columns; pg returns int8 as a string unless told otherwise. Epoch ms fit a double.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return { dialect: 'postgres', db: new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) }), location: redactUrl(url) + (schema ? ` (schema ${schema})` : '') };
}
