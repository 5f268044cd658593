// `npm run bench [-- --quick]`: start-up, HTTP (gateway vs direct Apollo Server) and in-process
// search, printed as one table and written to bench/results/latest.json.
// Fails (exit 1) only on errors — failed requests, GraphQL errors, crashes — never on timings.
import { resolve } from 'node:path';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { runHttpSuite } from './http.js';
import { runKnnSuite } from './knn.js';
import { runPeerSuite } from './peer.js';
import { BenchError, describeMachine, formatTable, machineLine, writeReport, type Row } from './report.js';
import { runSearchSuite } from './search.js';
import { runSimilaritySuite } from './similarity.js';
import { runEmbedSuite } from './embed.js';
import { runWordVectorSuite } from './word-vectors.js';
import { runStartupSuite, startGateway } from './startup.js';
import { runUniversalSuite } from './universal.js';
import { runEnrichSuite } from './enrich.js';

const quick = process.argv.includes('--quick');
/** Interleaved runs of the direct server and the embedded gateway per figure (medians). */
const HTTP_ROUNDS = 3;
const durations = quick ? { httpSeconds: 2, httpWarmupSeconds: 1, searchTaskMs: 300, searchWarmupMs: 100 } : { httpSeconds: 10, httpWarmupSeconds: 2, searchTaskMs: 1500, searchWarmupMs: 300 };
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const machine = describeMachine();
  const timestamp = new Date().toISOString();
  // `--suite enrich`: the harvest against the replay server alone (not part of the full run).
  // `--suite startup`: cold and warm starts in fresh processes only (also part of the full run).
  const suite = process.argv.find((a) => a.startsWith('--suite='))?.slice(8) ?? (process.argv.includes('--suite') ? process.argv[process.argv.indexOf('--suite') + 1] : undefined);
  if (suite === 'startup') {
    log(`bench${quick ? ' (quick)' : ''}: start-up suite`);
    const startup = await runStartupSuite({ quick, log });
    const file = resolve(projectRoot(), 'bench/results/startup.json');
    await writeReport(file, { machine, timestamp, quick, durations: { httpSeconds: 0, httpWarmupSeconds: 0, searchTaskMs: 0 }, rows: startup.rows, details: { startup: startup.details } });
    console.log(`\n${machineLine(machine)}\n${timestamp}\n\n${formatTable(startup.rows)}\n`);
    const missed = startup.rows.filter((r) => r.goals.some((g) => !g.met));
    console.log(missed.length ? `Goals missed (not a failure): ${missed.map((r) => r.figure).join('; ')}` : 'All goals met.');
    console.log(`Written: ${file}`);
    return;
  }
  if (suite === 'peer') {
    // `--suite peer`: our gateways beside Hive Gateway only (also part of the full run).
    log(`bench${quick ? ' (quick)' : ''}: peer suite (Hive Gateway)`);
    const started = await startGateway(loadConfig({ SIMILARITY_WARM: 'false' }));
    let peer: Awaited<ReturnType<typeof runPeerSuite>>;
    try {
      peer = await runPeerSuite({ catalog: started.catalog, embeddedUrl: started.gatewayUrl, duration: durations.httpSeconds, warmup: durations.httpWarmupSeconds, log });
    } finally {
      await started.gateway.close();
    }
    const file = resolve(projectRoot(), 'bench/results/peer.json');
    await writeReport(file, { machine, timestamp, quick, durations: { httpSeconds: durations.httpSeconds, httpWarmupSeconds: durations.httpWarmupSeconds, searchTaskMs: 0 }, rows: peer.rows, details: { peer: peer.details } });
    console.log(`\n${machineLine(machine)}\n${timestamp}\n\n${formatTable(peer.rows)}\n`);
    const missed = peer.rows.filter((r) => r.goals.some((g) => !g.met));
    console.log(missed.length ? `Goals missed (not a failure): ${missed.map((r) => r.figure).join('; ')}` : 'All goals met.');
    console.log(`Written: ${file}`);
    return;
  }
  if (suite !== undefined) {
    if (suite !== 'enrich') throw new BenchError(`unknown suite ${JSON.stringify(suite)}; known: enrich, peer, startup`);
    log(`bench${quick ? ' (quick)' : ''}: enrich suite`);
    const enrich = await runEnrichSuite({ quick, log });
    const file = resolve(projectRoot(), 'bench/results/enrich.json');
    await writeReport(file, { machine, timestamp, quick, durations: { httpSeconds: 0, httpWarmupSeconds: 0, searchTaskMs: 0 }, rows: enrich.rows, details: { enrich: enrich.details } });
    console.log(`\n${machineLine(machine)}\n${timestamp}\n\n${formatTable(enrich.rows)}\n`);
    const missed = enrich.rows.filter((r) => r.goals.some((g) => !g.met));
    console.log(missed.length ? `Goals missed (not a failure): ${missed.map((r) => r.figure).join('; ')}` : 'All goals met.');
    console.log(`Written: ${file}`);
    return;
  }
  // Fresh-process starts first, while nothing else runs in this process.
  log(`bench${quick ? ' (quick)' : ''}: start-up in fresh processes, cold then warm…`);
  const freshStarts = await runStartupSuite({ quick, log });
  log(`bench${quick ? ' (quick)' : ''}: loading the catalog and starting the embedded gateway…`);
  // Defaults only (no environment), so every run benchmarks the same catalog.
  // The similarity index is measured by its own suite; built in the background it would disturb the HTTP runs.
  const config = loadConfig({ SIMILARITY_WARM: 'false' });
  const started = await startGateway(config);
  const rows: Row[] = [];
  const details: Record<string, unknown> = { startup: started.details, freshStarts: freshStarts.details };
  try {
    log(`  ready: ${started.catalog.size} entries at ${started.gatewayUrl}`);
    const http = await runHttpSuite({
      catalog: started.catalog,
      gatewayUrl: started.gatewayUrl,
      duration: durations.httpSeconds,
      warmup: durations.httpWarmupSeconds,
      rounds: HTTP_ROUNDS,
      log,
    });
    details['http'] = http.details;
    const peer = await runPeerSuite({ catalog: started.catalog, embeddedUrl: started.gatewayUrl, duration: durations.httpSeconds, warmup: durations.httpWarmupSeconds, log });
    details['peer'] = peer.details;
    const search = await runSearchSuite({ catalog: started.catalog, time: durations.searchTaskMs, warmupTime: durations.searchWarmupMs, perQueryRepeats: quick ? 5 : 21, log });
    details['search'] = search.details;
    const knn = await runKnnSuite({ catalog: started.catalog, quick, log });
    details['knn'] = knn.details;
    rows.push(...knn.rows);
    const embed = await runEmbedSuite({ catalog: started.catalog, quick, log });
    details['embed'] = embed.details;
    rows.push(...embed.rows);
    const wordVectors = await runWordVectorSuite({ log });
    details['wordVectors'] = wordVectors.details;
    rows.push(...wordVectors.rows);
    const similarity = await runSimilaritySuite({ catalog: started.catalog, quick, log });
    details['similarity'] = similarity.details;
    rows.push(...similarity.rows);
    const universal = await runUniversalSuite({ quick, log });
    details['universal'] = universal.details;
    rows.push(...http.rows, ...peer.rows, ...universal.rows, ...search.rows, ...started.rows, ...freshStarts.rows);
  } finally {
    await started.gateway.close();
  }

  const file = resolve(projectRoot(), 'bench/results/latest.json');
  await writeReport(file, {
    machine,
    timestamp,
    quick,
    durations: { httpSeconds: durations.httpSeconds, httpWarmupSeconds: durations.httpWarmupSeconds, searchTaskMs: durations.searchTaskMs },
    rows,
    details,
  });

  console.log('');
  console.log(machineLine(machine));
  console.log(`${timestamp}${quick ? ' — quick run (2 s per HTTP run): figures are indicative' : ''}`);
  console.log('');
  console.log(formatTable(rows));
  console.log('');
  const missed = rows.filter((r) => r.goals.some((g) => !g.met));
  console.log(missed.length ? `Goals missed (not a failure): ${missed.map((r) => r.figure).join('; ')}` : 'All goals met.');
  console.log(`Written: ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench failed: ${message}`);
    process.exit(1);
  },
);
