// `npm run eval:search`: title search on real people's queries (test/fixtures/evals/
// title-queries.jsonl, see PROVENANCE.md there): top-1, hit@5 and MRR@10 per kind, for the tuning
// half and the held-out half apart (src/eval/split.ts). Expected entries missing from the catalog
// are counted as misses and reported. `-- --misses` lists the tuning half's misses (never the
// held-out half's: nobody tunes on those); `-- --file PATH` reads another set of the same shape.
import { resolve } from 'node:path';
import { loadCatalog } from '../index.js';
import { loadConfig } from '../../config/index.js';
import type { Half } from '../../eval/split.js';
import { DEPTH, evaluateTitleSearch, readTitleQueries, type Scores } from './evaluate-titles.js';

const argValue = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const config = loadConfig();
const file = argValue('--file') ?? resolve(config.root, 'test/fixtures/evals/title-queries.jsonl');
const rows = readTitleQueries(file);
const catalog = await loadCatalog(config);
const started = performance.now();
const report = evaluateTitleSearch(catalog, rows);
const ms = performance.now() - started;

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-').padStart(6);
const line = (label: string, s: Scores) =>
  `  ${label.padEnd(14)} n=${String(s.total).padStart(4)}  top-1 ${pct(s.top1, s.total)}  hit@5 ${pct(s.hitAt5, s.total)}  MRR@${DEPTH} ${(s.total ? s.reciprocal / s.total : 0).toFixed(3)}  not in catalog ${s.notInCatalog}`;

console.log(`title search eval: ${rows.length} queries from ${file}; catalog ${catalog.size} entries; ${(ms / rows.length).toFixed(2)} ms per query`);
for (const half of ['tuning', 'held-out'] as Half[]) {
  const { all, byKind } = report.byHalf[half];
  console.log(`${half} half`);
  console.log(line('all', all));
  for (const [kind, scores] of Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b))) console.log(line(kind, scores));
}
if (process.argv.includes('--misses')) {
  console.log('tuning-half misses (rank > 1):');
  for (const r of report.rows) {
    if (r.half !== 'tuning' || r.rank === 1) continue;
    const expected = `mal:${r.row.malId}${r.inCatalog ? '' : ' (not in catalog)'}`;
    console.log(`  [${r.row.kind}] ${JSON.stringify(r.row.query)} → expected ${expected}, rank ${r.rank ?? '-'}, top ${r.top ?? '(none)'} ${r.top ? JSON.stringify(catalog.byId(r.top)?.title) : ''}`);
  }
}
