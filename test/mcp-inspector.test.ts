// The official MCP Inspector CLI as a second client that no one here wrote: it starts the stdio
// server itself (each run loads the catalog: ~15 s), lists the tools and calls one (arguments
// arrive as strings, as it sends them).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { offlineEnv, stdioLauncher } from './support/mcp-launch.js';

const run = promisify(execFile);

async function inspector(...methodArgs: string[]): Promise<any> {
  const env = Object.entries(offlineEnv()).filter(([key]) => !['PATH', 'HOME', 'TMPDIR', 'NODE_PATH'].includes(key)).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const { stdout } = await run('npx', ['--no-install', '@modelcontextprotocol/inspector', '--cli', ...env, process.execPath, stdioLauncher(), ...methodArgs], {
    timeout: 90_000,
    maxBuffer: 20 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

describe('MCP Inspector CLI', () => {
  it('lists the tools', async () => {
    const { tools } = await inspector('--method', 'tools/list');
    const names = tools.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['search_anime', 'get_anime_by_id', 'get_seasonal_anime', 'get_franchise', 'execute']));
    expect(tools.find((t: { name: string }) => t.name === 'search_anime').annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
  }, 120_000);

  it('calls a tool with string arguments', async () => {
    const result = await inspector('--method', 'tools/call', '--tool-name', 'get_seasonal_anime', '--tool-arg', 'year=1998', 'season=SPRING', 'first=2');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.data.seasonal.nodes).toHaveLength(2);
  }, 120_000);
});
