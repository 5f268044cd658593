// Turns an execution result into an MCP tool answer: `fields` applied, size limited, GraphQL
// errors kept beside partial data, and an error result when there is no data at all.
import { limitSize, pickFields } from './trim.js';
import type { McpExecutionResult, ToolResult } from './types.js';

/** A tool error: text only, since clients check any structured content against the output schema, errors too. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

export function jsonResult(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

export const byteSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

export function describeErrors(errors: McpExecutionResult['errors']): string {
  return (errors ?? [])
    .map((e) => {
      const code = e.extensions?.['code'];
      const path = e.path?.length ? ` at ${e.path.join('.')}` : '';
      return `${e.message}${code ? ` (${String(code)})` : ''}${path}`;
    })
    .join('; ');
}

/** The answer of one execution: `{ data, errors?, note? }`. */
export function shapeAnswer(result: McpExecutionResult, fields: string[] | undefined, maxBytes: number, notes: string[] = []): ToolResult {
  // No data, or nothing but nulls beside errors, is a failure the caller should read and fix.
  const empty = !result.data || (result.errors?.length && Object.values(result.data).every((v) => v === null));
  if (empty || !result.data) return errorResult(`The operation failed: ${describeErrors(result.errors) || 'no data'}`);
  const data = fields?.length ? pickFields(result.data, fields) : result.data;
  const errors = result.errors?.map((e) => ({ message: e.message, ...(e.path ? { path: e.path } : {}), ...(e.extensions?.['code'] ? { code: e.extensions['code'] } : {}) }));
  const { value, note } = limitSize({ data, ...(errors?.length ? { errors } : {}) }, maxBytes);
  const allNotes = [...notes, ...(note ? [note] : [])];
  return jsonResult({ ...value, ...(allNotes.length ? { note: allNotes.join(' ') } : {}) });
}
