// Versioned migrations, in code so the build ships them and nothing reads a folder at run time.
// Kysely's Migrator applies the pending ones in name order at start and records each in its own
// table (`kysely_migration`, with `kysely_migration_lock` so two processes never migrate at once).
// Rules: never edit a migration that has shipped; add the next number. Later domains (users, API
// keys, watchlists, jobs) get their own migrations and table prefixes beside these.
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

export type StoreDialect = 'sqlite' | 'postgres';

/** Epoch milliseconds outgrow a 32-bit integer; bigint on both (SQLite integers are 64-bit anyway). */
const TIME = 'bigint';

function migrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_store_meta': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('store_meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('store_meta').execute();
      },
    },
    '0002_enrichment': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('enrichment_records')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('field_class', 'text', (c) => c.notNull())
          .addColumn('anime_id', 'text', (c) => c.notNull())
          .addColumn('payload', 'text')
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('fetched_at', TIME, (c) => c.notNull())
          .addColumn('changed_at', TIME, (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addPrimaryKeyConstraint('enrichment_records_pk', ['source', 'source_id', 'field_class'])
          .execute();
        await db.schema.createIndex('enrichment_records_anime').on('enrichment_records').column('anime_id').execute();

        await db.schema
          .createTable('enrichment_fetches')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('anime_id', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('status', 'text')
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('attempted_at', TIME, (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('run_id', 'integer')
          .addPrimaryKeyConstraint('enrichment_fetches_pk', ['source', 'source_id'])
          .execute();

        await db.schema
          .createTable('enrichment_runs')
          .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('cursor', 'text', (c) => c.notNull())
          .addColumn('counts', 'text', (c) => c.notNull())
          .addColumn('started_at', TIME, (c) => c.notNull())
          .addColumn('finished_at', TIME)
          .addColumn('pid', 'integer', (c) => c.notNull())
          .addColumn('host', 'text', (c) => c.notNull())
          .addColumn('heartbeat_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('enrichment_runs_status').on('enrichment_runs').column('status').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['enrichment_runs', 'enrichment_fetches', 'enrichment_records']) await db.schema.dropTable(table).execute();
      },
    },
    // API keys (src/auth). `user_id` is empty until users exist; it is there so their tables can
    // join keys without rewriting this one. Secrets are never stored: `hash` is scrypt(secret, salt).
    '0003_api_keys': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('tier', 'text', (c) => c.notNull())
          .addColumn('salt', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text')
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('revoked_at', TIME)
          .addColumn('last_used_at', TIME)
          .execute();
        await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();
        await db.schema
          .createTable('api_key_usage')
          .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('nl_calls', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('api_key_usage_pk', ['key_id', 'day'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['api_key_usage', 'api_keys']) await db.schema.dropTable(table).execute();
      },
    },
    // User accounts (src/users). Every table holding a user's data references users.id with ON
    // DELETE CASCADE, so a purge is one delete of the users row (plus their keys, which predate
    // users and carry a plain user_id); later ones (linked accounts, alert subscriptions) follow the
    // same rule. `deleted_at` is the soft delete: the account is unreachable from then on and
    // purged after USER_PURGE_DAYS. `user_counts` keeps the aggregates a purge leaves behind.
    '0004_users': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('deleted_at', TIME)
          .execute();
        await db.schema.createIndex('users_deleted').on('users').column('deleted_at').execute();
        await db.schema
          .createTable('user_preferences')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('nsfw_allowed', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('region', 'text')
          .addColumn('time_zone', 'text')
          .addColumn('title_language', 'text')
          .addColumn('preferred_sources', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('genres_liked', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('genres_avoided', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('user_watchlist')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('anime_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          // 'double precision' is REAL affinity in SQLite and float8 in PostgreSQL.
          .addColumn('score', 'double precision')
          .addColumn('progress', 'integer')
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .addPrimaryKeyConstraint('user_watchlist_pk', ['user_id', 'anime_id'])
          .execute();
        await db.schema.createIndex('user_watchlist_status').on('user_watchlist').columns(['user_id', 'status']).execute();
        await db.schema
          .createTable('user_counts')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', TIME, (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['user_counts', 'user_watchlist', 'user_preferences', 'users']) await db.schema.dropTable(table).execute();
      },
    },
    // Linked provider accounts (src/users/links): tokens AES-256-GCM encrypted, never in clear;
    // OAuth states kept server-side (hashed) until used or expired.
    '0005_user_links': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('user_links')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('access_token', 'text', (c) => c.notNull())
          .addColumn('refresh_token', 'text')
          .addColumn('expires_at', TIME)
          .addColumn('linked_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .addColumn('last_sync_at', TIME)
          .addColumn('last_sync_error', 'text')
          .addPrimaryKeyConstraint('user_links_pk', ['user_id', 'source'])
          .execute();
        await db.schema
          .createTable('user_link_states')
          .addColumn('state_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('code_verifier', 'text')
          .addColumn('redirect_uri', 'text', (c) => c.notNull())
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('expires_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('user_link_states_expiry').on('user_link_states').column('expires_at').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['user_link_states', 'user_links']) await db.schema.dropTable(table).execute();
      },
    },
    // Published read-only links to a user's list (src/users/shares). Only the SHA-256 of the token is
    // kept (the token is 256 random bits, so a fast hash is enough and lookups stay one indexed
    // read); the row goes with its user (ON DELETE CASCADE), and a soft-deleted user's links are
    // refused by the join on users.deleted_at.
    '0007_user_shares': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('user_shares')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('status', 'text')
          .addColumn('created_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('user_shares_user').on('user_shares').column('user_id').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('user_shares').execute();
      },
    },
    // Airing alerts (src/users/alerts): subscriptions (a webhook's signing secret is kept so it can
    // sign), the alerts themselves (their id is the SSE event id; one per user, anime and episode),
    // and webhook deliveries with their retry state (dead letters are state 'dead').
    '0006_user_alerts': {
      async up(db: Kysely<unknown>) {
        const serial = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
        await db.schema
          .createTable('user_alert_subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          // '*' for the watchlist (WATCHING, PLAN_TO_WATCH, REWATCHING), else one catalog id.
          .addColumn('scope', 'text', (c) => c.notNull())
          // '' for stored alerts and SSE only.
          .addColumn('webhook_url', 'text', (c) => c.notNull())
          .addColumn('secret', 'text')
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addUniqueConstraint('user_alert_subscriptions_target', ['user_id', 'scope', 'webhook_url'])
          .execute();
        await db.schema
          .createTable('user_alerts')
          .addColumn('id', 'integer', serial)
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('anime_id', 'text', (c) => c.notNull())
          .addColumn('episode', 'integer', (c) => c.notNull())
          .addColumn('aired_at', TIME, (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addUniqueConstraint('user_alerts_episode', ['user_id', 'anime_id', 'episode'])
          .execute();
        await db.schema
          .createTable('user_alert_deliveries')
          .addColumn('id', 'integer', serial)
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('alert_id', 'integer', (c) => c.notNull().references('user_alerts.id').onDelete('cascade'))
          .addColumn('subscription_id', 'text', (c) => c.notNull().references('user_alert_subscriptions.id').onDelete('cascade'))
          .addColumn('webhook_url', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', TIME, (c) => c.notNull())
          .addColumn('last_status', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .addColumn('delivered_at', TIME)
          .addUniqueConstraint('user_alert_deliveries_once', ['alert_id', 'subscription_id'])
          .execute();
        await db.schema.createIndex('user_alert_deliveries_due').on('user_alert_deliveries').columns(['state', 'next_attempt_at']).execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['user_alert_deliveries', 'user_alerts', 'user_alert_subscriptions']) await db.schema.dropTable(table).execute();
      },
    },
    // Who else has an anime on their list: the co-occurrence signal of recommendations
    // (src/users/recommend) starts from the seeds' anime ids, which the primary key (user first)
    // cannot serve; without this index every recommendation scans every list.
    '0008_watchlist_by_anime': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('user_watchlist_anime').on('user_watchlist').columns(['anime_id', 'user_id']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('user_watchlist_anime').execute();
      },
    },
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}

/** Names of every migration this build knows, oldest first. */
export function knownMigrations(dialect: StoreDialect): string[] {
  return Object.keys(migrations(dialect)).sort();
}

/** Used by tests and `store_meta`: the tables a fully migrated store has. */
export const STORE_TABLES = ['store_meta', 'enrichment_records', 'enrichment_fetches', 'enrichment_runs', 'api_keys', 'api_key_usage', 'users', 'user_preferences', 'user_watchlist', 'user_counts', 'user_links', 'user_link_states', 'user_shares', 'user_alert_subscriptions', 'user_alerts', 'user_alert_deliveries'] as const;
