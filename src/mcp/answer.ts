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
  const degraded = describeDegradation(result.extensions?.['degradation']);
  const allNotes = [...notes, ...(note ? [note] : []), ...(degraded ? [degraded] : [])];
  return jsonResult({ ...value, ...(allNotes.length ? { note: allNotes.join(' ') } : {}) });
}

/**
 * A sentence on what was missing or old when the answer is not FULL (README "Degradation levels"),
 * kept in the text note so the tool's output schema stays as it is.
 */
export function describeDegradation(degradation: unknown): string | undefined {
  if (typeof degradation !== 'object' || degradation === null) return undefined;
  const { level, sources } = degradation as { level?: unknown; sources?: unknown };
  if (typeof level !== 'string' || level === 'FULL' || !Array.isArray(sources)) return undefined;
  const parts = sources
    .filter((s): s is { name: string; outcome: string; ageSeconds?: number; error?: string } => typeof s?.name === 'string' && (s.outcome === 'stale' || s.outcome === 'failed'))
    .map((s) => (s.outcome === 'failed' ? `${s.name} failed${s.error ? ` (${s.error})` : ''}` : `${s.name} from cache ${formatAge(s.ageSeconds ?? 0)} old`));
  return `Degraded answer (${level}): ${parts.join(', ')}.`;
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
