// Scores the resolver on a written set of questions: a case passes when intent, operation and
// every expected slot match. Cases sharing a sessionId run in order, as one conversation.
import { isDeepStrictEqual } from 'node:util';
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
