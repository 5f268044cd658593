// Trusted documents mode for /graphql (TRUSTED_DOCUMENTS=1): only the persisted operations of
// schema/operations run, the same documents the MCP tools and REST routes use. A client sends one
// by id (`documentId: "sha256:<hex>"`, the GraphQL-over-HTTP persisted documents draft; or Apollo's
// `extensions.persistedQuery.sha256Hash`) or by its exact text. Anything else is refused before it
// is parsed or planned.
import { createHash } from 'node:crypto';
import { AccessError } from './errors.js';

export interface TrustedDocument {
  name: string;
  source: string;
}

export interface TrustedDocuments {
  /** The document to run for this request body or query string, or an AccessError. */
  resolve(params: Record<string, unknown>): { query: string } | AccessError;
  /** Ids clients can send, by operation name (for docs and tests). */
  readonly ids: ReadonlyMap<string, string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function trustedDocuments(documents: readonly TrustedDocument[]): TrustedDocuments {
  const byHash = new Map(documents.map((d) => [sha256(d.source), d.source]));
  const ids = new Map(documents.map((d) => [d.name, `sha256:${sha256(d.source)}`]));
  const hint = 'this server accepts only its persisted operations (schema/operations): send `documentId: "sha256:<hash of the document>"` or the exact document text';
  return {
    ids,
    resolve(params) {
      const extensions = parseExtensions(params['extensions']);
      const persisted = extensions?.['persistedQuery'] as Record<string, unknown> | undefined;
      const documentId = params['documentId'];
      const hash =
        typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : typeof persisted?.['sha256Hash'] === 'string' ? (persisted['sha256Hash'] as string) : undefined;
      const query = params['query'];
      if (hash !== undefined) {
        const known = byHash.get(hash.toLowerCase());
        if (!known) return new AccessError('PERSISTED_DOCUMENT_NOT_FOUND', `no persisted operation has the id ${JSON.stringify(String(documentId ?? hash).slice(0, 80))}; ${hint}`);
        if (typeof query === 'string' && query !== known) return new AccessError('PERSISTED_DOCUMENT_REQUIRED', `the document sent is not the persisted operation its id names; ${hint}`);
        return { query: known };
      }
      if (typeof query === 'string' && byHash.has(sha256(query))) return { query };
      return new AccessError('PERSISTED_DOCUMENT_REQUIRED', typeof query === 'string' ? `this document is not a persisted operation; ${hint}` : hint);
    },
  };
}

/** `extensions` arrives parsed in a POST body and as JSON text in a GET query string. */
function parseExtensions(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}
