/**
 * Launches the system Chromium (Debian's `chromium` package) through playwright-core. Playwright's
 * own browser download is never used. Suites ask `chromiumProblem()` first and skip (or, with
 * REQUIRE_BROWSER set, fail) when it names one: see ./system-parts.ts.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : DEFAULT_CHROMIUM_PATH;
}

/** Why Chromium cannot be launched here, or null when the executable is there. */
export function chromiumProblem(): string | null {
  const executablePath = chromiumPath();
  try {
    accessSync(executablePath, constants.X_OK);
    return null;
  } catch {
    return `no executable at ${executablePath}`;
  }
}

export async function launchChromium(): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(`Chromium cannot start: ${problem}`);
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
}
