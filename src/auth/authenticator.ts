// Who is calling: the API key in `Authorization: Bearer <key>` or `X-API-Key: <key>`, or an
// anonymous client (by IP) in the configured anonymous tier. A presented key that is malformed,
// unknown or revoked is a 401, never a quiet fall back to anonymous. A verified key is remembered
// for KEY_CACHE_MS (scrypt costs ~100 ms on purpose), so revocation reaches other replicas within
// that time; this process forgets a key the moment it revokes it.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { AccessError } from './errors.js';
import type { KeyStore } from './key-store.js';
import { parseKey, TIERS, verifySecret, type Scope, type Tier } from './keys.js';

export const KEY_CACHE_MS = 30_000;

export interface Principal {
  kind: 'key' | 'anonymous';
  /** The key's id (public), or null for anonymous callers. */
  keyId: string | null;
  scopes: readonly Scope[];
  tier: Tier;
  /** Whose quota a request counts against: `key:<id>` or `ip:<address>`. */
  subject: string;
  /** The user a key belongs to (src/users), or null (anonymous callers, operator-made keys). */
  userId: string | null;
}

/** The key a request presents, if any (Authorization wins over X-API-Key). */
export function presentedKey(headers: IncomingHttpHeaders): string | null | AccessError {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return new AccessError('UNAUTHORIZED', 'the Authorization header must be `Bearer <API key>`');
    return match[1]!;
  }
  const header = headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? null : value.trim();
}

type Verdict = { principal: Principal } | { error: AccessError };

export class Authenticator {
  private readonly verdicts = new LRUCache<string, Verdict>({ max: 10_000, ttl: KEY_CACHE_MS });

  constructor(
    private readonly keys: () => Promise<KeyStore>,
    private readonly anonymousTier: Tier | 'none',
  ) {}

  /**
   * `keyless`: a route a browser reaches without a key by design (an OAuth provider's redirect),
   * admitted without one even when the server requires keys: as an anonymous caller of the lowest
   * tier with no scopes, whose own check (the single-use state) decides.
   */
  async authenticate(headers: IncomingHttpHeaders, ip: string, keyless = false): Promise<Principal> {
    const key = presentedKey(headers);
    if (key instanceof AccessError) throw key;
    if (key === null) {
      if (keyless && this.anonymousTier === 'none') return { kind: 'anonymous', keyId: null, scopes: [], tier: TIERS[0], subject: `ip:${ip}`, userId: null };
      if (this.anonymousTier === 'none') throw new AccessError('UNAUTHORIZED', 'this server requires an API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`');
      return { kind: 'anonymous', keyId: null, scopes: ['read'], tier: this.anonymousTier, subject: `ip:${ip}`, userId: null };
    }
    // Cached by a digest, so the cache never holds a usable key.
    const digest = createHash('sha256').update(key).digest('base64url');
    let verdict = this.verdicts.get(digest);
    if (!verdict) {
      verdict = await this.verify(key);
      this.verdicts.set(digest, verdict);
    }
    if ('error' in verdict) throw verdict.error;
    return verdict.principal;
  }

  /** Drops what is remembered about a key (after revoking it). */
  forget(keyId: string): void {
    for (const [digest, verdict] of this.verdicts.entries()) if ('principal' in verdict && verdict.principal.keyId === keyId) this.verdicts.delete(digest);
  }

  private async verify(key: string): Promise<Verdict> {
    const invalid = { error: new AccessError('UNAUTHORIZED', 'the API key is not valid: check it was copied whole, or ask an admin for a new one') };
    const parsed = parseKey(key);
    if (!parsed) return invalid;
    const stored = await (await this.keys()).find(parsed.id);
    if (!stored || !(await verifySecret(parsed.secret, stored))) return invalid;
    if (stored.revokedAt) return { error: new AccessError('UNAUTHORIZED', `the API key ${stored.id} was revoked at ${stored.revokedAt}`, { keyId: stored.id }) };
    return { principal: { kind: 'key', keyId: stored.id, scopes: stored.scopes, tier: stored.tier, subject: `key:${stored.id}`, userId: stored.userId } };
  }
}
