// Share tokens: 256 random bits, shown once when a list is published; only their SHA-256 is stored.
// A fast hash is enough here (unlike API keys' scrypt): the token is random, not chosen by a person,
// so there is nothing to guess from the hash, and the read stays one indexed lookup.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'wl_';
/** `wl_` and 43 base64url characters (32 bytes). */
export const TOKEN_PATTERN = /^wl_[A-Za-z0-9_-]{43}$/;

export function newShareToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `shr_` and 16 letters and digits: names a link to its owner (to unpublish it); reveals nothing. */
export function newShareId(): string {
  let id = '';
  while (id.length < 16) id += randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  return `shr_${id.slice(0, 16)}`;
}
