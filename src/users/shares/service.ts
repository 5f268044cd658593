// Shared watchlists: the owner publishes a read-only link to their list (optionally one status of
// it) and gets an unguessable token once; anyone holding the token reads the list without a key,
// through `sharedWatchlist(token)` or GET /api/lists/{token}. Unpublishing, or deleting the
// account, ends the link at once. What a link shows: status, score, progress, when each entry last
// changed and the anime; never the user id, preferences or anything else of the account.
import type { Store } from '../../store/index.js';
import { badUserInput, UserError } from '../errors.js';
import { isWatchStatus, MAX_WATCHLIST_PAGE, WatchStatus, type WatchEntry } from '../model.js';
import type { Account } from '../store.js';
import { UserStore } from '../store.js';
import { ShareStore, type WatchlistShare } from './store.js';
import { TOKEN_PATTERN } from './token.js';

/** Links one user may hold at once: enough for one per status and a few spares, not a token mint. */
export const MAX_SHARES_PER_USER = 20;
/** Where a token is read over REST. */
export const SHARE_PATH_PREFIX = '/api/lists/';

export interface PublishedShare extends WatchlistShare {
  /** Shown this once; only its hash is stored. */
  token: string;
  /** `/api/lists/<token>`, relative to this server. */
  path: string;
}

export interface SharedList {
  share: WatchlistShare;
  entries: WatchEntry[];
}

export class SharesService {
  private stores: Promise<{ shares: ShareStore; users: UserStore }> | null = null;

  constructor(private readonly options: { store: () => Promise<Store>; now?: () => number }) {}

  private open(): Promise<{ shares: ShareStore; users: UserStore }> {
    this.stores ??= this.options.store().then(
      (store) => ({ shares: new ShareStore(store.db, this.options.now), users: new UserStore(store.db, this.options.now) }),
      (error: unknown) => ((this.stores = null), Promise.reject(error)),
    );
    return this.stores;
  }

  async publish(account: Pick<Account, 'id'>, status: WatchStatus | null | undefined): Promise<PublishedShare> {
    if (status !== null && status !== undefined && !isWatchStatus(status)) throw badUserInput(`status must be one of ${Object.values(WatchStatus).join(', ')}, or absent for the whole list`, 'status');
    const { shares } = await this.open();
    const held = await shares.count(account.id);
    if (held >= MAX_SHARES_PER_USER) throw badUserInput(`at most ${MAX_SHARES_PER_USER} published links per user; unpublish one first (viewer.shares lists them)`, 'status', { limit: MAX_SHARES_PER_USER });
    const created = await shares.create(account.id, status ?? null);
    return { ...created, path: `${SHARE_PATH_PREFIX}${created.token}` };
  }

  /** Removes the link `id`, or every link of the user when `id` is absent; returns how many went. */
  async unpublish(account: Pick<Account, 'id'>, id: string | null | undefined): Promise<number> {
    if (id !== null && id !== undefined && (typeof id !== 'string' || !/^shr_[A-Za-z0-9]{16}$/.test(id))) throw badUserInput('id must be a link id from viewer.shares, such as "shr_…"', 'id');
    return (await this.open()).shares.remove(account.id, id ?? null);
  }

  async list(account: Pick<Account, 'id'>): Promise<WatchlistShare[]> {
    return (await this.open()).shares.list(account.id);
  }

  /**
   * The list behind a token, for anyone holding it. A malformed, unknown or revoked token and a
   * deleted owner all answer the same NOT_FOUND, so a probe learns nothing about which it was.
   */
  async read(token: string, first: number, offset: number): Promise<SharedList> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_WATCHLIST_PAGE) throw badUserInput(`first must be from 1 to ${MAX_WATCHLIST_PAGE}`, 'first');
    if (!Number.isInteger(offset) || offset < 0) throw badUserInput('offset must be 0 or more', 'offset');
    const { shares, users } = await this.open();
    const found = typeof token === 'string' && TOKEN_PATTERN.test(token) ? await shares.resolve(token) : null;
    if (!found) throw new UserError('NOT_FOUND', 'no shared list has this token: it was never issued, was unpublished, or its owner deleted the account');
    const { userId, ...share } = found;
    const entries = await users.watchlist(userId, { status: share.status, first, offset });
    return { share, entries };
  }
}
