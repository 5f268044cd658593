// The tool set: one tool per persisted operation (generated from its variables and selection),
// plus search_schema, introspect, execute and ask. Shared by every MCP session; reloads the
// operations folder on change when asked to and tells its listeners.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { byteSize, errorResult, shapeAnswer } from './answer.js';
import { checkArguments } from './arguments.js';
import { genericTools, type GenericTool } from './generic-tools.js';
import { operationInputSchema, selectionSchema, type JsonSchema } from './json-schema.js';
import { loadOperations, type PersistedOperation } from './operations.js';
import type { CallOptions, McpCaller, ToolDefinition, ToolResult, Toolset, ToolsetOptions } from './types.js';

export const DEFAULT_MAX_RESULT_BYTES = 50_000;
const READ_ONLY = { readOnlyHint: true, openWorldHint: true } as const;

export const FIELDS_ARGUMENT: JsonSchema = {
  type: 'array',
  items: { type: 'string' },
  description:
    'Optional: keep only these dotted paths of the answer, e.g. ["nodes.title", "nodes.malId"] (the root field may be left out; lists are walked through; pageInfo and totalCount stay).',
};

interface OperationTool {
  definition: ToolDefinition;
  operation: PersistedOperation;
}

export async function createToolset(options: ToolsetOptions): Promise<Toolset> {
  const schema = buildSchema(await readFile(options.schemaPath, 'utf8'));
  const maxBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
  const listeners = new Set<() => void>();
  let tools = new Map<string, OperationTool>();
  // The signed-in user's tools: absent from every list and call of a session without a user key.
  let userTools = new Map<string, OperationTool>();
  const userDir = options.userOperationsDir ?? join(options.operationsDir, 'user');
  const forUser = (caller: McpCaller | undefined) => Boolean(caller?.userId);
  let problems: string[] = [];
  let signature = '';

  const toolset: Toolset = {
    schema,
    execute: options.execute,
    schemaPath: options.schemaPath,
    operations: () => [...tools.values()].map((t) => t.operation),
    get problems() {
      return problems;
    },
    list: (caller) => [...[...tools.values()].map((t) => t.definition), ...(forUser(caller) ? [...userTools.values()].map((t) => t.definition) : []), ...generic.map((g) => g.definition)],
    operation: (name) => [...tools.values()].find((t) => t.operation.name === name || t.operation.toolName === name)?.operation,
    async call(name, args, options = {}) {
      options.signal?.throwIfAborted();
      const tool = tools.get(name) ?? (forUser(options.caller) ? userTools.get(name) : undefined);
      if (tool) return callOperation(tool, args, options);
      const other = generic.find((g) => g.definition.name === name);
      if (!other) return errorResult(`Unknown tool ${name}; tools/list shows the tools there are`);
      const checked = checkArguments(other.definition.inputSchema, args);
      if (!checked.ok) return invalid(name, checked.problems);
      return other.run(checked.value, options);
    },
    async reload() {
      const load = await loadOperations(options.operationsDir, schema);
      const next = new Map<string, OperationTool>();
      problems = [...load.problems];
      for (const operation of load.operations) {
        if (next.has(operation.toolName) || generic.some((g) => g.definition.name === operation.toolName)) {
          problems.push(`${operation.file}: tool name ${operation.toolName} is already taken`);
          continue;
        }
        next.set(operation.toolName, { operation, definition: toolDefinitionOf(schema, operation) });
      }
      const nextUser = new Map<string, OperationTool>();
      if (existsSync(userDir)) {
        const user = await loadOperations(userDir, schema);
        problems.push(...user.problems.map((p) => `user/${p}`));
        for (const operation of user.operations) {
          if (next.has(operation.toolName) || nextUser.has(operation.toolName) || generic.some((g) => g.definition.name === operation.toolName)) {
            problems.push(`user/${operation.file}: tool name ${operation.toolName} is already taken`);
            continue;
          }
          nextUser.set(operation.toolName, { operation, definition: toolDefinitionOf(schema, operation) });
        }
      }
      tools = next;
      userTools = nextUser;
      const nextSignature = JSON.stringify([...next.values(), ...nextUser.values()].map((t) => [t.operation.file, t.operation.source]));
      const changed = nextSignature !== signature;
      signature = nextSignature;
      return changed;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      watcher?.close();
      clearTimeout(pending);
      listeners.clear();
    },
  };

  const generic: GenericTool[] = genericTools({ ...options, maxBytes, schema, toolset });

  async function callOperation(tool: OperationTool, args: unknown, { signal, progress, caller }: CallOptions): Promise<ToolResult> {
    const checked = checkArguments(tool.definition.inputSchema, args);
    if (!checked.ok) return invalid(tool.definition.name, checked.problems);
    const { fields, ...variables } = checked.value as { fields?: string[] } & Record<string, unknown>;
    const { operation } = tool;
    progress?.(`running ${operation.name}`);
    let result = await options.execute(operation.source, variables, operation.name, { signal, ...(caller ? { caller } : {}) });
    signal?.throwIfAborted();
    const notes: string[] = [];
    // A page too large for the limit is asked again smaller, so its cursor stays right.
    const first = typeof variables['first'] === 'number' ? variables['first'] : defaultOf(tool, 'first');
    const size = result.data ? byteSize(result.data) : 0;
    if (result.data && size > maxBytes && typeof first === 'number' && first > 1) {
      const smaller = Math.max(1, Math.floor((first * maxBytes * 0.8) / size));
      progress?.(`${operation.name} answered ${size} bytes; asking again for ${smaller} items`);
      result = await options.execute(operation.source, { ...variables, first: smaller }, operation.name, { signal, ...(caller ? { caller } : {}) });
      signal?.throwIfAborted();
      notes.push(`The page was reduced from ${first} to ${smaller} items to stay under ${maxBytes} bytes; pass pageInfo.endCursor as \`after\` for more.`);
    }
    progress?.(`${operation.name} answered; shaping the reply`);
    return shapeAnswer(result, fields, maxBytes, notes);
  }

  let watcher: FSWatcher | undefined;
  let pending: NodeJS.Timeout | undefined;
  await toolset.reload();
  if (options.watch) {
    // Editors write files in several steps; one reload after the burst is enough.
    watcher = watch(options.operationsDir, () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        toolset.reload().then(
          (changed) => changed && listeners.forEach((l) => l()),
          () => undefined,
        );
      }, 100);
    });
    // A folder that disappears stops the reloads; the tools loaded last stay.
    watcher.on('error', () => watcher?.close());
  }
  return toolset;
}

function invalid(tool: string, problems: string[]): ToolResult {
  return errorResult(`Invalid arguments for ${tool}: ${problems.join('; ')}. The input schema (tools/list) shows every argument.`);
}

function defaultOf(tool: OperationTool, name: string): unknown {
  return tool.definition.inputSchema.properties?.[name]?.default;
}

export function toolDefinitionOf(schema: GraphQLSchema, operation: PersistedOperation): ToolDefinition {
  const input = operationInputSchema(schema, operation.definition);
  const mutation = operation.definition.operation === 'mutation';
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const data = selectionSchema(schema, root, operation.definition.selectionSet);
  return {
    name: operation.toolName,
    title: operation.name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    description: operation.description,
    inputSchema: { ...input, type: 'object', properties: { ...input.properties, fields: FIELDS_ARGUMENT } },
    outputSchema: {
      type: 'object',
      properties: {
        data,
        errors: { type: 'array', description: 'Errors beside partial data (a source that failed answers null).', items: { type: 'object' } },
        note: { type: 'string', description: 'What was cut to keep the answer small.' },
      },
      required: ['data'],
    },
    // A user tool's mutation writes the user's own list: setting the same entry twice is one change.
    annotations: { title: operation.name, ...(mutation ? { readOnlyHint: false, openWorldHint: false } : READ_ONLY), idempotentHint: true, destructiveHint: false },
  };
}
