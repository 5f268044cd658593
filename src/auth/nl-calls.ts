// How many natural-language calls a request makes, read from its parsed body: POST /api/query is
// one, each question of POST /api/batch one, every `ask` root field of a GraphQL document one (at
// /graphql and in MCP's `execute` tool), and MCP's `ask` tool one.
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

const MAX_DOCUMENT_LENGTH = 100_000;

/** `ask` fields at the root of the operation that runs (through fragments on the root type too). */
export function askFieldsIn(source: unknown, operationName?: unknown): number {
  if (typeof source !== 'string' || !source.includes('ask') || source.length > MAX_DOCUMENT_LENGTH) return 0;
  let document: DocumentNode;
  try {
    document = parse(source, { noLocation: true });
  } catch {
    return 0; // GraphQL answers the syntax error itself; nothing runs.
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return 0;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) return sum + (selection.name.value === 'ask' ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return sum;
      seen.add(fragment.name.value);
      return sum + count(fragment.selectionSet);
    }, 0);
  return count(operation.selectionSet);
}

type Body = Record<string, unknown> | undefined;

export function nlCallsOf(door: 'graphql' | 'rest' | 'mcp', path: string, body: unknown, query: unknown): number {
  const fields = (body && typeof body === 'object' ? body : undefined) as Body;
  if (door === 'rest') {
    if (path === '/api/query') return 1;
    if (path === '/api/batch') {
      const items = fields?.['items'];
      return Array.isArray(items) ? items.filter((item) => item && typeof item === 'object' && typeof (item as Record<string, unknown>)['query'] === 'string').length : 0;
    }
    return 0;
  }
  if (door === 'graphql') {
    const from = fields ?? (query as Body);
    return askFieldsIn(from?.['query'], from?.['operationName']);
  }
  // MCP: a JSON-RPC message, or a batch of them.
  const messages = Array.isArray(body) ? body : [body];
  return messages.reduce((sum: number, message) => {
    const m = message as Body;
    if (m?.['method'] !== 'tools/call') return sum;
    const params = m['params'] as Body;
    const args = params?.['arguments'] as Body;
    if (params?.['name'] === 'ask') return sum + 1;
    if (params?.['name'] === 'execute') return sum + askFieldsIn(args?.['query'], args?.['operationName']);
    return sum;
  }, 0);
}
