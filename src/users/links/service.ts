// Account linking and two-way sync. `link` starts an OAuth authorization: a random state (its
// sha256 kept server-side with the user, the source, the PKCE verifier encrypted, and a 10-minute
// expiry) and the provider's authorization URL. The provider sends the browser back to the
// callback with `code` and `state`; the state alone says whose link it is (the browser carries no
// API key), is good once, and a state never issued, spent, expired or for the other provider is
// refused. Tokens are stored AES-256-GCM encrypted (crypto.ts), refreshed when they expire (MAL),
// and pushed to with every watchlist write, best effort: the local write stands whatever the
// provider answers, and the outcome is reported per provider.
import { createHash, randomBytes } from 'node:crypto';
import type { Catalog } from '../../catalog/index.js';
import type { Config } from '../../config/index.js';
import { Platform } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import type { WatchEntry } from '../model.js';
import { ListSource, type ListEntry } from '../lists/model.js';
import { TokenCipher } from './crypto.js';
import { providerFor, TokenRejected, type Provider, type ProviderConfig } from './providers.js';
import { LinkStore, toLinkedAccount, type LinkedAccount, type LinkRow } from './store.js';

export const STATE_TTL_MS = 10 * 60_000;
/** Refresh a token this long before the provider's expiry, so a call never races it. */
const EXPIRY_MARGIN_MS = 60_000;

export type LinksConfig = ProviderConfig & Pick<Config, 'USER_TOKEN_KEY' | 'PUBLIC_URL' | 'PORT'>;

export type SyncStatus = 'PUSHED' | 'FAILED' | 'NOT_ON_PROVIDER';

/** What became of one watchlist write at one linked provider. */
export interface SyncOutcome {
  source: ListSource;
  status: SyncStatus;
  /** Why it failed or was skipped; null when pushed. */
  message: string | null;
}

export interface LinkStart {
  source: ListSource;
  authorizationUrl: string;
  redirectUri: string;
  expiresAt: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class LinksService {
  private readonly now: () => number;

  constructor(
    private readonly options: { store: () => Promise<Store>; catalog: Catalog; config: LinksConfig; now?: () => number; log?: { warn(obj: object, msg: string): void } },
  ) {
    this.now = options.now ?? Date.now;
  }

  private cipher(): TokenCipher {
    const key = this.options.config.USER_TOKEN_KEY;
    if (!key) throw new UserError('NOT_CONFIGURED', 'account linking is off on this server: set USER_TOKEN_KEY (32 bytes, e.g. `openssl rand -base64 32`) so tokens can be stored encrypted', { setting: 'USER_TOKEN_KEY' });
    return new TokenCipher(key);
  }

  private async links(): Promise<LinkStore> {
    return new LinkStore((await this.options.store()).db);
  }

  private provider(source: ListSource): Provider {
    return providerFor(source, this.options.config, this.now);
  }

  redirectUri(source: ListSource): string {
    const base = (this.options.config.PUBLIC_URL ?? `http://localhost:${this.options.config.PORT}`).replace(/\/+$/, '');
    return `${base}/api/me/links/${source.toLowerCase()}/callback`;
  }

  /** Starts linking: the URL to send the user's browser to. */
  async link(userId: string, source: ListSource): Promise<LinkStart> {
    const cipher = this.cipher();
    const provider = this.provider(source);
    const state = randomBytes(32).toString('base64url');
    // 86 unreserved characters: within PKCE's 43–128.
    const verifier = provider.pkce ? randomBytes(64).toString('base64url') : null;
    const stateHash = sha256(state);
    const redirectUri = this.redirectUri(source);
    const now = this.now();
    await (await this.links()).saveState({
      stateHash,
      userId,
      source,
      codeVerifier: verifier === null ? null : cipher.encrypt(verifier, `state:${stateHash}`),
      redirectUri,
      createdAt: now,
      expiresAt: now + STATE_TTL_MS,
    });
    return { source, authorizationUrl: provider.authorizeUrl(state, verifier, redirectUri), redirectUri, expiresAt: new Date(now + STATE_TTL_MS).toISOString() };
  }

  /** The provider's redirect: exchanges the code for tokens and stores them encrypted. */
  async complete(source: ListSource, code: string, state: string, activeUser: (userId: string) => Promise<boolean>): Promise<{ source: ListSource; linkedAt: string }> {
    const cipher = this.cipher();
    const provider = this.provider(source);
    if (typeof state !== 'string' || !state || state.length > 200) throw new UserError('FORBIDDEN', 'the callback carries no valid state; start linking again with linkAccount', { reason: 'STATE_INVALID' });
    if (typeof code !== 'string' || !code || code.length > 4096) throw new UserError('BAD_USER_INPUT', 'the callback carries no authorization code', { field: 'code' });
    const stateHash = sha256(state);
    const links = await this.links();
    const pending = await links.takeState(stateHash);
    if (!pending || pending.source !== source || pending.expiresAt <= this.now()) {
      throw new UserError('FORBIDDEN', 'this authorization state was never issued, was already used, expired or belongs to the other provider; start linking again with linkAccount', { reason: 'STATE_INVALID' });
    }
    if (!(await activeUser(pending.userId))) throw new UserError('UNAUTHENTICATED', 'the account that started this link was deleted');
    const verifier = pending.codeVerifier === null ? null : cipher.decrypt(pending.codeVerifier, `state:${stateHash}`);
    const tokens = await provider.exchange(code, verifier, pending.redirectUri);
    const at = this.now();
    await links.saveLink({
      userId: pending.userId,
      source,
      accessToken: cipher.encrypt(tokens.accessToken, `${pending.userId}:${source}:access`),
      refreshToken: tokens.refreshToken === null ? null : cipher.encrypt(tokens.refreshToken, `${pending.userId}:${source}:refresh`),
      expiresAt: tokens.expiresAt,
      at,
    });
    return { source, linkedAt: new Date((await links.link(pending.userId, source))?.linkedAt ?? at).toISOString() };
  }

  async unlink(userId: string, source: ListSource): Promise<boolean> {
    return (await this.links()).unlink(userId, source);
  }

  async linked(userId: string): Promise<LinkedAccount[]> {
    return (await (await this.links()).links(userId)).map(toLinkedAccount);
  }

  /** A usable access token for the link, refreshed when it has expired; null when not linked. */
  private async token(link: LinkRow, force = false): Promise<string> {
    const cipher = this.cipher();
    const source = link.source as ListSource;
    const expired = link.expiresAt !== null && link.expiresAt - EXPIRY_MARGIN_MS <= this.now();
    if (!expired && !force) return cipher.decrypt(link.accessToken, `${link.userId}:${source}:access`);
    if (!link.refreshToken) throw new UserError('CONFLICT', `the ${source} link has expired; link the account again`, { source, reason: 'LINK_EXPIRED' });
    const fresh = await this.provider(source)
      .refresh(cipher.decrypt(link.refreshToken, `${link.userId}:${source}:refresh`))
      .catch((error: unknown) => {
        // invalid_grant on a refresh: the user revoked the app, or the refresh token lapsed.
        if (error instanceof UserError && error.details['reason'] === 'GRANT_REFUSED') throw new UserError('CONFLICT', `${source} no longer accepts the linked account's tokens; link the account again`, { source, reason: 'LINK_REVOKED' });
        throw error;
      });
    await (await this.links()).saveLink({
      userId: link.userId,
      source,
      accessToken: cipher.encrypt(fresh.accessToken, `${link.userId}:${source}:access`),
      // MAL rotates the refresh token; keep the old one if a provider does not send a new one.
      refreshToken: fresh.refreshToken === null ? link.refreshToken : cipher.encrypt(fresh.refreshToken, `${link.userId}:${source}:refresh`),
      expiresAt: fresh.expiresAt,
      at: this.now(),
    });
    return fresh.accessToken;
  }

  /** Runs `work` with the link's token; a refused token is refreshed once and the work retried. */
  private async withToken<T>(link: LinkRow, work: (token: string) => Promise<T>): Promise<T> {
    try {
      return await work(await this.token(link));
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      try {
        return await work(await this.token(link, true));
      } catch (again) {
        if (again instanceof TokenRejected) throw new UserError('CONFLICT', `${link.source} no longer accepts the linked account's token; link the account again`, { source: link.source, reason: 'LINK_REVOKED' });
        throw again;
      }
    }
  }

  /**
   * The linked account's whole list (private entries included) when `source` is linked and
   * `username` is that account's name; null otherwise (the public list is read instead).
   */
  async readPrivateList(userId: string, source: ListSource, maxEntries: number, username: string): Promise<ListEntry[] | null> {
    if (!this.options.config.USER_TOKEN_KEY) return null;
    const link = await (await this.links()).link(userId, source);
    if (!link) return null;
    const provider = this.provider(source);
    return this.withToken(link, async (token) => ((await provider.whoami(token)).toLowerCase() === username.toLowerCase() ? provider.readList(token, maxEntries) : null));
  }

  /**
   * Pushes one watchlist write (an entry, or its removal when `entry` is null) to every linked
   * provider. Never throws: each provider's outcome is returned and kept on the link
   * (`lastSyncAt`, `lastSyncError`).
   */
  async push(userId: string, animeId: string, entry: WatchEntry | null): Promise<SyncOutcome[]> {
    if (!this.options.config.USER_TOKEN_KEY) return [];
    let links: LinkStore;
    let rows: LinkRow[];
    try {
      links = await this.links();
      rows = await links.links(userId);
    } catch (error) {
      this.options.log?.warn({ err: error }, 'reading linked accounts for sync failed');
      return [];
    }
    const record = this.options.catalog.byId(animeId);
    const outcomes: SyncOutcome[] = [];
    for (const link of rows) {
      const source = link.source as ListSource;
      const platform = source === ListSource.MAL ? Platform.MAL : Platform.ANILIST;
      const id = Number(record?.platformIds.find((p) => p.platform === platform)?.id);
      if (!Number.isInteger(id) || id <= 0) {
        outcomes.push({ source, status: 'NOT_ON_PROVIDER', message: `the catalog knows no ${source} id for ${animeId}` });
        continue;
      }
      try {
        await this.withToken(link, (token) => this.provider(source).push(token, id, entry));
        outcomes.push({ source, status: 'PUSHED', message: null });
        await links.syncOutcome(userId, source, this.now(), null).catch(() => undefined);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcomes.push({ source, status: 'FAILED', message });
        await links.syncOutcome(userId, source, this.now(), message.slice(0, 500)).catch(() => undefined);
      }
    }
    return outcomes;
  }
}
