// The `user_shares` rows: one per published link. The token is never stored, only its hash; a link
// resolves only while its owner's account is open (the join on users.deleted_at), so a deleted
// account's links stop at once, before the purge removes the rows (ON DELETE CASCADE).
import type { Kysely } from 'kysely';
import type { StoreDatabase, UserShareRow } from '../../store/index.js';
import type { WatchStatus } from '../model.js';
import { hashShareToken, newShareId, newShareToken } from './token.js';

export interface WatchlistShare {
  id: string;
  /** Only entries with this status are shown; null for the whole list. */
  status: WatchStatus | null;
  createdAt: string;
}

const toShare = (row: Pick<UserShareRow, 'id' | 'status' | 'created_at'>): WatchlistShare => ({
  id: row.id,
  status: row.status as WatchStatus | null,
  createdAt: new Date(Number(row.created_at)).toISOString(),
});

export class ShareStore {
  constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new link; the token is returned this once. */
  async create(userId: string, status: WatchStatus | null): Promise<WatchlistShare & { token: string }> {
    const token = newShareToken();
    const row = { id: newShareId(), user_id: userId, token_hash: hashShareToken(token), status, created_at: this.now() };
    await this.db.insertInto('user_shares').values(row).execute();
    return { ...toShare(row), token };
  }

  /** The user's links, oldest first. */
  async list(userId: string): Promise<WatchlistShare[]> {
    const rows = await this.db.selectFrom('user_shares').select(['id', 'status', 'created_at']).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toShare);
  }

  async count(userId: string): Promise<number> {
    const row = await this.db.selectFrom('user_shares').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Removes one link of the user (by id) or all of them; returns how many went. */
  async remove(userId: string, id: string | null): Promise<number> {
    let query = this.db.deleteFrom('user_shares').where('user_id', '=', userId);
    if (id !== null) query = query.where('id', '=', id);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  /** The link and its owner for a token, if the token is known and the owner's account is open. */
  async resolve(token: string): Promise<(WatchlistShare & { userId: string }) | null> {
    const row = await this.db
      .selectFrom('user_shares')
      .innerJoin('users', 'users.id', 'user_shares.user_id')
      .select(['user_shares.id', 'user_shares.user_id', 'user_shares.status', 'user_shares.created_at'])
      .where('user_shares.token_hash', '=', hashShareToken(token))
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? { ...toShare(row), userId: row.user_id } : null;
  }
}
