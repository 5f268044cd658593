// API key format and hashing. A key is `af_<id>_<secret>`: the id (public, the table's primary key)
// finds the row in one indexed lookup, and only the secret's scrypt hash (per-key random salt) is
// stored, so a leaked store yields no usable key. Verifying costs one scrypt (~50 ms, by design);
// the authenticator caches verified keys briefly so that cost is paid once per key, not per request.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCOPES = ['read', 'user', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
export const TIERS = ['free', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

const PREFIX = 'af';
const ID_BYTES = 9;
const SECRET_BYTES = 32;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// OWASP's scrypt floor (N=2^17 costs 128 MiB; 2^15 with r=8 keeps memory at 32 MiB per verify).
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_PATTERN = /^af_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedKey {
  id: string;
  secret: string;
}

export interface HashedSecret {
  salt: string;
  hash: string;
}

/** A base64url id without `-`/`_`, so `_` can separate the key's parts. */
function newId(): string {
  let id = '';
  while (id.length < 12) id += randomBytes(ID_BYTES).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  return id.slice(0, 12);
}

export function generateKey(): { key: string } & ParsedKey {
  const id = newId();
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { key: `${PREFIX}_${id}_${secret}`, id, secret };
}

/** The key's parts, or null when it is not shaped like one of ours. */
export function parseKey(key: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

function scrypt(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(secret, salt, HASH_BYTES, SCRYPT, (error, derived) => (error ? reject(error) : resolve(derived))));
}

export async function hashSecret(secret: string): Promise<HashedSecret> {
  const salt = randomBytes(SALT_BYTES);
  return { salt: salt.toString('base64url'), hash: (await scrypt(secret, salt)).toString('base64url') };
}

export async function verifySecret(secret: string, stored: HashedSecret): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(stored.salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}
