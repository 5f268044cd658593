// How the caller's verified key reaches the users subgraph: the gateway's request context carries
// a Viewer built from the access layer's Principal (never from anything the client sends), under a
// symbol so no other context property or header can stand in for it. Embedded subgraphs get the
// gateway's context as is. A users subgraph served on its own (distributed mode) gets the key the
// caller presented, forwarded by the gateway, and verifies it itself against the same store.
import type { Principal } from '../auth/index.js';

export const VIEWER = Symbol('users.viewer');

export interface Viewer {
  /** The key the request presented. */
  keyId: string;
  /** The key's user (keys from sign-up), or null for an operator-made key. */
  userId: string | null;
  scopes: readonly string[];
}

export interface ViewerContext {
  [VIEWER]?: Viewer | null;
}

/** The context property for a request: spread it into the GraphQL context. */
export function viewerContext(principal: Principal | undefined): ViewerContext {
  if (!principal || principal.kind !== 'key' || !principal.keyId) return { [VIEWER]: null };
  return { [VIEWER]: { keyId: principal.keyId, userId: principal.userId, scopes: principal.scopes } };
}

export function viewerOf(context: unknown): Viewer | null {
  if (typeof context !== 'object' || context === null) return null;
  return (context as ViewerContext)[VIEWER] ?? null;
}

/** Where the gateway keeps the caller's Authorization for a remote users subgraph (never sent elsewhere). */
export const FORWARDED_KEY = Symbol('users.forwardedKey');

/** The caller's key as an Authorization header value, for the context of a request with a user's key. */
export function forwardedKeyContext(principal: Principal | undefined, headers: { authorization?: string | undefined; 'x-api-key'?: string | string[] | undefined }): { [FORWARDED_KEY]?: string } {
  if (!principal || principal.kind !== 'key' || !principal.userId) return {};
  if (headers.authorization) return { [FORWARDED_KEY]: headers.authorization };
  const key = Array.isArray(headers['x-api-key']) ? headers['x-api-key'][0] : headers['x-api-key'];
  return key ? { [FORWARDED_KEY]: `Bearer ${key.trim()}` } : {};
}

export function forwardedKeyOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  return (context as { [FORWARDED_KEY]?: string })[FORWARDED_KEY];
}
