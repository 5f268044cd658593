// The degradation level of one response, from the outcomes of the upstream calls it made
// (outcomes.ts). Levels, best to worst (README "Degradation levels"):
//   FULL        every source touched answered live or from fresh cache (or none was touched:
//               the offline catalog answered everything asked);
//   PARTIAL     at least one source answered live or fresh, and at least one failed (or stood in
//               for a failure with a stale answer); a stale-while-revalidate answer counts as fresh;
//   CACHE_ONLY  no live or fresh answer, at least one stale cache answer (its age shown);
//   OFFLINE     every source touched failed: only the offline catalog answered.
import type { SourceOutcome, SourceOutcomeKind } from './outcomes.js';

export type DegradationLevel = 'FULL' | 'PARTIAL' | 'CACHE_ONLY' | 'OFFLINE';

export interface SourceDegradation {
  name: string;
  /** The worst outcome of this source's calls in the request. */
  outcome: SourceOutcomeKind;
  /** Age of the oldest data served by this source (0 = live); absent when it failed. */
  ageSeconds?: number;
  /** Error code of the failure (for `stale`: the failure the cached answer stands in for). */
  error?: string;
}

export interface Degradation {
  level: DegradationLevel;
  sources: SourceDegradation[];
}

const SEVERITY: Record<SourceOutcomeKind, number> = { live: 0, cache: 1, stale: 2, failed: 3 };

/** One entry per source (sorted by name, so embedded and distributed answers compare equal). */
export function summarizeOutcomes(outcomes: readonly SourceOutcome[]): Degradation {
  const worst = new Map<string, SourceOutcome>();
  for (const outcome of outcomes) {
    const seen = worst.get(outcome.source);
    const worse =
      !seen ||
      SEVERITY[outcome.outcome] > SEVERITY[seen.outcome] ||
      (SEVERITY[outcome.outcome] === SEVERITY[seen.outcome] && (outcome.ageSeconds ?? 0) > (seen.ageSeconds ?? 0));
    if (worse) worst.set(outcome.source, outcome);
  }
  const sources = [...worst.values()]
    .sort((a, b) => a.source.localeCompare(b.source))
    .map(({ source, outcome, ageSeconds, errorCode }) => ({
      name: source,
      outcome,
      ...(outcome !== 'failed' && ageSeconds !== undefined ? { ageSeconds: Math.round(ageSeconds) } : {}),
      ...(errorCode ? { error: errorCode } : {}),
    }));
  return { level: levelOf(sources), sources };
}

export function levelOf(sources: readonly Pick<SourceDegradation, 'outcome' | 'error'>[]): DegradationLevel {
  // A stale answer with no failure behind it was served inside the normal stale-while-revalidate
  // window while a refresh runs: the cache working as designed, not a missing source.
  const current = sources.filter((s) => s.outcome === 'live' || s.outcome === 'cache' || (s.outcome === 'stale' && !s.error)).length;
  const stale = sources.filter((s) => s.outcome === 'stale').length;
  if (current === sources.length) return 'FULL';
  if (current > 0) return 'PARTIAL';
  return stale > 0 ? 'CACHE_ONLY' : 'OFFLINE';
}
