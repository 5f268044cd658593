// Front door for agents: the MCP tools (one per persisted operation, plus ask / search_schema /
// introspect / execute) over Streamable HTTP at /mcp, with natural-language `ask` backed by the
// NLQ resolver when the catalog is in this process.
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../src/auth/index.js';
import type { App } from './app.js';
import type { Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import { registerMcpRoutes, type AskFunction, type Executor, type McpCaller, type ToolsetOptions } from '../src/mcp/index.js';
import { chatModelFromConfig, createNlqResolver, titledItems } from '../src/nlq/index.js';

/** How MCP over HTTP learns who calls: the access layer's principal, and the user context it runs with. */
export interface McpIdentity {
  principalOf(request: FastifyRequest): Principal | undefined;
  contextOf(principal: Principal): Record<symbol, unknown>;
}

/** The session's caller for a request with a verified key; undefined for anonymous ones. */
function callerOf(identity: McpIdentity, request: FastifyRequest): McpCaller | undefined {
  const principal = identity.principalOf(request);
  if (!principal || principal.kind !== 'key' || !principal.keyId) return undefined;
  // Built per call, so each operation loads the preferences as they are then.
  return { keyId: principal.keyId, userId: principal.userId, context: () => identity.contextOf(principal) };
}

export async function mcpOptions(config: Config, run: App['execute'], catalog: Catalog | null): Promise<ToolsetOptions & { sessionIdleMs: number }> {
  // The bridge hands over its caller; the app runs the operation with that caller's context.
  const execute: Executor = (source, variables, operationName, options = {}) =>
    run(source, variables, operationName, { ...(options.signal ? { signal: options.signal } : {}), ...(options.caller ? { callerContext: options.caller.context() } : {}) });
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

export async function registerMcp(app: FastifyInstance, config: Config, execute: App['execute'], catalog: Catalog | null, identity?: McpIdentity): Promise<void> {
  await registerMcpRoutes(app, { ...(await mcpOptions(config, execute, catalog)), ...(identity ? { identify: (request: FastifyRequest) => callerOf(identity, request) } : {}) });
}
