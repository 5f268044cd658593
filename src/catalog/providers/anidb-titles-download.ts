// Fetches AniDB's titles dump for the catalog updater. AniDB regenerates it once a day and bans
// clients that fetch it more often (HTTP API Definition, "Anime Titles"), so a copy younger than a
// day is kept without asking; a new copy is checked (gzip, XML, <animetitles>) before it replaces
// the old one, by a rename, so a failed download never leaves a broken file behind.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AnidbTitlesError, parseAnidbTitles } from './anidb-titles.js';

export const ANIDB_TITLES_MIN_AGE_MS = 24 * 3600_000;

export interface AnidbTitlesDownload {
  url: string;
  destination: string;
  userAgent: string;
  /** Give up after this long (connect and body). */
  timeoutMs?: number;
  now?: () => number;
}

export type AnidbTitlesReport =
  | { path: string; fetched: false; ageMs: number }
  | { path: string; fetched: true; bytes: number; anime: number; titles: number };

export async function downloadAnidbTitles(options: AnidbTitlesDownload): Promise<AnidbTitlesReport> {
  const now = options.now ?? Date.now;
  const existing = await stat(options.destination).catch(() => null);
  if (existing && now() - existing.mtimeMs < ANIDB_TITLES_MIN_AGE_MS) {
    return { path: options.destination, fetched: false, ageMs: Math.max(0, now() - existing.mtimeMs) };
  }
  let bytes: Buffer;
  try {
    const response = await fetch(options.url, {
      headers: { 'user-agent': options.userAgent, accept: 'application/gzip, application/x-gzip, */*' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    if (!response.ok) throw new AnidbTitlesError(`AniDB answered HTTP ${response.status} for the titles dump`);
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof AnidbTitlesError) throw error;
    throw new AnidbTitlesError(`the titles dump could not be fetched: ${(error as Error).message}`);
  }
  // An HTML page (AntiLeech, an error page) or a cut file must not replace a good copy.
  const titles = parseAnidbTitles(bytes);
  if (titles.size === 0) throw new AnidbTitlesError('the titles dump lists no anime');
  await mkdir(dirname(options.destination), { recursive: true });
  const temporary = `${options.destination}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, options.destination);
  } finally {
    await rm(temporary, { force: true });
  }
  return {
    path: options.destination,
    fetched: true,
    bytes: bytes.length,
    anime: titles.size,
    titles: [...titles.values()].reduce((sum, list) => sum + list.length, 0),
  };
}
