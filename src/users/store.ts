// User rows in the local store: accounts (with their sign-up key, written in one transaction),
// preferences, watchlist entries, the soft delete (account closed, keys revoked, one transaction)
// and the purge, which leaves only aggregate counts. Every query takes the user id from the
// caller's verified key (src/users/service.ts); nothing here accepts an id from a client.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { KeyStore, type ApiKey, type Tier } from '../auth/index.js';
import type { StoreDatabase, UserPreferencesRow, UserRow, UserWatchlistRow } from '../store/index.js';
import { DEFAULT_PREFERENCES, TitleLanguage, type Preferences, type WatchEntry, type WatchStatus } from './model.js';
import type { Platform } from '../domain/index.js';
import { linkedAccountsOf, type LinkedAccount } from './links/store.js';
import { ShareStore, type WatchlistShare } from './shares/store.js';
import { AlertStore, type Alert, type Delivery, type Subscription } from './alerts/store.js';

export const SIGNUP_KEY_NAME = 'self-service sign-up';

/** The aggregates a purge adds to (`user_counts`); nothing in them names a user. */
export const PURGE_COUNTS = ['accounts_purged', 'watchlist_entries_purged', 'api_keys_purged', 'requests_by_purged_keys'] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** `usr_` and 16 letters and digits (~95 bits): unguessable, so an id alone reveals nothing. */
function newUserId(): string {
  let id = '';
  while (id.length < 16) id += randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  return `usr_${id.slice(0, 16)}`;
}

function parseList<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toPreferences(row: UserPreferencesRow | undefined): Preferences {
  if (!row) return { ...DEFAULT_PREFERENCES };
  return {
    nsfwAllowed: Number(row.nsfw_allowed) === 1,
    region: row.region,
    timeZone: row.time_zone,
    titleLanguage: (row.title_language as TitleLanguage | null) ?? TitleLanguage.DEFAULT,
    preferredSources: parseList<Platform>(row.preferred_sources),
    genresLiked: parseList<string>(row.genres_liked),
    genresAvoided: parseList<string>(row.genres_avoided),
    updatedAt: iso(row.updated_at),
  };
}

export function toWatchEntry(row: UserWatchlistRow): WatchEntry {
  return {
    animeId: row.anime_id,
    status: row.status as WatchStatus,
    score: row.score === null ? null : Number(row.score),
    progress: row.progress === null ? null : Number(row.progress),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

export interface Account {
  id: string;
  createdAt: string;
  deletedAt: string | null;
}

const toAccount = (row: UserRow): Account => ({ id: row.id, createdAt: iso(row.created_at)!, deletedAt: iso(row.deleted_at) });

export interface StoredExport {
  user: Account;
  preferences: Preferences;
  watchlist: WatchEntry[];
  apiKeys: ApiKey[];
  usage: Array<{ keyId: string; day: string; requests: number; nlCalls: number; rejected: number }>;
  /** Published links to the list (src/users/shares): id, status, when; the tokens are not kept. */
  /** Linked provider accounts: "linked since …", never their tokens (src/users/links). */
  linkedAccounts: LinkedAccount[];
  shares: WatchlistShare[];
  /** Airing alert subscriptions (never their secrets), alerts and webhook deliveries (src/users/alerts). */
  airingAlerts: { subscriptions: Subscription[]; alerts: Alert[]; deliveries: Delivery[] };
}

export class UserStore {
  constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new account and its first key (scope `user`), both or neither. */
  async create(tier: Tier): Promise<{ user: Account; key: ApiKey & { key: string } }> {
    return this.db.transaction().execute(async (trx) => {
      const id = newUserId();
      const createdAt = this.now();
      await trx.insertInto('users').values({ id, created_at: createdAt, deleted_at: null }).execute();
      const key = await new KeyStore(trx, this.now).create({ name: SIGNUP_KEY_NAME, scopes: ['user'], tier, userId: id });
      return { user: { id, createdAt: iso(createdAt)!, deletedAt: null }, key };
    });
  }

  /** The account, if it exists and is not deleted. */
  async active(userId: string): Promise<Account | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async preferences(userId: string): Promise<Preferences> {
    return toPreferences(await this.db.selectFrom('user_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst());
  }

  async savePreferences(userId: string, preferences: Omit<Preferences, 'updatedAt'>): Promise<Preferences> {
    const row = {
      user_id: userId,
      nsfw_allowed: preferences.nsfwAllowed ? 1 : 0,
      region: preferences.region,
      time_zone: preferences.timeZone,
      title_language: preferences.titleLanguage,
      preferred_sources: JSON.stringify(preferences.preferredSources),
      genres_liked: JSON.stringify(preferences.genresLiked),
      genres_avoided: JSON.stringify(preferences.genresAvoided),
      updated_at: this.now(),
    };
    const { user_id: _id, ...update } = row;
    await this.db
      .insertInto('user_preferences')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doUpdateSet(update))
      .execute();
    return this.preferences(userId);
  }

  async watchlist(userId: string, options: { status?: WatchStatus | null; first?: number; offset?: number } = {}): Promise<WatchEntry[]> {
    let query = this.db.selectFrom('user_watchlist').selectAll().where('user_id', '=', userId);
    if (options.status) query = query.where('status', '=', options.status);
    query = query.orderBy('updated_at', 'desc').orderBy('anime_id');
    if (options.first !== undefined) query = query.limit(options.first).offset(options.offset ?? 0);
    return (await query.execute()).map(toWatchEntry);
  }

  /** The user's entries for these anime ids (one query, for `Anime.viewer` across a list). */
  async entries(userId: string, animeIds: readonly string[]): Promise<Map<string, WatchEntry>> {
    if (!animeIds.length) return new Map();
    const rows = await this.db.selectFrom('user_watchlist').selectAll().where('user_id', '=', userId).where('anime_id', 'in', [...new Set(animeIds)]).execute();
    return new Map(rows.map((row) => [row.anime_id, toWatchEntry(row)]));
  }

  /** Inserts or updates one entry; `score`/`progress` undefined keep the stored value. */
  async setStatus(userId: string, animeId: string, status: WatchStatus, score: number | null | undefined, progress: number | null | undefined): Promise<WatchEntry> {
    const at = this.now();
    const update: Record<string, unknown> = { status, updated_at: at };
    if (score !== undefined) update['score'] = score;
    if (progress !== undefined) update['progress'] = progress;
    await this.db
      .insertInto('user_watchlist')
      .values({ user_id: userId, anime_id: animeId, status, score: score ?? null, progress: progress ?? null, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'anime_id']).doUpdateSet(update))
      .execute();
    const row = await this.db.selectFrom('user_watchlist').selectAll().where('user_id', '=', userId).where('anime_id', '=', animeId).executeTakeFirstOrThrow();
    return toWatchEntry(row);
  }

  /** Whether an entry was there to remove. */
  async remove(userId: string, animeId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('user_watchlist').where('user_id', '=', userId).where('anime_id', '=', animeId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Everything stored about the user, whatever its state. */
  async export(userId: string): Promise<StoredExport | null> {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) return null;
    const keys = await this.db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    const keyIds = keys.map((k) => k.id);
    const usage = keyIds.length ? await this.db.selectFrom('api_key_usage').selectAll().where('key_id', 'in', keyIds).orderBy('key_id').orderBy('day').execute() : [];
    return {
      user: toAccount(user),
      preferences: await this.preferences(userId),
      watchlist: await this.watchlist(userId),
      apiKeys: keys.map((k) => ({
        id: k.id,
        name: k.name,
        scopes: k.scopes.split(',').filter(Boolean) as ApiKey['scopes'],
        tier: k.tier as Tier,
        createdAt: iso(k.created_at)!,
        revokedAt: iso(k.revoked_at),
        lastUsedAt: iso(k.last_used_at),
      })),
      usage: usage.map((u) => ({ keyId: u.key_id, day: u.day, requests: Number(u.requests), nlCalls: Number(u.nl_calls), rejected: Number(u.rejected) })),
      shares: await new ShareStore(this.db).list(userId),
      airingAlerts: await new AlertStore(this.db).export(userId),
      linkedAccounts: await linkedAccountsOf(this.db, userId),
    };
  }

  /** Soft delete: the account closed and every key of it revoked, in one transaction. Returns the revoked key ids. */
  async close(userId: string): Promise<{ deletedAt: string; revokedKeys: string[] } | null> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const closed = await trx.updateTable('users').set({ deleted_at: at }).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
      if (Number(closed.numUpdatedRows) === 0) return null;
      const keys = await trx.selectFrom('api_keys').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
      await trx.updateTable('api_keys').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
      return { deletedAt: iso(at)!, revokedKeys: keys.map((k) => k.id) };
    });
  }

  /**
   * Hard delete: the account, its preferences and list (cascade), its keys and their usage; only
   * the totals in `user_counts` grow. Returns the key ids removed, or null when there was no such user.
   */
  async purge(userId: string): Promise<string[] | null> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) return null;
      const entries = await trx.selectFrom('user_watchlist').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
      const keys = (await trx.selectFrom('api_keys').select('id').where('user_id', '=', userId).execute()).map((k) => k.id);
      const requests = keys.length
        ? await trx.selectFrom('api_key_usage').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('requests'), sql<number>`0`).as('n')).where('key_id', 'in', keys).executeTakeFirstOrThrow()
        : { n: 0 };
      // Usage rows go with their keys (ON DELETE CASCADE), preferences and list with the user.
      if (keys.length) await trx.deleteFrom('api_keys').where('id', 'in', keys).execute();
      await trx.deleteFrom('users').where('id', '=', userId).execute();
      const at = this.now();
      const add: Record<(typeof PURGE_COUNTS)[number], number> = {
        accounts_purged: 1,
        watchlist_entries_purged: Number(entries.n),
        api_keys_purged: keys.length,
        requests_by_purged_keys: Number(requests.n),
      };
      for (const [name, value] of Object.entries(add)) {
        await trx
          .insertInto('user_counts')
          .values({ name, value, updated_at: at })
          .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`user_counts.value + ${value}`, updated_at: at }))
          .execute();
      }
      return keys;
    });
  }

  /** Users deleted at or before `cutoff` (epoch ms), oldest first. */
  async deletedBefore(cutoff: number, limit = 100): Promise<string[]> {
    const rows = await this.db.selectFrom('users').select('id').where('deleted_at', 'is not', null).where('deleted_at', '<=', cutoff).orderBy('deleted_at').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** The aggregates purges left (name → total). */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('user_counts').select(['name', 'value']).execute();
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
  }
}
