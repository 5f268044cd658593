// `npm run eval:semantic`: semanticSearch on real identification requests ("what anime is this
// where…") that real people wrote, each with the answer their solved thread gave
// (test/fixtures/evals/identification-requests.jsonl; PROVENANCE.md beside it). Reports hit@10 and
// MRR@10 for the tuning half and the held-out half separately (src/eval/split.ts): tune on the
// first, quote the second. `-- --verbose` prints each tuning-half request's rank (never the
// held-out half's). The served model-free embedder is measured, and the real all-MiniLM-L6-v2 too
// when scripts/export-minilm-onnx.py has exported it to models/ (EMBED_NEURAL's text model).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadCatalog } from '../catalog/index.js';
import { loadConfig } from '../config/index.js';
import { Platform } from '../domain/index.js';
import { halfOf, type Half } from '../eval/split.js';
import { loadEngines } from './engines.js';
import { summarizeRanks } from './evaluate.js';
import { SimilarityService } from './service.js';
import { textVariants } from './text-variants.js';

const TOP = 10;
const request = z.object({ text: z.string().min(1), malId: z.number().int().positive(), source: z.string() });

const verbose = process.argv.includes('--verbose');
const config = loadConfig();
const file = resolve(config.root, 'test/fixtures/evals/identification-requests.jsonl');
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    const parsed = request.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });

const catalog = await loadCatalog(config);
console.log(`semanticSearch on ${rows.length} real identification requests (${catalog.size} catalog entries, ${catalog.records.filter((r) => r.synopsis).length} with a synopsis)`);

interface Case {
  half: Half;
  film: boolean;
  inCatalog: boolean;
  rank: number | null;
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const line = (label: string, subset: Case[]) => {
  const s = summarizeRanks(subset.map((c) => c.rank));
  return `  ${label.padEnd(34)} hit@10 ${pct(s.hitAt10)}  MRR@10 ${s.mrrAt10.toFixed(3)}  (n=${s.total})`;
};

// The served default (model-free) first; the real sentence model too when it has been exported.
const { variants, notes } = textVariants(config.root, { fixture: false });
for (const note of notes) console.log(note);
for (const variant of variants) {
  const text = await variant.load();
  const engines = await loadEngines(catalog, config, { ...(text ? { text } : {}), store: 'exact' });
  const service = new SimilarityService(catalog, async () => engines, { maxBytes: 0, timeoutMs: 0, allowPrivate: false });
  await service.warm();
  console.log(`\n${variant.name}`);
  const cases: Case[] = [];
  for (const row of rows) {
    const expected = catalog.byPlatform(Platform.MAL, row.malId);
    const half = halfOf(row.text);
    // A request whose answer the catalog does not hold counts as a miss: the user found nothing.
    const results = expected ? await service.semanticSearch(row.text, TOP, null, {}) : [];
    const index = expected ? results.findIndex((r) => r.id === expected.id) : -1;
    const rank = index < 0 ? null : index + 1;
    cases.push({ half, film: expected?.format === 'MOVIE', inCatalog: expected !== undefined, rank });
    if (verbose && half === 'tuning') console.log(`  rank ${String(rank ?? '-').padStart(2)}  mal:${row.malId} ${expected?.title ?? '(not in the catalog)'}  ← ${row.text.slice(0, 70).replace(/\s+/g, ' ')}`);
  }
  for (const half of ['tuning', 'held-out'] as const) {
    const inHalf = cases.filter((c) => c.half === half);
    console.log(`${half} half:`);
    console.log(line('all', inHalf));
    console.log(line('answer is a film', inHalf.filter((c) => c.film)));
    console.log(line('answer is not a film', inHalf.filter((c) => c.inCatalog && !c.film)));
    console.log(`  answers not in the catalog (counted as misses): ${inHalf.filter((c) => !c.inCatalog).length}`);
  }
}
