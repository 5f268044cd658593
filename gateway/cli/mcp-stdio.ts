// `npm run mcp`: the MCP server over stdio, running every operation in-process through the
// gateway (App.execute, with the depth and cost limits of /graphql). Stdout belongs to the
// protocol: nothing else may write there, so the app logs nothing and problems go to stderr.
// Flags: --no-execute (hide the execute tool), --max-result-bytes=N, --watch (reload operations),
// --operations-dir=DIR (another folder of persisted operations).
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createApp } from '../app.js';
import { createMcpServer } from '../../src/mcp/index.js';
import { mcpOptions } from '../mcp.js';

function flag(name: string): string | boolean | undefined {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : true;
}

async function main() {
  const app = await createApp({ logger: false });
  const maxBytes = flag('max-result-bytes');
  const operationsDir = flag('operations-dir');
  const defaults = await mcpOptions(app.config, app.execute, app.catalog);
  const server = await createMcpServer({
    ...defaults,
    operationsDir: typeof operationsDir === 'string' ? resolve(operationsDir) : defaults.operationsDir,
    allowExecute: flag('no-execute') === undefined && defaults.allowExecute,
    maxResultBytes: typeof maxBytes === 'string' ? Number(maxBytes) : defaults.maxResultBytes,
    watch: flag('watch') !== undefined || defaults.watch,
  });
  const transport = new StdioServerTransport();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    await app.close();
    process.exit(0);
  };
  transport.onclose = () => void shutdown();
  process.stdin.on('end', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await server.connect(transport);
  process.stderr.write(`anime-federation MCP server on stdio (catalog: ${app.catalog?.size ?? 'remote'} entries)\n`);
}

main().catch((error) => {
  process.stderr.write(`MCP server failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
