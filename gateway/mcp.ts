// Front door for agents: the MCP tools (one per persisted operation, plus ask / search_schema /
// introspect / execute) over Streamable HTTP at /mcp, with natural-language `ask` backed by the
// NLQ resolver when the catalog is in this process.
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import { registerMcpRoutes, type AskFunction, type Executor, type ToolsetOptions } from '../src/mcp/index.js';
import { chatModelFromConfig, createNlqResolver, titledItems } from '../src/nlq/index.js';

export async function mcpOptions(config: Config, execute: Executor, catalog: Catalog | null): Promise<ToolsetOptions & { sessionIdleMs: number }> {
  const nlq = catalog ? createNlqResolver({ catalog, llm: await chatModelFromConfig(config) }) : null;
  const ask: AskFunction | undefined = nlq ? (text, context) => nlq.resolve(text, context) : undefined;
  return {
    operationsDir: resolve(config.root, 'schema/operations'),
    schemaPath: resolve(config.root, 'schema/api.graphql'),
    execute,
    ask,
    onAskAnswered: (context, _plan, result) => {
      if (nlq && context.sessionId) nlq.remember(context.sessionId, titledItems(result.data));
    },
    allowExecute: config.MCP_ALLOW_EXECUTE,
    maxResultBytes: config.MCP_MAX_RESULT_BYTES,
    sessionIdleMs: config.MCP_SESSION_IDLE_S * 1000,
    watch: config.MCP_WATCH,
  };
}

export async function registerMcp(app: FastifyInstance, config: Config, execute: Executor, catalog: Catalog | null): Promise<void> {
  await registerMcpRoutes(app, await mcpOptions(config, execute, catalog));
}
