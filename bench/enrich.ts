// Enrich suite (`npm run bench -- --suite enrich`): the harvest over the whole catalog against the
// loopback replay server (real recordings; ids without one answer as the source would: left out
// of AniList's page, 404 from Jikan and Kitsu), one source at a time and then all three together
// (the floor of a joint run: the slowest source's, for the requests each sent), on a fresh SQLite store, with
// the published limits' windows divided by a per-source SCALE. The figure is the total time of the
// run against the floor those limits allow for the requests it sent (src/enrich/floor.ts); goal
// ≤ 1.1×. The scales keep each request's share of its window (AniList 2 s, Jikan 1 s, Kitsu 0.1 s
// at the real limits) well above what a request costs here (answer, validation, SQLite commit), as
// at the real limits; scaled further the run measures this machine's speed, not the limits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadCatalog } from '../src/catalog/index.js';
import { createHarvestKit, harvestSources, runHarvest, targetsFromRecords, type HarvestSourceName } from '../src/enrich/index.js';
import { openStore } from '../src/store/index.js';
import { startReplayServer } from '../test/replay/server.js';
import { replayConfig, routeRecordings } from '../test/enrich/recordings.js';
import { BenchError, comparedRow, type Row } from './report.js';

/** AniList's minute becomes 3 s, Jikan's 1.2 s, Kitsu's second 0.5 s. */
export const SCALES: Record<HarvestSourceName, number> = { anilist: 20, jikan: 50, kitsu: 2 };
const GOAL_RATIO = 1.1;

export interface EnrichOptions {
  quick: boolean;
  log(line: string): void;
}

export async function runEnrichSuite(options: EnrichOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const replay = await startReplayServer();
  routeRecordings(replay);
  const config = replayConfig(replay, { UPSTREAM_TIMEOUT_MS: '8000', CATALOG_ENRICHMENT: 'false' });
  const dir = mkdtempSync(join(tmpdir(), 'bench-enrich-'));
  const rows: Row[] = [];
  const details: Record<string, unknown> = { scales: SCALES };
  try {
    const catalog = await loadCatalog(config);
    const targets = targetsFromRecords(catalog.records);
    options.log(`  enrich: ${targets.length} catalog entries`);
    // Each source alone, then all three side by side as `npm run catalog:enrich` runs them (an
    // anime a source does not know goes on to the next, so Jikan and Kitsu wait on AniList's pages).
    const scenarios: Array<HarvestSourceName | 'all'> = ['anilist', 'jikan', 'kitsu', 'all'];
    for (const scenario of scenarios) {
      const only = scenario === 'all' ? undefined : scenario;
      const store = await openStore({ sqlitePath: join(dir, `${scenario}.sqlite`) });
      const kit = createHarvestKit(config, { namespace: randomUUID() });
      try {
        const sources = harvestSources(kit, config, { scale: SCALES });
        const report = await runHarvest({
          store: store.enrichment,
          targets,
          sources,
          only,
          // Together, almost every anime falls through to Kitsu (the replay knows few), whose
          // 10/s would make a whole-catalog run take half an hour: a sample of 600 anime.
          limit: options.quick ? 200 : scenario === 'all' ? 600 : undefined,
          requestsSent: () => Object.fromEntries(Object.entries(kit.stats()).map(([name, s]) => [name, s.upstreamRequests])),
        });
        if (report.status !== 'finished') throw new BenchError(`enrich ${scenario}: run ${report.status}${report.error ? `: ${report.error}` : ''}`);
        const failed = Object.values(report.counts.failed).reduce((a, b) => a + b, 0);
        if (failed) throw new BenchError(`enrich ${scenario}: ${failed} entries failed (${JSON.stringify(report.counts.failed)})`);
        const requests = only ? (report.requests[only] ?? 0) : Object.values(report.requests).reduce((a, b) => a + (b ?? 0), 0);
        const ratio = report.floorMs > 0 ? report.elapsedMs / report.floorMs : null;
        options.log(`  enrich ${scenario}: ${report.counts.planned} anime, ${requests} requests (${JSON.stringify(report.requests)}) in ${(report.elapsedMs / 1000).toFixed(2)} s, floor ${(report.floorMs / 1000).toFixed(2)} s`);
        details[scenario] = { planned: report.counts.planned, requests, perSource: report.requests, elapsedMs: Math.round(report.elapsedMs), floorMs: report.floorMs, counts: report.counts };
        const scale = only ? `×${SCALES[only]}` : `×${SCALES.anilist}/${SCALES.jikan}/${SCALES.kitsu}`;
        rows.push(
          comparedRow(
            'enrich',
            `enrich ${only ?? 'all three side by side'}: ${report.counts.planned.toLocaleString('en-US')} anime in ${requests.toLocaleString('en-US')} requests, limits ${scale}: total vs floor`,
            report.elapsedMs / 1000,
            report.floorMs / 1000,
            's',
            ratio,
            ratio === null ? [] : [{ text: `≤ ${GOAL_RATIO}× the floor`, met: ratio <= GOAL_RATIO }],
          ),
        );
      } finally {
        await kit.close();
        await store.close();
      }
    }
  } finally {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, details };
}
