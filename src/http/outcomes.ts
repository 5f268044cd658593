// What each upstream did for one GraphQL request (live, fresh cache, stale, failed), recorded by
// the kit into a request-scoped recorder found through AsyncLocalStorage: source clients are
// shared by all requests and never see the GraphQL context, but they run inside its async chain.
import { AsyncLocalStorage } from 'node:async_hooks';

/** live: answered by the upstream now; cache: fresh cache entry; stale: past its TTL (age shown); failed: nothing. */
export type SourceOutcomeKind = 'live' | 'cache' | 'stale' | 'failed';

export interface SourceOutcome {
  source: string;
  outcome: SourceOutcomeKind;
  /** Age of the data served (0 for live); absent when nothing was served. */
  ageSeconds?: number;
  /** The error code of the failure (or of the failure a stale answer stands in for, or NOT_FOUND). */
  errorCode?: string;
}

/** Collects the outcomes of one request (the gateway's, or one subgraph operation's). */
export class OutcomeRecorder {
  private readonly list: SourceOutcome[] = [];

  record(outcome: SourceOutcome): void {
    this.list.push(outcome);
  }

  /** Outcomes reported by another process (a remote subgraph's response extensions). */
  merge(outcomes: unknown): void {
    if (!Array.isArray(outcomes)) return;
    for (const item of outcomes) {
      const parsed = parseOutcome(item);
      if (parsed) this.list.push(parsed);
    }
  }

  get outcomes(): readonly SourceOutcome[] {
    return this.list;
  }
}

const scope = new AsyncLocalStorage<OutcomeRecorder>();

/** Runs `fn` so that every kit call inside it records into `recorder`. */
export function withOutcomes<T>(recorder: OutcomeRecorder, fn: () => T): T {
  return scope.run(recorder, fn);
}

/** The recorder of the request this code runs for, if any (none for start-up or background work). */
export function currentRecorder(): OutcomeRecorder | undefined {
  return scope.getStore();
}

const KINDS: ReadonlySet<string> = new Set(['live', 'cache', 'stale', 'failed']);

/** Outcomes crossing a process boundary are input: keep only well-formed ones. */
function parseOutcome(item: unknown): SourceOutcome | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { source, outcome, ageSeconds, errorCode } = item as Record<string, unknown>;
  if (typeof source !== 'string' || typeof outcome !== 'string' || !KINDS.has(outcome)) return undefined;
  return {
    source,
    outcome: outcome as SourceOutcomeKind,
    ...(typeof ageSeconds === 'number' && Number.isFinite(ageSeconds) ? { ageSeconds } : {}),
    ...(typeof errorCode === 'string' ? { errorCode } : {}),
  };
}
