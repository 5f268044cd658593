// Public face of the local store: openStore() connects (SQLite file by default, PostgreSQL with
// DATABASE_URL), applies the pending migrations and hands back typed access to its tables.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Config } from '../config/index.js';
import { connect, StoreError, type StoreTarget } from './connect.js';
import { EnrichmentStore } from './enrichment.js';
import { knownMigrations, migrationProvider, type StoreDialect } from './migrations.js';
import type { StoreDatabase } from './schema.js';

export { StoreError, redactUrl, type StoreTarget } from './connect.js';
export { EnrichmentStore, RUN_HEARTBEAT_STALE_MS, type BatchWrite, type ClassWrite, type EntryWrite, type FetchOutcome, type RunHandle, type RunStatus, type SourceEntryState } from './enrichment.js';
export { knownMigrations, STORE_TABLES, type StoreDialect } from './migrations.js';
export type * from './schema.js';

export interface Store {
  readonly dialect: StoreDialect;
  /** Where it lives (file path, or the URL without its password). */
  readonly location: string;
  readonly db: Kysely<StoreDatabase>;
  readonly enrichment: EnrichmentStore;
  /** Migrations applied, oldest first. */
  migrations(): Promise<string[]>;
  close(): Promise<void>;
}

/** The store the configuration names: DATABASE_URL when set, else the SQLite file STORE_PATH. */
export function storeTarget(config: Pick<Config, 'DATABASE_URL' | 'STORE_PATH' | 'root'> & Partial<Pick<Config, 'DATABASE_SCHEMA'>>): StoreTarget {
  if (!config.DATABASE_URL) return { sqlitePath: resolve(config.root, config.STORE_PATH) };
  return { databaseUrl: config.DATABASE_URL, ...(config.DATABASE_SCHEMA ? { pgSchema: config.DATABASE_SCHEMA } : {}) };
}

/** Whether the store is there without opening it: a PostgreSQL target always is; SQLite when its file exists. */
export function storeExists(target: StoreTarget): boolean {
  if (target.databaseUrl || target.sqlitePath === undefined || target.sqlitePath === ':memory:') return true;
  return existsSync(target.sqlitePath);
}

/** Connects and migrates to the latest version; a store it cannot open or migrate is a StoreError. */
export async function openStore(target: StoreTarget, now: () => number = Date.now): Promise<Store> {
  const { dialect, db, location } = connect(target);
  try {
    if (dialect === 'postgres' && target.pgSchema) await sql`create schema if not exists ${sql.id(target.pgSchema)}`.execute(db);
    // Kysely looks for its own migration tables in every schema unless told which: a store in one
    // schema would take another schema's tables for its own and then not find them.
    const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(dialect === 'postgres' && target.pgSchema ? { migrationTableSchema: target.pgSchema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new StoreError(`cannot migrate the store at ${location}${failed ? ` (migration ${failed})` : ''}: ${describe(error)}`, { cause: error });
    }
    await recordMeta(db, dialect, now());
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot use the store at ${location}: ${describe(error)}`, { cause: error });
  }
  return {
    dialect,
    location,
    db,
    enrichment: new EnrichmentStore(db),
    async migrations() {
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      return rows.rows.map((r) => r.name);
    },
    close: () => db.destroy(),
  };
}

async function recordMeta(db: Kysely<StoreDatabase>, dialect: StoreDialect, now: number): Promise<void> {
  const latest = knownMigrations(dialect).at(-1)!;
  await db.insertInto('store_meta').values({ key: 'created_at', value: new Date(now).toISOString(), updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
  await db
    .insertInto('store_meta')
    .values({ key: 'schema_version', value: latest, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
