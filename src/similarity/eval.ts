// `npm run eval:similarity`: quality of the similarity service on real data — (a) hit@10 of
// `similar` against real recommendation pairs from the upstream recordings, (b) semantic search
// on the written narrative queries (test/fixtures/semantic-queries.json), (c) lexical vs vector
// vs hybrid, for the model-free engine and the neural path (fixture = random weights, plumbing
// only; models/all-MiniLM-L6-v2 = real weights, when exported there).
// (a) is honest about the co-recommendation signal: the pairs are split by their unordered pair
// (pair-split.ts), the graph is built from the signal half only and only the held-out half is
// scored, next to the content-only ranking as the baseline. (The server uses every pair.)
// Prints a summary; `-- --verbose` adds one line per pair and per left-out pair (~15k lines);
// `-- --same-franchise` measures `similar` with entries of the anime's own franchise kept;
// `-- --tune` splits the signal half again and scores its inner held-out part instead, for
// choosing constants without looking at the held-out half.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import { loadEngines } from './engines.js';
import { evaluateSemantic, evaluateSimilar, summarizeRanks, type NarrativeQuery, type RankingScore, type RankSummary } from './evaluate.js';
import { groupPairs, sameFranchisePairs } from './pair-groups.js';
import { CO_RECOMMENDATIONS_FILE, loadCoRecommendations } from './co-recommendation-data.js';
import { CoRecommendations } from './co-recommendations.js';
import { edgesOf, splitPairs } from './pair-split.js';
import { harvestRecommendationPairs } from './recommendation-pairs.js';
import { SimilarityService } from './service.js';
import { textVariants } from './text-variants.js';

const verbose = process.argv.includes('--verbose');
const sameFranchise = process.argv.includes('--same-franchise');
const tune = process.argv.includes('--tune');
const config = loadConfig();
const root = config.root;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const row = (label: string, s: RankingScore) => `  ${label.padEnd(44)} hit@10 ${pct(s.hitAt10)}  P@10 ${pct(s.precisionAt10)}  MRR@10 ${s.mrrAt10.toFixed(3)}  (n=${s.total})`;
const cell = (s: RankSummary) => `${pct(s.hitAt10)} ${s.mrrAt10.toFixed(3)}`;

const catalog = await loadCatalog(config);
const queries = (JSON.parse(readFileSync(resolve(root, 'test/fixtures/semantic-queries.json'), 'utf8')) as { queries: NarrativeQuery[] }).queries;
const harvest = harvestRecommendationPairs(catalog, resolve(root, 'test/fixtures/upstream'));
const split = splitPairs(harvest.pairs);
// Tuning never sees the held-out half: its signal half is split again (another salt) instead.
const measured = tune ? splitPairs(split.signal, 'tuning ') : split;
const signal = new CoRecommendations(edgesOf(measured.signal));
const known = (from: string) => new Set(signal.neighboursOf(from).keys());
const scored = measured.heldOut;
const groups = groupPairs(catalog, scored);
const inFranchise = sameFranchisePairs(catalog, scored);
const shipped = await loadCoRecommendations(resolve(root, CO_RECOMMENDATIONS_FILE), catalog);

console.log(`catalog: ${catalog.size} entries, ${catalog.records.filter((r) => r.synopsis).length} with a synopsis, ${catalog.records.filter((r) => r.tags.length).length} with tags`);
console.log(`(a) recommendation pairs: ${harvest.recorded} directed pairs in the recordings, ${harvest.pairs.length} with both ends in the catalog`);
for (const c of harvest.bySource) console.log(`      ${c.source.padEnd(40)} read ${String(c.read).padStart(6)}  mapped ${String(c.mapped).padStart(6)}  left out ${String(c.leftOut).padStart(6)}`);
console.log(
  `      split by unordered pair: ${split.signal.length} signal, ${split.heldOut.length} held out` +
    (tune ? `; --tune: the signal half split again, ${measured.signal.length} inner signal, ${scored.length} scored (the held-out half is not used)` : ''),
);
console.log(`      co-recommendation graph from the signal pairs: ${signal.size} anime, ${signal.pairCount} pairs; the asked anime of ${scored.filter((p) => signal.neighboursOf(p.from).size > 0).length} scored pairs is in it`);
const hops = scored.map((p) => hopsBetween(signal, p.from, p.to));
const share = (n: number) => `${n} (${pct(n / Math.max(scored.length, 1)).trim()})`;
console.log(`      the recommended anime lies 1 hop from the asked one in that graph (a leak: must be 0) for ${hops.filter((h) => h === 1).length} scored pairs, 2 hops for ${share(hops.filter((h) => h === 2).length)} scored pairs, 3 hops for ${share(hops.filter((h) => h === 3).length)}, farther or unlinked for ${share(hops.filter((h) => h === null).length)}`);
console.log(
  shipped.graph
    ? `      the server's graph (${CO_RECOMMENDATIONS_FILE}, every pair): ${shipped.mapped} of ${shipped.read} MALmap pairs on catalog anime, ${shipped.graph.size} anime`
    : `      the server's graph (${CO_RECOMMENDATIONS_FILE}): unavailable, ${shipped.problem}`,
);
console.log(`      scored pairs — ${groups.slice(1).map((g) => `${g.label}: ${g.indices.length}`).join(', ')}`);
console.log(`      recommended anime in the asked anime's own franchise (relations + title series; left out unless --same-franchise): ${inFranchise.length}`);
if (verbose) {
  for (const p of scored) console.log(`      ${p.from} (${catalog.byId(p.from)!.title}) → ${p.to} (${catalog.byId(p.to)!.title})  [${p.source}]`);
  for (const m of harvest.missing) console.log(`      left out (not in the catalog): ${m}`);
}
console.log(`(b) narrative queries: ${queries.length} (one expected film each, so P@10 is at most 10%)`);

const { variants, notes } = textVariants(root, { fixture: true });
for (const note of notes) console.log(`    ${note}`);

for (const variant of variants) {
  const started = performance.now();
  const text = await variant.load();
  // Exact search: the figures measure the embeddings, not the ANN index (its recall is in the bench).
  const engines = await loadEngines(catalog, config, { ...(text ? { text } : {}), store: 'exact', coRecommendations: signal });
  const service = new SimilarityService(catalog, async () => engines, { maxBytes: 0, timeoutMs: 0, allowPrivate: false });
  await service.warm();
  console.log(`\n${variant.name} — engines ready in ${Math.round(performance.now() - started)} ms`);
  const similarStarted = performance.now();
  const content = await evaluateSimilar(service, scored, { collaborative: false }, { sameFranchise });
  const similarMs = (performance.now() - similarStarted) / Math.max(new Set(scored.map((p) => p.from)).size, 1);
  const served = await evaluateSimilar(service, scored, {}, { sameFranchise });
  const filtered = await evaluateSimilar(service, scored, {}, { sameFranchise }, known);
  const fansOnly = await evaluateSimilar(service, scored, { vector: false }, { sameFranchise }, known);
  const columns: Array<[string, RankingScore]> = [
    ['content only (before)', content],
    ['+ fans, as served', served],
    ['+ fans, known filtered', filtered],
    ['fans only, filtered', fansOnly],
  ];
  console.log(`  (a) similar on the ${tune ? 'inner held-out (tuning)' : 'held-out'} pairs, sameFranchise: ${sameFranchise}; hit@10 and MRR@10 per column`);
  console.log(`      ${''.padEnd(40)} ${columns.map(([label]) => label.padEnd(24)).join('')}`);
  const outside = new Set(inFranchise);
  const rowsOf: Array<[string, (ranks: Array<number | null>) => Array<number | null>]> = [
    ...groups.map((g): [string, (ranks: Array<number | null>) => Array<number | null>] => [`${g.label} (n=${g.indices.length})`, (ranks) => g.indices.map((i) => ranks[i] ?? null)]),
    [`pairs outside the franchise (n=${scored.length - outside.size})`, (ranks) => ranks.filter((_, i) => !outside.has(i))],
  ];
  for (const [label, pick] of rowsOf) console.log(`      ${label.padEnd(40)} ${columns.map(([, s]) => cell(summarizeRanks(pick(s.ranks))).padEnd(24)).join('')}`);
  if (verbose) scored.forEach((p, i) => console.log(`      rank ${String(content.ranks[i] ?? '-').padStart(2)} → ${String(filtered.ranks[i] ?? '-').padStart(2)}  ${p.from} → ${p.to}`));
  const searchStarted = performance.now();
  const hybrid = await evaluateSemantic(service, queries);
  const searchMs = (performance.now() - searchStarted) / queries.length;
  console.log(row('(b) semanticSearch, lexical only (BM25)', await evaluateSemantic(service, queries, { vector: false })));
  console.log(row('(b) semanticSearch, vector only (synopsis)', await evaluateSemantic(service, queries, { lexical: false })));
  console.log(row('(b) semanticSearch, hybrid (RRF)', hybrid));
  console.log(`  mean latency: similar (all candidates) ${similarMs.toFixed(1)} ms, semanticSearch ${searchMs.toFixed(1)} ms (exact search, this machine)`);
  const misses = queries.filter((_, i) => hybrid.ranks[i] === null).map((q) => q.title);
  if (misses.length) console.log(`  hybrid misses: ${misses.join('; ')}`);
}

/** Shortest path length from `from` to `to` (up to 3), null beyond; the bound on what the fans' list can find. */
function hopsBetween(graph: CoRecommendations, from: string, to: string): number | null {
  let frontier = new Set([from]);
  const seen = new Set(frontier);
  for (let hop = 1; hop <= 3; hop++) {
    const next = new Set<string>();
    for (const id of frontier) for (const other of graph.neighboursOf(id).keys()) if (!seen.has(other)) next.add(other);
    if (next.has(to)) return hop;
    for (const id of next) seen.add(id);
    frontier = next;
  }
  return null;
}
