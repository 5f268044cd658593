// A clone of this repository is all a user has: no tracked source, test, script or bench may reach
// for the team's sibling folder of shared material (copy what is needed into the repo instead).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = ['src', 'test', 'subgraphs', 'gateway', 'bench', 'scripts'];
// Spelled in two pieces so this file does not match itself.
const SIBLING = '..' + '/shared';

function trackedFiles(root: string): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...ROOTS], { cwd: root, encoding: 'utf8' }).split('\0').filter((file) => file && existsSync(join(root, file)));
  } catch {
    // Not a git checkout (an unpacked archive): every file under the roots.
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [relative(root, path)];
      });
    return ROOTS.flatMap((dir) => walk(join(root, dir)));
  }
}

describe('the repository is self-contained', () => {
  it(`no file git tracks (or would track) under ${ROOTS.join(', ')} mentions ${SIBLING}`, () => {
    const root = process.cwd();
    const files = trackedFiles(root);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => {
      const text = readFileSync(join(root, file));
      return text.includes(SIBLING);
    });
    expect(offenders).toEqual([]);
  });
});
