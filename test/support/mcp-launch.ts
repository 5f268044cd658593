// Runs the TypeScript stdio entry in a child process without a build: a tiny Node module hook
// (written to a temp folder) compiles .ts with swc, as jest does, and maps `.js` imports to `.ts`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(process.cwd());

const HOOKS = `
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const swc = createRequire(${JSON.stringify(pathToFileURL(join(ROOT, 'package.json')).href)})('@swc/core');
export async function resolve(specifier, context, next) {
  if (/\\.js$/.test(specifier) && context.parentURL && context.parentURL.startsWith('file:') && !context.parentURL.includes('/node_modules/') && /^(\\.|\\/|file:)/.test(specifier)) {
    const url = new URL(specifier, context.parentURL);
    const ts = new URL(url.href.replace(/\\.js$/, '.ts'));
    if (!existsSync(fileURLToPath(url)) && existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = swc.transformSync(await readFile(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
`;

const launchers = new Map<string, string>();

/**
 * A script that installs the hook and then imports a TypeScript entry (relative to the project):
 * `node <script> [args]` runs it with no Node flags and no build.
 */
export function tsLauncher(entry: string): string {
  let launcher = launchers.get(entry);
  if (!launcher) {
    const dir = mkdtempSync(join(tmpdir(), 'ts-launch-'));
    writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
    launcher = join(dir, 'launch.mjs');
    writeFileSync(
      launcher,
      `import { register } from 'node:module';\n` +
        `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n` +
        `await import(${JSON.stringify(pathToFileURL(join(ROOT, entry)).href)});\n`,
    );
    launchers.set(entry, launcher);
  }
  return launcher;
}

/** gateway/cli/mcp-stdio.ts as one command line, so clients that take one (the Inspector) can run it. */
export function stdioLauncher(): string {
  return tsLauncher('gateway/cli/mcp-stdio.ts');
}

/** `node` arguments that run gateway/cli/mcp-stdio.ts (plus extra flags for it). */
export function stdioServerArgs(extra: string[] = []): string[] {
  return ['--no-warnings', stdioLauncher(), ...extra];
}

/**
 * The child's environment: the bundled catalog and no network — every upstream points at a
 * closed loopback port and no tokens are passed.
 */
export function offlineEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'NODE_PATH', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key]!;
  return {
    ...env,
    LOG_LEVEL: 'silent',
    JIKAN_BASE_URL: 'http://127.0.0.1:9/v4',
    ANILIST_URL: 'http://127.0.0.1:9/anilist',
    KITSU_BASE_URL: 'http://127.0.0.1:9/kitsu',
    ANIMESCHEDULE_BASE_URL: 'http://127.0.0.1:9/v3',
  };
}
