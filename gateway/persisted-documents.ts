// The persisted operations (schema/operations) as trusted documents: the only ones /graphql runs
// with TRUSTED_DOCUMENTS=1, the same ones the MCP tools and REST routes run.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildSchema } from 'graphql';
import type { TrustedDocument } from '../src/auth/index.js';
import { loadOperations } from '../src/mcp/operations.js';

export async function persistedDocuments(root: string): Promise<TrustedDocument[]> {
  const schema = buildSchema(await readFile(resolve(root, 'schema/api.graphql'), 'utf8'));
  const { operations } = await loadOperations(resolve(root, 'schema/operations'), schema);
  // The signed-in user's operations (the MCP user tools) are trusted too; they act on the caller's own data only.
  const user = existsSync(resolve(root, 'schema/operations/user')) ? (await loadOperations(resolve(root, 'schema/operations/user'), schema)).operations : [];
  return [...operations, ...user].map(({ name, source }) => ({ name, source }));
}
