// Scores title search on real queries (test/fixtures/evals/title-queries.jsonl): for each row,
// the rank of the expected MyAnimeList entry in `Catalog.search`, summed up per half of the split
// (src/eval/split.ts) and per kind. An expected entry the catalog does not have counts as a miss
// and is also counted apart, so data gaps and ranking misses can be told apart.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Platform } from '../../domain/index.js';
import { halfOf, type Half } from '../../eval/split.js';
import type { Catalog } from '../catalog.js';

const rowSchema = z.object({
  query: z.string().min(1),
  malId: z.number().int().positive(),
  kind: z.string().min(1),
  source: z.string(),
});
export type TitleQueryRow = z.infer<typeof rowSchema>;

export class EvalFileError extends Error {}

export function readTitleQueries(path: string): TitleQueryRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, lineNumber]) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new EvalFileError(`${path}:${lineNumber}: not JSON`);
      }
      const parsed = rowSchema.safeParse(json);
      if (!parsed.success) throw new EvalFileError(`${path}:${lineNumber}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

export interface Scores {
  total: number;
  top1: number;
  hitAt5: number;
  /** Sum of 1/rank over the first `DEPTH` results (0 beyond): divide by total for MRR. */
  reciprocal: number;
  /** Expected entries the catalog does not hold at all (included in the misses). */
  notInCatalog: number;
}

export interface RowResult {
  row: TitleQueryRow;
  half: Half;
  /** 1-based rank of the expected entry, or null when it is not in the first DEPTH results. */
  rank: number | null;
  inCatalog: boolean;
  top: string | null;
}

export interface TitleEvalReport {
  byHalf: Record<Half, { all: Scores; byKind: Record<string, Scores> }>;
  rows: RowResult[];
}

export const DEPTH = 10;

const empty = (): Scores => ({ total: 0, top1: 0, hitAt5: 0, reciprocal: 0, notInCatalog: 0 });

function add(scores: Scores, result: RowResult): void {
  scores.total += 1;
  if (!result.inCatalog) scores.notInCatalog += 1;
  if (result.rank === null) return;
  if (result.rank === 1) scores.top1 += 1;
  if (result.rank <= 5) scores.hitAt5 += 1;
  scores.reciprocal += 1 / result.rank;
}

/** Runs every row (or only one half of them) through the catalog's title search. */
export function evaluateTitleSearch(catalog: Catalog, rows: readonly TitleQueryRow[], only?: Half): TitleEvalReport {
  const report: TitleEvalReport = {
    byHalf: { tuning: { all: empty(), byKind: {} }, 'held-out': { all: empty(), byKind: {} } },
    rows: [],
  };
  for (const row of rows) {
    const half = halfOf(row.query);
    if (only && half !== only) continue;
    const expected = catalog.byPlatform(Platform.MAL, row.malId);
    const nodes = catalog.search({ query: row.query, first: DEPTH }).nodes;
    const position = expected ? nodes.indexOf(expected) : -1;
    const result: RowResult = { row, half, rank: position >= 0 ? position + 1 : null, inCatalog: expected !== undefined, top: nodes[0]?.id ?? null };
    report.rows.push(result);
    const bucket = report.byHalf[half];
    add(bucket.all, result);
    add((bucket.byKind[row.kind] ??= empty()), result);
  }
  return report;
}
