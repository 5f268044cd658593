// `npm run eval:nlq`: the resolver on real people's questions (test/fixtures/evals/
// nl-questions.jsonl, see PROVENANCE.md there), per operation family, for the tuning half and the
// held-out half apart (src/eval/split.ts): operation accuracy (an operation of the labelled family
// ran) and anime accuracy (the anime resolved has the labelled MAL id, on rows naming one). Then the
// self-written regression set (test/fixtures/nlq-eval.json), which is no quality measure.
// `-- --half tuning` (or `held-out`) runs one half only; `-- --misses` lists the tuning half's misses
// (never the held-out half's: nobody tunes on those); `-- --file PATH` reads another question set.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import type { Half } from '../eval/split.js';
import { evaluate, evaluateQuestions, readQuestions, type EvalSet, type FamilyScores } from './evaluate.js';
import { createNlqResolver } from './index.js';

const argValue = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-').padStart(6);
const ratio = (n: number, total: number) => `${String(n).padStart(3)}/${String(total).padEnd(3)} ${pct(n, total)}`;
const line = (label: string, s: FamilyScores) =>
  `  ${label.padEnd(16)} n=${String(s.total).padStart(3)}  operation ${ratio(s.operationCorrect, s.total)}  anime ${s.animeTotal ? ratio(s.animeCorrect, s.animeTotal) : '-'.padStart(14)}`;

const config = loadConfig();
const catalog = await loadCatalog(config);
const resolver = createNlqResolver({ catalog });

const questionsFile = argValue('--file') ?? resolve(config.root, 'test/fixtures/evals/nl-questions.jsonl');
const half = argValue('--half');
const halves: Half[] = half === 'tuning' || half === 'held-out' ? [half] : ['tuning', 'held-out'];
if (existsSync(questionsFile)) {
  const rows = readQuestions(questionsFile);
  // The umbrae posts were pulled in August 2013: relative dates ("this season") mean then.
  const report = await evaluateQuestions(resolver, rows, halves, new Date('2013-08-15T00:00:00Z'));
  console.log(`real questions: ${rows.length} from ${questionsFile}; operation = an operation of the labelled family ran, anime = the labelled MAL id was resolved`);
  for (const h of halves) {
    const { all, byFamily } = report.byHalf[h];
    console.log(`${h} half`);
    console.log(line('all', all));
    for (const [family, scores] of Object.entries(byFamily).sort(([a], [b]) => a.localeCompare(b))) console.log(line(family, scores));
  }
  if (process.argv.includes('--misses')) {
    console.log('tuning-half misses:');
    for (const r of report.results) {
      if (r.half !== 'tuning' || (r.family === r.row.operation && (r.row.malId == null || r.malId === r.row.malId))) continue;
      console.log(`  [${r.row.operation}${r.row.malId != null ? ` mal:${r.row.malId}` : ''}] ${JSON.stringify(r.row.question)} → ${r.family} ${r.operation}${r.malId != null ? ` mal:${r.malId}` : ''}`);
    }
  }
} else console.log(`real questions: ${questionsFile} is missing`);

const regressionFile = resolve(config.root, 'test/fixtures/nlq-eval.json');
const set = JSON.parse(readFileSync(regressionFile, 'utf8')) as EvalSet;
const regression = await evaluate(createNlqResolver({ catalog }), set);
console.log(
  `regression, self-written set (${regressionFile}; written by this project, not a quality measure): ${regression.passed}/${regression.total} = ${pct(regression.passed, regression.total).trim()} (intent + operation + key slots)`,
);
if (process.argv.includes('--misses')) for (const f of regression.failures) console.log(`  MISS ${JSON.stringify(f.case.text)}: ${f.wrong.join(', ')}`);
