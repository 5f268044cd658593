// The MCP bridge: persisted GraphQL operations as MCP tools, over stdio or Streamable HTTP.
export { createMcpServer, SERVER_INFO, type McpServerOptions } from './server.js';
export { registerMcpRoutes, type McpRoutesOptions } from './http.js';
export { createToolset, DEFAULT_MAX_RESULT_BYTES } from './tools.js';
export { toolNameOf } from './operations.js';
export type { AskContext, AskFunction, AskPlan, Executor, McpCaller, McpExecutionResult, ToolDefinition, ToolResult, Toolset, ToolsetOptions } from './types.js';
