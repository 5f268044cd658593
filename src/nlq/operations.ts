// The persisted operations as the LLM path checks proposals against them: each operation's
// variable definitions, parsed from schema/operations with graphql-js, coerced against the API schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getVariableValues, Kind, parse, print, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { OperationName } from './types.js';
import { OPERATION_NAMES } from './types.js';

export interface PersistedOperation {
  name: string;
  file: string;
  description: string;
  definition: OperationDefinitionNode;
}

export type Checked = { ok: true; variables: Record<string, unknown> } | { ok: false; error: string };

export class OperationCatalog {
  private schema: GraphQLSchema | null = null;

  constructor(
    private readonly dir: string,
    private readonly schemaPath: string,
  ) {}

  /** Read on every call, so edits to the folder count at once (a handful of small files). */
  load(): Map<string, PersistedOperation> {
    const operations = new Map<string, PersistedOperation>();
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.graphql'))) {
      const source = readFileSync(join(this.dir, file), 'utf8');
      let document;
      try {
        document = parse(source);
      } catch {
        continue;
      }
      const description = source
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map((line) => line.replace(/^#\s?/, ''))
        .join(' ');
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
          operations.set(definition.name.value, { name: definition.name.value, file, description, definition });
        }
      }
    }
    return operations;
  }

  /** One line per operation the resolver may choose, for the model's prompt. */
  describe(): string {
    const operations = this.load();
    return OPERATION_NAMES.filter((name) => operations.has(name))
      .map((name) => {
        const op = operations.get(name)!;
        const vars = (op.definition.variableDefinitions ?? []).map((v) => `$${v.variable.name.value}: ${print(v.type)}${v.defaultValue ? ` = ${print(v.defaultValue)}` : ''}`);
        return `- ${name}(${vars.join(', ')}): ${op.description}`;
      })
      .join('\n');
  }

  /** The operation exists, is one of the fixed set, and the variables are its own with the right types. */
  check(operation: string, variables: unknown): Checked {
    if (!(OPERATION_NAMES as readonly string[]).includes(operation)) return { ok: false, error: `unknown operation ${JSON.stringify(operation)}` };
    const op = this.load().get(operation as OperationName);
    if (!op) return { ok: false, error: `operation ${operation} is not in the persisted set` };
    if (variables === undefined || variables === null) variables = {};
    if (typeof variables !== 'object' || Array.isArray(variables)) return { ok: false, error: 'variables must be an object' };
    const defined = new Set((op.definition.variableDefinitions ?? []).map((v) => v.variable.name.value));
    const unknown = Object.keys(variables as object).filter((k) => !defined.has(k));
    if (unknown.length) return { ok: false, error: `${operation} has no variable ${unknown.map((k) => `$${k}`).join(', ')}` };
    this.schema ??= buildSchema(readFileSync(this.schemaPath, 'utf8'));
    const coerced = getVariableValues(this.schema, op.definition.variableDefinitions ?? [], variables as Record<string, unknown>, { maxErrors: 5 });
    if (coerced.errors) return { ok: false, error: coerced.errors.map((e) => e.message).join('; ') };
    return { ok: true, variables: variables as Record<string, unknown> };
  }
}
