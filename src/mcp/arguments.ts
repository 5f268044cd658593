// Checks tool arguments against a tool's input schema before anything runs, and says in plain
// words which argument is wrong and what it expects. Strings that spell a number or a boolean are
// accepted where one is expected (command-line clients such as the MCP Inspector send strings).
import type { JsonSchema } from './json-schema.js';

export type ArgumentCheck = { ok: true; value: Record<string, unknown> } | { ok: false; problems: string[] };

export function checkArguments(schema: JsonSchema, args: unknown): ArgumentCheck {
  const problems: string[] = [];
  const value = check(schema, args ?? {}, '', problems);
  return problems.length ? { ok: false, problems } : { ok: true, value: value as Record<string, unknown> };
}

function expected(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.filter((v) => v !== null).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null')[0] : schema.type;
  if (type === 'array') return `a list of ${schema.items ? expected(schema.items) : 'values'}`;
  if (type === 'integer') return 'a whole number';
  if (type === 'object') return `an object${schema.properties ? ` with ${Object.keys(schema.properties).join(', ')}` : ''}`;
  return `a ${type ?? 'value'}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function check(schema: JsonSchema, value: unknown, path: string, problems: string[]): unknown {
  const where = path || 'arguments';
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (value === null) {
    if (types.length === 0 || types.includes('null') || path !== '') return null;
  }
  const type = types.find((t) => t !== 'null');
  let v = value;
  if (type === 'integer' || type === 'number') {
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
    if (typeof v !== 'number' || !Number.isFinite(v) || (type === 'integer' && !Number.isInteger(v))) {
      problems.push(`\`${where}\` must be ${expected(schema)}, got ${show(value)}`);
      return value;
    }
    if ((schema.minimum !== undefined && v < schema.minimum) || (schema.maximum !== undefined && v > schema.maximum)) {
      problems.push(`\`${where}\` must be between ${schema.minimum} and ${schema.maximum}, got ${v}`);
    }
    return v;
  }
  if (type === 'boolean') {
    if (v === 'true' || v === 'false') v = v === 'true';
    if (typeof v !== 'boolean') problems.push(`\`${where}\` must be true or false, got ${show(value)}`);
    return v;
  }
  if (type === 'string') {
    if (typeof v === 'number' && !schema.enum) v = String(v);
    if (typeof v !== 'string') problems.push(`\`${where}\` must be ${expected(schema)}, got ${show(value)}`);
    else if (schema.enum && !schema.enum.includes(v)) {
      const upper = v.toUpperCase().replace(/[\s-]+/g, '_');
      if (schema.enum.includes(upper)) return upper;
      problems.push(`\`${where}\` must be ${expected(schema)}, got ${show(value)}`);
    }
    return v;
  }
  if (type === 'array') {
    // GraphQL accepts one value where a list is expected; so do the tools.
    const list = Array.isArray(v) ? v : [v];
    return list.map((item, i) => (schema.items ? check(schema.items, item, `${where}[${i}]`, problems) : item));
  }
  if (type === 'object') {
    if (typeof v === 'string' && v.trim().startsWith('{')) {
      try {
        v = JSON.parse(v);
      } catch {
        /* reported below */
      }
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push(`\`${where}\` must be ${expected(schema)}, got ${show(value)}`);
      return value;
    }
    const out: Record<string, unknown> = {};
    const properties = schema.properties ?? {};
    for (const [key, item] of Object.entries(v)) {
      const child = properties[key];
      const childPath = path ? `${path}.${key}` : key;
      if (!child) {
        if (schema.additionalProperties === false) problems.push(`unknown argument \`${childPath}\`; expected ${Object.keys(properties).join(', ') || 'none'}`);
        else out[key] = item;
        continue;
      }
      if (item === undefined) continue;
      out[key] = check(child, item, childPath, problems);
    }
    for (const key of schema.required ?? []) {
      if (out[key] === undefined || out[key] === null) problems.push(`\`${path ? `${path}.${key}` : key}\` is required: ${expected(properties[key] ?? {})}`);
    }
    return out;
  }
  return v;
}
