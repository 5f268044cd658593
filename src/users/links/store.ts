// Rows of linked accounts and OAuth states. Values arrive here already encrypted (service.ts);
// nothing in this file sees a token in clear.
import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../../store/index.js';

export interface LinkRow {
  userId: string;
  source: string;
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number | null;
  linkedAt: number;
  lastSyncAt: number | null;
  lastSyncError: string | null;
}

/** A linked account as the user may see it (export, `viewer.linkedAccounts`): never a token. */
export interface LinkedAccount {
  source: string;
  linkedAt: string;
  /** "linked since <date>": what the export says instead of the (encrypted) tokens. */
  description: string;
  tokenExpiresAt: string | null;
  lastSyncAt: string | null;
  lastSyncError: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export const toLinkedAccount = (row: Pick<LinkRow, 'source' | 'linkedAt' | 'expiresAt' | 'lastSyncAt' | 'lastSyncError'>): LinkedAccount => ({
  source: row.source,
  linkedAt: iso(row.linkedAt)!,
  description: `linked since ${iso(row.linkedAt)}`,
  tokenExpiresAt: iso(row.expiresAt),
  lastSyncAt: iso(row.lastSyncAt),
  lastSyncError: row.lastSyncError,
});

/** The user's linked accounts without tokens (for the export). */
export async function linkedAccountsOf(db: Kysely<StoreDatabase>, userId: string): Promise<LinkedAccount[]> {
  const rows = await db.selectFrom('user_links').select(['source', 'linked_at', 'expires_at', 'last_sync_at', 'last_sync_error']).where('user_id', '=', userId).orderBy('source').execute();
  return rows.map((r) => toLinkedAccount({ source: r.source, linkedAt: Number(r.linked_at), expiresAt: r.expires_at === null ? null : Number(r.expires_at), lastSyncAt: r.last_sync_at === null ? null : Number(r.last_sync_at), lastSyncError: r.last_sync_error }));
}

export class LinkStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  async saveState(row: { stateHash: string; userId: string; source: string; codeVerifier: string | null; redirectUri: string; createdAt: number; expiresAt: number }): Promise<void> {
    // Spent and abandoned states go on the way in: no timer needed.
    await this.db.deleteFrom('user_link_states').where('expires_at', '<', row.createdAt).execute();
    await this.db
      .insertInto('user_link_states')
      .values({ state_hash: row.stateHash, user_id: row.userId, source: row.source, code_verifier: row.codeVerifier, redirect_uri: row.redirectUri, created_at: row.createdAt, expires_at: row.expiresAt })
      .execute();
  }

  /** The state's row, deleted in the same transaction: a state is good for one callback only. */
  async takeState(stateHash: string): Promise<{ userId: string; source: string; codeVerifier: string | null; redirectUri: string; expiresAt: number } | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('user_link_states').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
      if (!row) return null;
      await trx.deleteFrom('user_link_states').where('state_hash', '=', stateHash).execute();
      return { userId: row.user_id, source: row.source, codeVerifier: row.code_verifier, redirectUri: row.redirect_uri, expiresAt: Number(row.expires_at) };
    });
  }

  async link(userId: string, source: string): Promise<LinkRow | null> {
    const row = await this.db.selectFrom('user_links').selectAll().where('user_id', '=', userId).where('source', '=', source).executeTakeFirst();
    if (!row) return null;
    return {
      userId: row.user_id,
      source: row.source,
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
      linkedAt: Number(row.linked_at),
      lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
      lastSyncError: row.last_sync_error,
    };
  }

  async links(userId: string): Promise<LinkRow[]> {
    const sources = await this.db.selectFrom('user_links').select('source').where('user_id', '=', userId).orderBy('source').execute();
    const rows = await Promise.all(sources.map((s) => this.link(userId, s.source)));
    return rows.filter((r): r is LinkRow => r !== null);
  }

  /** A new link, or new tokens for an existing one (relinking keeps `linked_at`). */
  async saveLink(row: { userId: string; source: string; accessToken: string; refreshToken: string | null; expiresAt: number | null; at: number }): Promise<void> {
    await this.db
      .insertInto('user_links')
      .values({ user_id: row.userId, source: row.source, access_token: row.accessToken, refresh_token: row.refreshToken, expires_at: row.expiresAt, linked_at: row.at, updated_at: row.at, last_sync_at: null, last_sync_error: null })
      .onConflict((oc) => oc.columns(['user_id', 'source']).doUpdateSet({ access_token: row.accessToken, refresh_token: row.refreshToken, expires_at: row.expiresAt, updated_at: row.at }))
      .execute();
  }

  async syncOutcome(userId: string, source: string, at: number, error: string | null): Promise<void> {
    await this.db.updateTable('user_links').set({ last_sync_at: at, last_sync_error: error }).where('user_id', '=', userId).where('source', '=', source).execute();
  }

  async unlink(userId: string, source: string): Promise<boolean> {
    const result = await this.db.deleteFrom('user_links').where('user_id', '=', userId).where('source', '=', source).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
