// `npm run catalog:enrich` as a user runs it: the CLI in a process of its own against the loopback
// replay of the real recordings. Bad arguments exit 1 with the usage, --dry-run plans without
// writing, and a run writes the store and prints its summary.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../../src/store/index.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';
import { tsLauncher } from '../support/mcp-launch.js';
import { routeRecordings } from './recordings.js';

let replay: ReplayServer;
let dir: string;

beforeAll(async () => {
  replay = await startReplayServer();
  routeRecordings(replay);
  dir = mkdtempSync(join(tmpdir(), 'enrich-cli-'));
});

afterAll(async () => {
  await replay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cliEnv(storePath: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANILIST_URL: `${replay.url}/anilist`,
    JIKAN_BASE_URL: `${replay.url}/jikan`,
    KITSU_BASE_URL: `${replay.url}/kitsu`,
    STORE_PATH: storePath,
    DATABASE_URL: '',
    REDIS_URL: '',
    UPSTREAM_TIMEOUT_MS: '1500',
  };
}

async function enrich(args: string[], storePath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = cliEnv(storePath);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--no-warnings', tsLauncher('src/cli/catalog-enrich.ts'), ...args], { env, maxBuffer: 8 << 20, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run catalog:enrich', () => {
  it.each([
    { args: ['--limit', '0'], message: '--limit must be a whole number ≥ 1, not "0"' },
    { args: ['--only', 'myanimelist'], message: '--only must be one of anilist, jikan, kitsu, not "myanimelist"' },
    { args: ['--fast'], message: 'unknown option --fast' },
    { args: ['--limit'], message: '--limit needs a value' },
  ])('refuses $args with a message and exit code 1, writing nothing', async ({ args, message }) => {
    const storePath = join(dir, `refused-${args.join('')}.sqlite`);
    const { code, stderr } = await enrich(args, storePath);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(existsSync(storePath)).toBe(false);
  }, 120_000);

  it('plans with --dry-run and asks nobody', async () => {
    replay.reset();
    const { code, stdout } = await enrich(['--dry-run', '--limit', '120', '--only', 'anilist'], join(dir, 'dry.sqlite'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^catalog: [\d,]+ entries; store: /m);
    // AniList takes 50 ids a request: 120 anime are 3 requests.
    expect(stdout).toMatch(/would ask about 120 anime:\n {2}anilist +120 anime in 3 requests/);
    expect(replay.requests).toHaveLength(0);
  }, 120_000);

  it('harvests, writes the store and prints the summary', async () => {
    replay.reset();
    const storePath = join(dir, 'run.sqlite');
    const { code, stdout } = await enrich(['--limit', '3', '--only', 'anilist'], storePath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/finished/);
    const asked = replay.requests.filter((r) => r.path === '/anilist/');
    expect(asked).toHaveLength(1);
    expect((JSON.parse(asked[0]!.body) as { variables: { ids: number[] } }).variables.ids).toHaveLength(3);
    const store = await openStore({ sqlitePath: storePath });
    try {
      expect((await store.enrichment.states()).size).toBe(3);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('stops on Ctrl-C after the batches in flight, keeps the checkpoint, and the next run continues where it stopped', async () => {
    replay.reset();
    replay.fault({ path: /^\/jikan\//, method: 'GET' }, { latencyMs: 200 });
    const storePath = join(dir, 'interrupted.sqlite');
    const args = ['--only', 'jikan', '--limit', '20'];
    const child = spawn(process.execPath, ['--no-warnings', tsLauncher('src/cli/catalog-enrich.ts'), ...args], { env: cliEnv(storePath) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Ctrl-C once a few anime have been asked about (Jikan allows 3 a second).
    while (replay.requests.filter((r) => r.path.startsWith('/jikan/')).length < 4) await new Promise((done) => setTimeout(done, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping after the batches in flight');
    expect(stdout).toMatch(/interrupted \(checkpoint kept: run again to resume\)/);
    const firstAsked = new Set(replay.requests.filter((r) => r.path.startsWith('/jikan/')).map((r) => r.path));
    const store = await openStore({ sqlitePath: storePath });
    let kept: number;
    try {
      kept = (await store.enrichment.states()).size;
    } finally {
      await store.close();
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(20);

    replay.reset();
    const again = await enrich(args, storePath);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/finished/);
    const secondAsked = new Set(replay.requests.filter((r) => r.path.startsWith('/jikan/')).map((r) => r.path));
    // The next 20 due anime: what the first run kept is not asked again (only an answer that was
    // in flight at Ctrl-C, never committed, may be); a restart would ask the first run's again.
    expect(secondAsked.size).toBe(20);
    expect([...secondAsked].filter((path) => firstAsked.has(path)).length).toBeLessThanOrEqual(firstAsked.size - kept);
    const after = await openStore({ sqlitePath: storePath });
    try {
      expect((await after.enrichment.states()).size).toBeGreaterThanOrEqual(20 + kept - (firstAsked.size - kept));
    } finally {
      await after.close();
    }
  }, 180_000);
});
