// System parts that `npm ci` cannot install (a browser, a Milvus server, a Redis server, PostgreSQL). On a
// developer's machine a suite that needs a missing one is skipped with one loud line naming the part
// and the command that installs it; with the part's REQUIRE_* flag set (CI sets all of them) a missing
// part fails the run instead, so CI can never pass by skipping.

export type SystemPart = 'browser' | 'milvus' | 'redis' | 'postgres';

interface PartInfo {
  name: string;
  flag: string;
  install: string;
}

export const SYSTEM_PARTS: Record<SystemPart, PartInfo> = {
  browser: { name: 'Chromium', flag: 'REQUIRE_BROWSER', install: 'apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)' },
  milvus: { name: 'Milvus Lite', flag: 'REQUIRE_MILVUS', install: 'pip install milvus-lite==3.2.2 pymilvus==3.0.2 (or set MILVUS_ADDRESS)' },
  redis: { name: 'Redis', flag: 'REQUIRE_REDIS', install: 'apt-get update && apt-get install -y redis-server (or set REDIS_URL)' },
  postgres: { name: 'PostgreSQL', flag: 'REQUIRE_POSTGRES', install: 'apt-get update && apt-get install -y postgresql (or set DATABASE_URL)' },
};

export function isRequired(part: SystemPart, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[SYSTEM_PARTS[part].flag];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The one line printed when a suite is skipped for a missing part. */
export function skipLine(part: SystemPart, problem: string, suite: string): string {
  const { name, install } = SYSTEM_PARTS[part];
  return `SKIPPED ${suite}: ${name} is missing (${problem}). Install it with: ${install}`;
}

/**
 * `describe` when the part is there (problem === null), `describe.skip` after one loud line when it
 * is not; throws when the part is required, which fails the suite at load.
 */
export function describeWithPart(part: SystemPart, problem: string | null, suite: string): jest.Describe {
  if (problem === null) return describe;
  const { name, flag, install } = SYSTEM_PARTS[part];
  if (isRequired(part)) throw new Error(`${suite} cannot run: ${name} is missing (${problem}) and ${flag} is set. Install it with: ${install}`);
  const line = skipLine(part, problem, suite);
  // console.warn under jest prints a stack-framed block; write the single line straight to stderr.
  process.stderr.write(`\n!!! ${line}\n`);
  return describe.skip;
}
