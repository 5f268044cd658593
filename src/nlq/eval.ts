// `npm run eval:nlq`: the parser's accuracy on test/fixtures/nlq-eval.json, overall and per class.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig, projectRoot } from '../config/index.js';
import { evaluate, type EvalSet } from './evaluate.js';
import { createNlqResolver } from './index.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const file = process.argv[2] ?? resolve(projectRoot(), 'test/fixtures/nlq-eval.json');
const set = JSON.parse(readFileSync(file, 'utf8')) as EvalSet;
const catalog = await loadCatalog(loadConfig());
const report = await evaluate(createNlqResolver({ catalog }), set);

console.log(`natural-language parser: ${report.passed}/${report.total} = ${pct(report.accuracy)} (intent + operation + key slots)`);
for (const [name, cls] of Object.entries(report.byClass).sort()) {
  console.log(`  ${name.padEnd(16)} ${String(cls.passed).padStart(3)}/${String(cls.total).padEnd(3)} ${pct(cls.accuracy)}`);
}
for (const [name, batch] of Object.entries(report.byBatch).sort()) {
  console.log(`  batch ${name.padEnd(20)} ${String(batch.passed).padStart(3)}/${String(batch.total).padEnd(3)} ${pct(batch.accuracy)}`);
}
for (const f of report.failures) console.log(`  MISS ${JSON.stringify(f.case.text)}: ${f.wrong.join(', ')}`);
