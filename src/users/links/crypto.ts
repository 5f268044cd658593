// Linked accounts' tokens at rest: AES-256-GCM with the key of USER_TOKEN_KEY, a fresh 96-bit IV
// per value, and the row it belongs to (user, source, which token) as additional data, so a
// ciphertext copied into another user's row or column does not decrypt. A database dump alone
// reveals no token.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';

const VERSION = 'v1';

/** The key from its configured text: 64 hex digits or base64 of 32 bytes; anything else is refused. */
export function parseTokenKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('USER_TOKEN_KEY must be 32 bytes: 64 hex digits or base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

export class TokenCipher {
  private readonly key: Buffer;

  constructor(keyText: string) {
    this.key = parseTokenKey(keyText);
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new UserError('SOURCE_BAD_RESPONSE', 'a stored token is not in a known format; unlink and link the account again', { reason: 'TOKEN_UNREADABLE' });
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // A changed USER_TOKEN_KEY, or a value moved between rows.
      throw new UserError('SOURCE_BAD_RESPONSE', 'a stored token cannot be decrypted with the configured USER_TOKEN_KEY; unlink and link the account again', { reason: 'TOKEN_UNREADABLE' });
    }
  }
}
