// Generated operation types must be what codegen produces from today's schema and operations.
// Codegen runs in a child Node process: its plugins load ESM-only packages that jest's module
// runtime cannot require.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const GENERATE_IN_MEMORY = `
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
`;

describe('src/generated/operations.ts', () => {
  it('is reproducible from codegen.yml (run `npm run codegen` when this fails)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', GENERATE_IN_MEMORY], { maxBuffer: 16 << 20 });
    const outputs = JSON.parse(stdout) as Array<{ filename: string; content: string }>;
    const generated = outputs.find((o) => o.filename.endsWith('src/generated/operations.ts'));
    expect(generated).toBeDefined();
    expect(await readFile('src/generated/operations.ts', 'utf8')).toBe(generated!.content);
  });
});
