// Scores the resolver two ways. Real people's questions (test/fixtures/evals/nl-questions.jsonl):
// per operation family, the share answered with an operation of that family, and where the
// question names an anime the share resolved to its MAL id, for the tuning and held-out halves
// apart (src/eval/split.ts). The self-written set (test/fixtures/nlq-eval.json) stays as a
// regression check: a case passes when intent, operation and every expected slot match; cases
// sharing a sessionId run in order, as one conversation.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { halfOf, type Half } from '../eval/split.js';
import type { NlqContext, NlqResolver, NlqResult } from './index.js';

export interface EvalCase {
  text: string;
  intent: string;
  operation: string;
  slots: Record<string, unknown>;
  /** Defaults to the intent; "seed" and "followup" group those examples. */
  class?: string;
  sessionId?: string;
  context?: Omit<NlqContext, 'now' | 'sessionId'>;
  /** Cases written later carry the name of their batch, so the first set's score stays visible. */
  batch?: string;
  /** Where a value in the case comes from, when that is not obvious. */
  note?: string;
}

export interface EvalSet {
  now: string;
  context?: Omit<NlqContext, 'now' | 'sessionId'>;
  cases: EvalCase[];
}

export interface EvalFailure {
  case: EvalCase;
  got: Pick<NlqResult, 'intent' | 'operation' | 'slots'>;
  wrong: string[];
}

export interface EvalReport {
  total: number;
  passed: number;
  accuracy: number;
  byClass: Record<string, { total: number; passed: number; accuracy: number }>;
  /** Per batch; the cases without one are the first set, "original". */
  byBatch: Record<string, { total: number; passed: number; accuracy: number }>;
  failures: EvalFailure[];
}

export function compareCase(expected: EvalCase, got: NlqResult): string[] {
  const wrong: string[] = [];
  if (got.intent !== expected.intent) wrong.push(`intent ${got.intent}`);
  if (got.operation !== expected.operation) wrong.push(`operation ${got.operation}`);
  for (const [key, value] of Object.entries(expected.slots)) {
    if (!isDeepStrictEqual(got.slots[key], value)) wrong.push(`${key} ${JSON.stringify(got.slots[key])}`);
  }
  return wrong;
}

export async function evaluate(resolver: NlqResolver, set: EvalSet): Promise<EvalReport> {
  const now = new Date(set.now);
  const byClass: EvalReport['byClass'] = {};
  const byBatch: EvalReport['byBatch'] = {};
  const failures: EvalFailure[] = [];
  let passed = 0;
  let anonymous = 0;
  for (const c of set.cases) {
    const ctx: NlqContext = { ...set.context, ...c.context, now, sessionId: c.sessionId ?? `eval-${anonymous++}` };
    const got = await resolver.resolve(c.text, ctx);
    const wrong = compareCase(c, got);
    const cls = (byClass[c.class ?? c.intent] ??= { total: 0, passed: 0, accuracy: 0 });
    const batch = (byBatch[c.batch ?? 'original'] ??= { total: 0, passed: 0, accuracy: 0 });
    cls.total++;
    batch.total++;
    if (wrong.length) failures.push({ case: c, got: { intent: got.intent, operation: got.operation, slots: got.slots }, wrong });
    else {
      cls.passed++;
      batch.passed++;
      passed++;
    }
  }
  for (const group of [...Object.values(byClass), ...Object.values(byBatch)]) group.accuracy = group.passed / group.total;
  return { total: set.cases.length, passed, accuracy: passed / set.cases.length, byClass, byBatch, failures };
}

/** One row of nl-questions.jsonl (PROVENANCE.md there): the family the answer should come from. */
export interface QuestionRow {
  question: string;
  /** Operation family: semantic, recommendations, similar, search, top, streaming, franchise, ratings, seasonal, schedule, details. */
  operation: string;
  malId: number | null;
  slots?: Record<string, unknown>;
  source?: string;
}

export function readQuestions(file: string): QuestionRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as QuestionRow);
}

/**
 * The family of the operation that ran. The operations serving several families are told apart by
 * what they were asked: a catalog list sorted by score is a top list, an anime's view pinned to one
 * source is that question's family (its ratings, its streaming, its details).
 */
export function familyOf(result: NlqResult): string {
  switch (result.operation) {
    case 'SearchAnime':
    case 'BrowseAnime':
      if (result.variables.sort === 'SCORE') return 'top';
      // "currently airing" is asked as the AIRING status: the anime airing now.
      return airingOnly(result.variables) ? 'seasonal' : 'search';
    case 'TopAnime':
      return 'top';
    case 'GetAnimeById':
    case 'GetAnimeFromAnidb':
    case 'GetAnimeFromAnn':
    // An anime's cast, staff and episode list are its details, as the labels count them.
    case 'GetAnimeCharacters':
    case 'GetAnimeStaff':
    case 'GetAnimeEpisodes':
      return 'details';
    // Reviews answer "is X any good" in words: the ratings family.
    case 'GetAnimeReviews':
      return 'ratings';
    case 'AnimeNews':
      return 'news';
    case 'GetAnimeFromSource':
      return result.intent === 'compare_ratings' ? 'ratings' : result.intent === 'streaming' ? 'streaming' : 'details';
    case 'CompareRatings':
      return 'ratings';
    case 'GetStreamingInfo':
      return 'streaming';
    case 'GetSeasonalAnime':
    case 'LivechartSeason':
      return 'seasonal';
    case 'AiringSchedule':
    case 'NextEpisode':
      return 'schedule';
    case 'GetFranchise':
      return 'franchise';
    case 'GetAnimeRecommendations':
      return 'recommendations';
    case 'FindSimilarAnime':
      return 'similar';
    case 'SemanticSearch':
      return 'semantic';
    case 'SearchByImage':
      return 'image';
  }
}

function airingOnly(variables: Record<string, unknown>): boolean {
  const statuses = (variables.statuses ?? (variables.filter as Record<string, unknown> | undefined)?.statuses) as string[] | undefined;
  return statuses?.length === 1 && statuses[0] === 'AIRING';
}

/** The MAL id of the anime the answer is about, when it is about one. */
export function resolvedMalId(result: NlqResult): number | null {
  if (typeof result.slots.malId === 'number') return result.slots.malId;
  if (typeof result.variables.malId === 'number') return result.variables.malId;
  const id = result.variables.id ?? result.slots.id;
  const mal = typeof id === 'string' ? /^mal:(\d+)$/.exec(id) : null;
  return mal ? Number(mal[1]) : null;
}

export interface FamilyScores {
  total: number;
  operationCorrect: number;
  /** Rows that name an anime (malId given). */
  animeTotal: number;
  animeCorrect: number;
}

export interface QuestionResult {
  row: QuestionRow;
  half: Half;
  family: string;
  malId: number | null;
  operation: string;
  explanation: string;
}

export interface QuestionsReport {
  byHalf: Record<Half, { all: FamilyScores; byFamily: Record<string, FamilyScores> }>;
  results: QuestionResult[];
}

const emptyScores = (): FamilyScores => ({ total: 0, operationCorrect: 0, animeTotal: 0, animeCorrect: 0 });

/**
 * Runs the rows of the halves asked (each question alone, at `now`). Rows of a half not asked are
 * not even resolved, so the held-out half can stay unseen while tuning.
 */
export async function evaluateQuestions(resolver: NlqResolver, rows: QuestionRow[], halves: Half[], now: Date): Promise<QuestionsReport> {
  const byHalf = { tuning: { all: emptyScores(), byFamily: {} }, 'held-out': { all: emptyScores(), byFamily: {} } } as QuestionsReport['byHalf'];
  const results: QuestionResult[] = [];
  let n = 0;
  for (const row of rows) {
    const half = halfOf(row.question);
    if (!halves.includes(half)) continue;
    const got = await resolver.resolve(row.question, { now, sessionId: `questions-${n++}` });
    const result: QuestionResult = { row, half, family: familyOf(got), malId: resolvedMalId(got), operation: got.operation, explanation: got.explanation };
    results.push(result);
    for (const scores of [byHalf[half].all, (byHalf[half].byFamily[row.operation] ??= emptyScores())]) {
      scores.total++;
      if (result.family === row.operation) scores.operationCorrect++;
      if (row.malId != null) {
        scores.animeTotal++;
        if (result.malId === row.malId) scores.animeCorrect++;
      }
    }
  }
  return { byHalf, results };
}
