// The user features behind both front doors (the users subgraph and the /api/users, /api/me
// routes): who the caller is (from the verified key only), the checks before every write, export,
// delete and the purge sweep. Personal data is never logged: messages name no user id, and the
// log gets counts only.
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import type { Viewer } from './context.js';
import { badUserInput, UserError } from './errors.js';
import { applyPreferences, catalogAnime, checkWatchInput, MAX_ANIME_ID_LENGTH, MAX_WATCHLIST_PAGE, type Preferences, type PreferencesInput, type WatchEntry, type WatchInput, type WatchStatus } from './model.js';
import { UserStore, type Account, type StoredExport } from './store.js';

export const DAY_MS = 24 * 3600_000;
/** The purge sweep runs at most this often per process (on the back of user traffic). */
export const SWEEP_INTERVAL_MS = 3600_000;

export interface UsersServiceOptions {
  /** The local store, opened on first use. */
  store: () => Promise<Store>;
  catalog: Catalog;
  config: Pick<Config, 'USER_PURGE_DAYS' | 'USER_KEY_TIER'>;
  now?: () => number;
  /** Told of keys this process revoked or removed, so its key cache forgets them at once. */
  forgetKeys?: (keyIds: readonly string[]) => void;
  /** Where a failed background sweep is reported (counts and errors only, never ids). */
  log?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
}

export interface ExportDocument extends StoredExport {
  format: 'anime-federation.user-export.v1';
  exportedAt: string;
  watchlist: Array<WatchEntry & { title: string | null }>;
}

export class UsersService {
  private users: Promise<UserStore> | null = null;
  private lastSweep = -Infinity;
  private readonly now: () => number;

  constructor(private readonly options: UsersServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  private store(): Promise<UserStore> {
    // A store that failed to open is tried again by the next call.
    this.users ??= this.options.store().then(
      (store) => new UserStore(store.db, this.now),
      (error: unknown) => ((this.users = null), Promise.reject(error)),
    );
    return this.users;
  }

  /** The caller's account, or a typed refusal: no key, a key without `user`, a key of no user, a closed account. */
  async require(viewer: Viewer | null): Promise<Account> {
    if (!viewer) throw new UserError('UNAUTHENTICATED', 'this needs a signed-in user: send `Authorization: Bearer <API key>` with a key from `POST /api/users`');
    if (!viewer.scopes.includes('user')) throw new UserError('FORBIDDEN', `the API key ${viewer.keyId} has the scopes ${viewer.scopes.join(', ')}; user data needs a key with the \`user\` scope (from \`POST /api/users\`)`, { scopes: [...viewer.scopes] });
    if (!viewer.userId) throw new UserError('FORBIDDEN', `the API key ${viewer.keyId} belongs to no user account; keys from \`POST /api/users\` do`);
    this.sweepSoon();
    const account = await (await this.store()).active(viewer.userId);
    // Checked on every call, not only at key verification: a deleted account is closed at once on
    // every replica, even where the key's verdict is still cached.
    if (!account) throw new UserError('UNAUTHENTICATED', 'the account of this API key was deleted');
    return account;
  }

  /** The caller's account, or null when there is no usable user identity (for `viewer`). */
  async viewer(viewer: Viewer | null): Promise<Account | null> {
    try {
      return await this.require(viewer);
    } catch (error) {
      if (error instanceof UserError) return null;
      throw error;
    }
  }

  async signUp(): Promise<{ userId: string; apiKey: string; keyId: string; createdAt: string; scopes: string[]; tier: string }> {
    this.sweepSoon();
    const { user, key } = await (await this.store()).create(this.options.config.USER_KEY_TIER);
    this.options.log?.info?.({ event: 'user-signup' }, 'user account created');
    return { userId: user.id, apiKey: key.key, keyId: key.id, createdAt: user.createdAt, scopes: key.scopes, tier: key.tier };
  }

  async preferences(account: Pick<Account, 'id'>): Promise<Preferences> {
    return (await this.store()).preferences(account.id);
  }

  async updatePreferences(account: Pick<Account, 'id'>, input: PreferencesInput): Promise<Preferences> {
    const users = await this.store();
    // Checked in full before the one write: a bad field leaves every field as it was.
    const next = applyPreferences(this.options.catalog, await users.preferences(account.id), input ?? {});
    return users.savePreferences(account.id, next);
  }

  async watchlist(account: Pick<Account, 'id'>, status: WatchStatus | null | undefined, first: number, offset: number): Promise<WatchEntry[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_WATCHLIST_PAGE) throw badUserInput(`first must be from 1 to ${MAX_WATCHLIST_PAGE}`, 'first');
    if (!Number.isInteger(offset) || offset < 0) throw badUserInput('offset must be 0 or more', 'offset');
    return (await this.store()).watchlist(account.id, { status: status ?? null, first, offset });
  }

  /**
   * Told of every watchlist write once it is stored (src/users/links pushes it to linked
   * providers); its answer rides on the returned entry as `sync`. It must not throw.
   */
  onWatchlistWrite?: (userId: string, animeId: string, entry: WatchEntry | null) => Promise<unknown>;

  async setWatchStatus(account: Pick<Account, 'id'>, input: WatchInput): Promise<WatchEntry> {
    const animeId = checkWatchInput(this.options.catalog, input);
    const entry = await (await this.store()).setStatus(account.id, animeId, input.status, input.score, input.progress);
    const sync = await this.onWatchlistWrite?.(account.id, animeId, entry);
    return sync === undefined ? entry : Object.assign(entry, { sync });
  }

  /**
   * Removes an entry. The id may be any alias of a catalog anime, or the stored id of one the
   * catalog no longer lists (so such entries can still be removed); anything else is BAD_USER_INPUT.
   */
  async removeFromWatchlist(account: Pick<Account, 'id'>, animeId: string): Promise<boolean> {
    const users = await this.store();
    const stored = typeof animeId === 'string' && animeId.length <= MAX_ANIME_ID_LENGTH && (await users.entries(account.id, [animeId])).has(animeId);
    const id = stored ? animeId : catalogAnime(this.options.catalog, animeId).id;
    const removed = await users.remove(account.id, id);
    if (removed) await this.onWatchlistWrite?.(account.id, id, null);
    return removed;
  }

  /** The entries of these anime on the caller's list (one query). */
  async entries(account: Pick<Account, 'id'>, animeIds: readonly string[]): Promise<Map<string, WatchEntry>> {
    return (await this.store()).entries(account.id, animeIds);
  }

  async export(account: Pick<Account, 'id'>): Promise<ExportDocument> {
    const stored = await (await this.store()).export(account.id);
    if (!stored) throw new UserError('NOT_FOUND', 'the account of this API key no longer exists');
    return {
      format: 'anime-federation.user-export.v1',
      exportedAt: new Date(this.now()).toISOString(),
      ...stored,
      // The title is the catalog's, added so the file reads on its own; it is not stored per user.
      watchlist: stored.watchlist.map((entry) => ({ ...entry, title: this.options.catalog.byId(entry.animeId)?.title ?? null })),
    };
  }

  /**
   * Closes the account: its keys stop working at once (revoked, and forgotten by this process's
   * key cache). With `purge` everything is removed now; otherwise the sweep removes it after
   * USER_PURGE_DAYS.
   */
  async delete(account: Pick<Account, 'id'>, purge: boolean): Promise<{ userId: string; deletedAt: string; purged: boolean; purgeAfter: string | null }> {
    const users = await this.store();
    const closed = await users.close(account.id);
    if (!closed) throw new UserError('UNAUTHENTICATED', 'the account of this API key was deleted');
    this.options.forgetKeys?.(closed.revokedKeys);
    if (purge) {
      // Not inside `forgetKeys?.(…)`: an optional call skips evaluating its arguments.
      const removed = await users.purge(account.id);
      this.options.forgetKeys?.(removed ?? []);
      return { userId: account.id, deletedAt: closed.deletedAt, purged: true, purgeAfter: null };
    }
    const purgeAfter = new Date(Date.parse(closed.deletedAt) + this.options.config.USER_PURGE_DAYS * DAY_MS).toISOString();
    return { userId: account.id, deletedAt: closed.deletedAt, purged: false, purgeAfter };
  }

  /** Purges every account deleted more than USER_PURGE_DAYS ago; returns how many. */
  async purgeExpired(): Promise<number> {
    const users = await this.store();
    const cutoff = this.now() - this.options.config.USER_PURGE_DAYS * DAY_MS;
    let purged = 0;
    for (;;) {
      const due = await users.deletedBefore(cutoff);
      if (!due.length) break;
      for (const id of due) {
        const keys = await users.purge(id);
        if (keys) {
          this.options.forgetKeys?.(keys);
          purged += 1;
        }
      }
    }
    if (purged) this.options.log?.info?.({ event: 'users-purged', count: purged }, 'deleted accounts purged');
    return purged;
  }

  /**
   * Starts the purge sweep when the last one is over SWEEP_INTERVAL_MS old. It rides on user
   * traffic rather than a timer, so a server whose store was never opened never opens it for this.
   */
  private sweepSoon(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    void this.purgeExpired().catch((error: unknown) => this.options.log?.warn({ err: error }, 'purging deleted accounts failed; retried within the hour'));
  }
}
