// `npm run catalog:enrich [-- --limit N --only anilist|jikan|kitsu --force --dry-run]`: asks the
// sources about every catalog entry and keeps their answers in the local store (src/enrich).
// Ctrl-C stops after the batches in flight (their answers and the checkpoint are committed); run
// again to continue. A second Ctrl-C quits at once, which loses only the uncommitted batches.
import cliProgress from 'cli-progress';
import { loadCatalog } from '../catalog/index.js';
import { ConfigError, loadConfig } from '../config/index.js';
import {
  createHarvestKit,
  formatDuration,
  formatPlan,
  formatSummary,
  HARVEST_SOURCES,
  harvestSources,
  planHarvest,
  runHarvest,
  targetsFromRecords,
  type HarvestProgress,
  type HarvestSourceName,
} from '../enrich/index.js';
import { openStore, storeTarget } from '../store/index.js';

interface Args {
  limit?: number;
  only?: HarvestSourceName;
  force: boolean;
  dryRun: boolean;
}

const USAGE = 'usage: npm run catalog:enrich -- [--limit N] [--only anilist|jikan|kitsu] [--force] [--dry-run]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { force: false, dryRun: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[(i += 1)];
      if (v === undefined) throw new ConfigError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--limit') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new ConfigError(`--limit must be a whole number ≥ 1, not ${JSON.stringify(v)}`);
      args.limit = Number(v);
    } else if (flag === '--only') {
      const v = value();
      if (!(HARVEST_SOURCES as readonly string[]).includes(v)) throw new ConfigError(`--only must be one of ${HARVEST_SOURCES.join(', ')}, not ${JSON.stringify(v)}`);
      args.only = v as HarvestSourceName;
    } else if (flag === '--force') args.force = true;
    else if (flag === '--dry-run') args.dryRun = true;
    else throw new ConfigError(`unknown option ${flag}\n${USAGE}`);
  }
  return args;
}

function progressLine(p: HarvestProgress): string {
  const share = p.total ? Math.floor((p.done / p.total) * 100) : 100;
  const requests = HARVEST_SOURCES.map((s) => `${s} ${p.lanes[s].requests}${p.lanes[s].down ? ' (down)' : ''}`).join(' ');
  const failed = Object.values(p.counts.failed).reduce((a, b) => a + b, 0);
  return `enrich: ${p.done}/${p.total} anime (${share}%), ${p.ratePerMinute.toFixed(1)}/min, ETA ${formatDuration(p.etaMs)}, requests ${requests}, failed ${failed}`;
}

/** A bar on a terminal; otherwise a plain line every 10 s (CI, logs, pipes). */
function progressReporter(total: number): { update(p: HarvestProgress): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stdout, format: 'enrich [{bar}] {percentage}% | {value}/{total} anime | {rate}/min | ETA {eta} | {requests} | failed {failed}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { rate: '0.0', eta: '?', requests: '', failed: 0 });
    return {
      update(p) {
        bar.update(p.done, {
          rate: p.ratePerMinute.toFixed(1),
          eta: formatDuration(p.etaMs),
          requests: HARVEST_SOURCES.map((s) => `${s} ${p.lanes[s].requests}`).join(' '),
          failed: Object.values(p.counts.failed).reduce((a, b) => a + b, 0),
        });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < 10_000 && p.done < p.total) return;
      last = Date.now();
      process.stdout.write(`${progressLine(p)}\n`);
    },
    stop() {},
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const catalog = await loadCatalog(config);
  const targets = targetsFromRecords(catalog.records);
  const store = await openStore(storeTarget(config));
  log(`catalog: ${catalog.size} entries; store: ${store.location} (${store.dialect})`);
  const kit = createHarvestKit(config);
  try {
    await kit.ready(2000);
    const sources = harvestSources(kit, config);
    if (args.dryRun) {
      const states = await store.enrichment.states();
      const enabled = new Set(sources.map((s) => s.name).filter((name) => !args.only || name === args.only));
      const now = Date.now();
      const { summary } = planHarvest(targets, sources.filter((s) => enabled.has(s.name)), { states, enabled, now, forceSince: args.force ? now : null }, args.limit);
      log(formatPlan(summary));
      return;
    }
    const stop = new AbortController();
    const onSigint = () => {
      if (stop.signal.aborted) process.exit(130);
      process.stderr.write('\nstopping after the batches in flight (checkpoint kept; run again to resume; Ctrl-C again to quit now)…\n');
      stop.abort();
    };
    process.on('SIGINT', onSigint);
    let reporter: ReturnType<typeof progressReporter> | null = null;
    const report = await runHarvest({
      store: store.enrichment,
      targets,
      sources,
      only: args.only,
      force: args.force,
      limit: args.limit,
      signal: stop.signal,
      requestsSent: () => Object.fromEntries(Object.entries(kit.stats()).map(([name, s]) => [name, s.upstreamRequests])),
      onProgress: (p) => {
        reporter ??= progressReporter(p.total);
        reporter.update(p);
      },
    });
    (reporter as ReturnType<typeof progressReporter> | null)?.stop();
    process.off('SIGINT', onSigint);
    log(formatSummary(report));
    if (report.status === 'failed') process.exitCode = 1;
  } finally {
    await kit.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`catalog:enrich failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
