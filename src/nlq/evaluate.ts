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
  const failures: EvalFailure[] = [];
  let passed = 0;
  let anonymous = 0;
  for (const c of set.cases) {
    const ctx: NlqContext = { ...set.context, ...c.context, now, sessionId: c.sessionId ?? `eval-${anonymous++}` };
    const got = await resolver.resolve(c.text, ctx);
    const wrong = compareCase(c, got);
    const cls = (byClass[c.class ?? c.intent] ??= { total: 0, passed: 0, accuracy: 0 });
    cls.total++;
    if (wrong.length) failures.push({ case: c, got: { intent: got.intent, operation: got.operation, slots: got.slots }, wrong });
    else {
      cls.passed++;
      passed++;
    }
  }
  for (const cls of Object.values(byClass)) cls.accuracy = cls.passed / cls.total;
  return { total: set.cases.length, passed, accuracy: passed / set.cases.length, byClass, failures };
}
