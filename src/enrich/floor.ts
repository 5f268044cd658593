// The physical floor of a harvest: under a budget of P requests per window D (any window, the
// way the kit counts), request number k (0-based) cannot leave before ⌊k / P⌋ · D, so N requests
// need at least (⌈N / P⌉ − 1) · D from the first to the last. With several budgets the strictest
// decides; sources have budgets of their own and run side by side, so a harvest's floor is the
// largest of its sources'.
import type { RateLimit } from '../http/index.js';

export function floorMs(requests: number, limits: readonly RateLimit[]): number {
  if (requests <= 0) return 0;
  return Math.max(0, ...limits.map((l) => (Math.ceil(requests / l.points) - 1) * l.durationMs));
}

/** Requests per ms a budget allows in the long run (its strictest limit). */
export function sustainedRate(limits: readonly RateLimit[]): number {
  return Math.min(...limits.map((l) => l.points / l.durationMs));
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
