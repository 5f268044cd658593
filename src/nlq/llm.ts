// The optional language-model path: the model proposes { operation, variables } as JSON, which
// runs only after it is checked against the persisted operations and the schema.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { OperationCatalog } from './operations.js';
import type { NlqContext, NlqResult } from './types.js';

export type Proposal = { ok: true; operation: string; variables: Record<string, unknown> } | { ok: false; error: string };

const TIMEOUT_MS = 15_000;

function prompt(operations: string, text: string, ctx: NlqContext, previous: NlqResult | null): [string, string][] {
  const system = [
    'You turn questions about anime into one call of a persisted GraphQL operation.',
    'Answer with JSON only: {"operation": "<name>", "variables": {...}}. Use only these operations and their variables:',
    operations,
    `Today is ${(ctx.now ?? new Date()).toISOString().slice(0, 10)}; the user's time zone is ${ctx.timezone ?? 'UTC'}; region ${ctx.region ?? 'unknown'}.`,
    previous ? `The previous question ran ${previous.operation} with ${JSON.stringify(previous.variables)}.` : '',
  ];
  return [
    ['system', system.filter(Boolean).join('\n')],
    ['human', text],
  ];
}

/** The first JSON object in the reply (models like to wrap it in prose or fences). */
export function parseProposal(reply: string): Proposal {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start < 0 || end < start) return { ok: false, error: 'the reply holds no JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(reply.slice(start, end + 1));
  } catch {
    return { ok: false, error: 'the reply is not valid JSON' };
  }
  const { operation, variables } = (value ?? {}) as { operation?: unknown; variables?: unknown };
  if (typeof operation !== 'string') return { ok: false, error: 'no operation named' };
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) return { ok: false, error: 'variables must be an object' };
  return { ok: true, operation, variables: (variables ?? {}) as Record<string, unknown> };
}

export async function askModel(model: BaseChatModel, operations: OperationCatalog, text: string, ctx: NlqContext, previous: NlqResult | null): Promise<Proposal> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      model.invoke(prompt(operations.describe(), text, ctx, previous)),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the model did not answer in time')), TIMEOUT_MS))),
    ]);
    const content = typeof reply.content === 'string' ? reply.content : reply.content.map((part) => ('text' in part ? part.text : '')).join('');
    return parseProposal(content);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
