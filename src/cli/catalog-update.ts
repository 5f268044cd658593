// `npm run catalog:update`: downloads the anime-offline-database into CATALOG_PATH, then AniDB's
// titles dump into CATALOG_ANIDB_TITLES_PATH (at most once a day). Thin on purpose: downloading,
// validation and atomic install live in src/catalog/aod/download.ts and providers/anidb-titles-download.ts.
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { DEFAULT_CATALOG_PATH, downloadCatalog } from '../catalog/aod/download.js';
import { downloadAnidbTitles } from '../catalog/providers/anidb-titles-download.js';
import { loadConfig, type Config } from '../config/index.js';

const MB = 1024 * 1024;
const mb = (bytes: number): string => (bytes / MB).toFixed(1);

/** A bar on a terminal; otherwise (CI, logs) a line every 10% of a known size, or every 5 MB of an unknown one. */
function progressReporter(): { onProgress: (received: number, total: number | null) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  let nextMark = 0;
  return {
    onProgress(received, total) {
      if (process.stderr.isTTY && total !== null) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: 'catalog [{bar}] {percentage}% | {done}/{size} MB', hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0, { done: mb(0), size: mb(total) });
        }
        bar.update(received, { done: mb(received) });
        return;
      }
      if (received < nextMark || received === 0) return;
      const step = total !== null ? Math.max(total / 10, 1) : 5 * MB;
      nextMark = (Math.floor(received / step) + 1) * step;
      const share = total !== null ? ` (${Math.round((received / total) * 100)}%)` : '';
      process.stderr.write(`catalog: ${mb(received)}${total !== null ? `/${mb(total)}` : ''} MB${share}\n`);
    },
    stop: () => bar?.stop(),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.CATALOG_URL;
  // Without CATALOG_PATH the server reads the bundled sample; the full download goes beside it.
  const destination = config.defaultAodSample ? resolve(config.root, DEFAULT_CATALOG_PATH) : config.aodPath;
  process.stderr.write(`catalog: downloading ${url}\n`);
  const progress = progressReporter();
  try {
    const report = await downloadCatalog({ url, destination, onProgress: progress.onProgress });
    progress.stop();
    process.stdout.write(
      [
        `Catalog updated: ${report.path}`,
        `  entries:    ${report.entries.valid} (${report.entries.invalid} invalid skipped)`,
        `  size:       ${mb(report.bytes)} MB, sha256 ${report.sha256}`,
        `  lastUpdate: ${report.lastUpdate ?? 'unknown'}`,
        `  meta:       ${report.metaPath}`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    progress.stop();
    process.stderr.write(`catalog:update failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
  await updateAnidbTitles(config);
}

async function updateAnidbTitles(config: Config): Promise<void> {
  if (!config.CATALOG_ANIDB_TITLES_PATH || config.CATALOG_ANIDB_TITLES_PATH === 'off') return;
  try {
    const report = await downloadAnidbTitles({
      url: config.ANIDB_TITLES_URL,
      destination: resolve(config.root, config.CATALOG_ANIDB_TITLES_PATH),
      userAgent: config.USER_AGENT,
    });
    process.stdout.write(
      report.fetched
        ? `AniDB titles updated: ${report.path} (${report.anime} anime, ${report.titles} titles, ${mb(report.bytes)} MB)\n`
        : `AniDB titles kept: ${report.path} is ${Math.round(report.ageMs / 3600_000)} h old (AniDB allows one download a day)\n`,
    );
  } catch (err) {
    process.stderr.write(`catalog:update: AniDB titles failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

await main();
