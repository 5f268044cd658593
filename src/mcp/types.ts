// The contract between the MCP bridge and what it runs on: an executor for GraphQL operations
// (the gateway's App.execute, with its depth and cost limits) and an optional `ask` resolver;
// and the Toolset's shape, which tools.ts builds and generic-tools.ts reads (so neither imports the other's types).
import type { GraphQLSchema } from 'graphql';
import type { JsonSchema } from './json-schema.js';
import type { PersistedOperation } from './operations.js';

export interface McpExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
  /** The gateway's response extensions (`degradation` when upstreams were touched). */
  extensions?: Record<string, unknown>;
}

/**
 * Who a session runs as: the verified key that opened it over HTTP (the gateway's access layer).
 * Absent for stdio and for sessions opened without a key.
 */
export interface McpCaller {
  /** The key's id: a user's session stays bound to the key that opened it. */
  keyId: string;
  /** The key's user account; the user tools (operationsDir/user) are listed only when set. */
  userId: string | null;
  /** What the executor runs an operation with so it runs as this caller (opaque to the bridge); built per call. */
  context(): Record<symbol, unknown>;
}

/** What a caller can hand an execution: the client's cancellation, and who runs it. */
export interface ExecutionOptions {
  /** Aborted when the caller gives up (MCP notifications/cancelled): the execution stops and rejects. */
  signal?: AbortSignal;
  /** The session's caller: operations run as them (their preferences apply; `viewer` is theirs). */
  caller?: McpCaller;
}

/** Runs one GraphQL operation with every limit of /graphql. */
export type Executor = (source: string, variables: Record<string, unknown>, operationName?: string, options?: ExecutionOptions) => Promise<McpExecutionResult>;

/** How a tool call reports back while it runs. */
export interface CallOptions extends ExecutionOptions {
  /** One step done (a message for the client's progress bar); called in order, never after the answer. */
  progress?: (message: string) => void;
}

export interface AskContext {
  sessionId?: string;
  timezone?: string;
  region?: string;
}

/** What the natural-language resolver proposes: a persisted operation name (or GraphQL source) and its variables. */
export interface AskPlan {
  operation: string;
  variables: Record<string, unknown>;
  explanation: string;
  suggestions: string[];
}

export type AskFunction = (text: string, context: AskContext) => Promise<AskPlan>;

export interface ToolDefinition {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  outputSchema?: JsonSchema & { type: 'object' };
  annotations: { title?: string; readOnlyHint: boolean; openWorldHint: boolean; idempotentHint?: boolean; destructiveHint?: boolean };
}

export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface ToolsetOptions {
  /** Folder of persisted operations (one named operation per .graphql file). */
  operationsDir: string;
  /**
   * Folder of the signed-in user's operations (`my_watchlist`, `add_to_watchlist`, …): tools listed
   * and callable only in a session whose caller has a user account. Default `<operationsDir>/user`.
   */
  userOperationsDir?: string;
  /** The public schema SDL (schema/api.graphql). */
  schemaPath: string;
  execute: Executor;
  /** The natural-language resolver; without it there is no `ask` tool. */
  ask?: AskFunction;
  /** Told what an `ask` operation answered, so the resolver can keep it for follow-ups ("the second one"). */
  onAskAnswered?: (context: AskContext, plan: AskPlan, result: McpExecutionResult) => void;
  /** Offer the `execute` tool (any operation); default true. */
  allowExecute?: boolean;
  /** Largest tool answer in bytes of JSON; default 50 kB. */
  maxResultBytes?: number;
  /** Reload the operations when the folder changes, and tell clients (tools/list_changed). */
  watch?: boolean;
}

/** The tools of every MCP session: persisted operations plus the generic ones (src/mcp/tools.ts builds it). */
export interface Toolset {
  readonly schema: GraphQLSchema;
  /** The executor the tools run on (resources and completions read through it too). */
  readonly execute: Executor;
  /** The public schema SDL file; the supergraph SDL sits beside it. */
  readonly schemaPath: string;
  /** The persisted operations loaded now. */
  operations(): PersistedOperation[];
  /** Operation files that could not become tools, with the reason. */
  readonly problems: string[];
  /** The tools `caller` may use: the user tools only for a caller with a user account. */
  list(caller?: McpCaller): ToolDefinition[];
  operation(nameOrTool: string): PersistedOperation | undefined;
  /** Runs a tool; rejects with the signal's reason once `options.signal` aborts. */
  call(name: string, args: unknown, options?: CallOptions): Promise<ToolResult>;
  reload(): Promise<boolean>;
  /** Called after a reload changed the tool list; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): void;
}
