// API keys in the local store: create (returns the key once), find by id, list, revoke, and the
// per-day usage rows the usage recorder flushes.
import { sql, type Kysely } from 'kysely';
import type { ApiKeyRow, StoreDatabase } from '../store/index.js';
import { generateKey, hashSecret, type HashedSecret, type Scope, type Tier } from './keys.js';

export interface ApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  tier: Tier;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface StoredKey extends ApiKey, HashedSecret {
  /** The user the key belongs to (keys from sign-up), or null for keys an operator made. */
  userId: string | null;
}

export interface UsageDay {
  day: string;
  requests: number;
  nlCalls: number;
  rejected: number;
}

export interface UsageDelta {
  requests: number;
  nlCalls: number;
  rejected: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toKey(row: ApiKeyRow): StoredKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(',').filter(Boolean) as Scope[],
    tier: row.tier as Tier,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
    userId: row.user_id,
    salt: row.salt,
    hash: row.hash,
  };
}

export function publicKey({ salt: _salt, hash: _hash, userId: _userId, ...key }: StoredKey): ApiKey {
  return key;
}

export class KeyStore {
  constructor(private readonly db: Kysely<StoreDatabase>, private readonly now: () => number = Date.now) {}

  /**
   * Makes a key; the returned `key` is the only time its secret exists outside the caller. Built on
   * a transaction (`new KeyStore(trx)`), the key is written with whatever else that transaction writes.
   */
  async create(input: { name: string; scopes: Scope[]; tier: Tier; userId?: string }): Promise<ApiKey & { key: string }> {
    const { key, id, secret } = generateKey();
    const { salt, hash } = await hashSecret(secret);
    const createdAt = this.now();
    await this.db
      .insertInto('api_keys')
      .values({ id, name: input.name, scopes: [...new Set(input.scopes)].join(','), tier: input.tier, salt, hash, user_id: input.userId ?? null, created_at: createdAt, revoked_at: null, last_used_at: null })
      .execute();
    return { key, ...publicKey(toKey((await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()))) };
  }

  async find(id: string): Promise<StoredKey | null> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toKey(row) : null;
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => publicKey(toKey(row)));
  }

  /** Revokes a key; null when there is no such key. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiKey | null> {
    await this.db.updateTable('api_keys').set({ revoked_at: this.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    const key = await this.find(id);
    return key && publicKey(key);
  }

  /** Adds a batch of counts per key and day, and moves `last_used_at` forward. */
  async addUsage(deltas: Map<string, Map<string, UsageDelta>>, lastUsed: Map<string, number>): Promise<void> {
    if (!deltas.size && !lastUsed.size) return;
    await this.db.transaction().execute(async (trx) => {
      // A key deleted since its requests were counted (a user purged) is skipped: its row would
      // break the foreign key and with it the whole batch, every other key's counts included.
      const ids = [...deltas.keys()];
      const present = new Set(ids.length ? (await trx.selectFrom('api_keys').select('id').where('id', 'in', ids).execute()).map((r) => r.id) : []);
      for (const [keyId, days] of deltas) {
        if (!present.has(keyId)) continue;
        for (const [day, d] of days) {
          await trx
            .insertInto('api_key_usage')
            .values({ key_id: keyId, day, requests: d.requests, nl_calls: d.nlCalls, rejected: d.rejected })
            .onConflict((oc) =>
              oc.columns(['key_id', 'day']).doUpdateSet({
                requests: sql`api_key_usage.requests + ${d.requests}`,
                nl_calls: sql`api_key_usage.nl_calls + ${d.nlCalls}`,
                rejected: sql`api_key_usage.rejected + ${d.rejected}`,
              }),
            )
            .execute();
        }
      }
      for (const [keyId, at] of lastUsed) {
        await trx.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', keyId).where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)])).execute();
      }
    });
  }

  /** The key's recorded days, newest first. */
  async usage(id: string, days = 31): Promise<UsageDay[]> {
    const rows = await this.db.selectFrom('api_key_usage').selectAll().where('key_id', '=', id).orderBy('day', 'desc').limit(days).execute();
    return rows.map((r) => ({ day: r.day, requests: Number(r.requests), nlCalls: Number(r.nl_calls), rejected: Number(r.rejected) }));
  }
}
