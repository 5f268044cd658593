// `npm run eval:similarity`: quality of the similarity service on real data — (a) hit@10 of
// `similar` against real recommendation pairs from the upstream recordings, (b) semantic search
// on the written narrative queries (test/fixtures/semantic-queries.json), (c) lexical vs vector
// vs hybrid, for the model-free engine and the neural path (fixture = random weights, plumbing
// only; models/all-MiniLM-L6-v2 = real weights, when exported there).
// Prints a summary; `-- --verbose` adds one line per pair and per left-out pair (~15k lines);
// `-- --same-franchise` measures `similar` with entries of the anime's own franchise kept.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import type { TextEmbedder } from '../embed/index.js';
import { TransformersTextEmbedder } from '../embed/neural.js';
import { loadEngines } from './engines.js';
import { evaluateSemantic, evaluateSimilar, summarizeRanks, type NarrativeQuery, type RankingScore, type RankSummary } from './evaluate.js';
import { groupPairs, sameFranchisePairs } from './pair-groups.js';
import { harvestRecommendationPairs } from './recommendation-pairs.js';
import { SimilarityService } from './service.js';

const verbose = process.argv.includes('--verbose');
const sameFranchise = process.argv.includes('--same-franchise');
const config = loadConfig();
const root = config.root;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const row = (label: string, s: RankingScore) => `  ${label.padEnd(44)} hit@10 ${pct(s.hitAt10)}  P@10 ${pct(s.precisionAt10)}  MRR@10 ${s.mrrAt10.toFixed(3)}  (n=${s.total})`;
const groupRow = (label: string, s: RankSummary) => `      ${label.padEnd(40)} hit@10 ${pct(s.hitAt10)}  MRR@10 ${s.mrrAt10.toFixed(3)}  (n=${s.total})`;

const catalog = await loadCatalog(config);
const queries = (JSON.parse(readFileSync(resolve(root, 'test/fixtures/semantic-queries.json'), 'utf8')) as { queries: NarrativeQuery[] }).queries;
const harvest = harvestRecommendationPairs(catalog, resolve(root, 'test/fixtures/upstream'));
const groups = groupPairs(catalog, harvest.pairs);
const inFranchise = sameFranchisePairs(catalog, harvest.pairs);

console.log(`catalog: ${catalog.size} entries, ${catalog.records.filter((r) => r.synopsis).length} with a synopsis, ${catalog.records.filter((r) => r.tags.length).length} with tags`);
console.log(`(a) recommendation pairs: ${harvest.recorded} directed pairs in the recordings, ${harvest.pairs.length} with both ends in the catalog`);
for (const c of harvest.bySource) console.log(`      ${c.source.padEnd(40)} read ${String(c.read).padStart(6)}  mapped ${String(c.mapped).padStart(6)}  left out ${String(c.leftOut).padStart(6)}`);
console.log(`      ${groups.slice(1).map((g) => `${g.label}: ${g.indices.length}`).join(', ')}`);
console.log(`      recommended anime in the asked anime's own franchise (relations + title series; left out unless --same-franchise): ${inFranchise.length}`);
if (verbose) {
  for (const p of harvest.pairs) console.log(`      ${p.from} (${catalog.byId(p.from)!.title}) → ${p.to} (${catalog.byId(p.to)!.title})  [${p.source}]`);
  for (const m of harvest.missing) console.log(`      left out (not in the catalog): ${m}`);
}
console.log(`(b) narrative queries: ${queries.length} (one expected film each, so P@10 is at most 10%)`);

interface Variant {
  name: string;
  load(): Promise<TextEmbedder | undefined>;
}
const fixtureDir = resolve(root, '../shared/models/fixtures');
const realDir = resolve(root, 'models');
const variants: Variant[] = [{ name: 'model-free (wink word vectors)', load: async () => undefined }];
if (existsSync(resolve(fixtureDir, 'tiny-random-minilm-384'))) {
  variants.push({ name: 'neural fixture (random weights: plumbing only)', load: () => TransformersTextEmbedder.load({ model: 'tiny-random-minilm-384', modelDir: fixtureDir, dtype: 'fp32' }) });
}
if (existsSync(resolve(realDir, 'all-MiniLM-L6-v2/onnx/model.onnx'))) {
  variants.push({ name: 'neural all-MiniLM-L6-v2 (real weights)', load: () => TransformersTextEmbedder.load({ model: 'all-MiniLM-L6-v2', modelDir: realDir, dtype: 'fp32' }) });
} else {
  console.log(`    (no real sentence model at ${resolve(realDir, 'all-MiniLM-L6-v2')}: scripts/export-minilm-onnx.py writes it)`);
}

for (const variant of variants) {
  const started = performance.now();
  const text = await variant.load();
  // Exact search: the figures measure the embeddings, not the ANN index (its recall is in the bench).
  const engines = await loadEngines(catalog, config, { ...(text ? { text } : {}), store: 'exact' });
  const service = new SimilarityService(catalog, async () => engines, { maxBytes: 0, timeoutMs: 0, allowPrivate: false });
  await service.warm();
  console.log(`\n${variant.name} — engines ready in ${Math.round(performance.now() - started)} ms`);
  const similarStarted = performance.now();
  const similar = await evaluateSimilar(service, harvest.pairs, {}, { sameFranchise });
  const similarMs = (performance.now() - similarStarted) / Math.max(harvest.pairs.length, 1);
  console.log(row(`(a) similar, hybrid, sameFranchise: ${sameFranchise}`, similar));
  for (const group of groups) console.log(groupRow(group.label, summarizeRanks(group.indices.map((i) => similar.ranks[i] ?? null))));
  const outside = new Set(inFranchise);
  console.log(groupRow('pairs outside the franchise', summarizeRanks(similar.ranks.filter((_, i) => !outside.has(i)))));
  if (verbose) harvest.pairs.forEach((p, i) => console.log(`      rank ${String(similar.ranks[i] ?? '-').padStart(2)}  ${p.from} → ${p.to}`));
  const searchStarted = performance.now();
  const hybrid = await evaluateSemantic(service, queries);
  const searchMs = (performance.now() - searchStarted) / queries.length;
  console.log(row('(b) semanticSearch, lexical only (BM25)', await evaluateSemantic(service, queries, { vector: false })));
  console.log(row('(b) semanticSearch, vector only (synopsis)', await evaluateSemantic(service, queries, { lexical: false })));
  console.log(row('(b) semanticSearch, hybrid (RRF)', hybrid));
  console.log(`  mean latency: similar ${similarMs.toFixed(1)} ms, semanticSearch ${searchMs.toFixed(1)} ms (exact search, this machine)`);
  const misses = queries.filter((_, i) => hybrid.ranks[i] === null).map((q) => q.title);
  if (misses.length) console.log(`  hybrid misses: ${misses.join('; ')}`);
}
