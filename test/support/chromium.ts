/**
 * Launches the system Chromium (Debian's `chromium` package) through playwright-core. Playwright's
 * own browser download is never used. A missing browser is an error, not a skip.
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

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found (or not executable) at ${executablePath}. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium/Chrome executable.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
}
