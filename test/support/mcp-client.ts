// Small helpers for tests that drive the MCP server with the SDK client.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

/** Calls a tool that must succeed and returns its structured answer. */
export async function callJson(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent ?? JSON.parse(textOf(result));
}
