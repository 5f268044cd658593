// Scores of every platform on one 0–10 scale, a vote-weighted consensus and the comparison
// behind "compare the ratings of X across all platforms". Pure.
import type { Origin, Pin, SourceFacts } from './sources.js';

export interface PlatformRating {
  source: Pin;
  raw: number;
  scaleMin: number;
  scaleMax: number;
  normalized: number;
  votes: number | null;
  weight: number;
  fetchedAt: Date | null;
  origin: Origin;
}

export interface Ratings {
  platforms: PlatformRating[];
  consensus: number | null;
  totalVotes: number;
  comparison: { range: number; spread: number; highest: PlatformRating; lowest: PlatformRating; platforms: number } | null;
  missing: Pin[];
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Consensus: the live platforms' normalized scores weighted by log10(1 + votes). Log, because
 * MAL's million voters would otherwise drown every other platform; votes still count, so a score
 * from 50 users weighs about a third of one from a million. The catalog's score is itself an
 * average of the platforms, so it only stands in when no live platform answered.
 */
export function mergeRatings(facts: readonly SourceFacts[], missing: Pin[] = []): Ratings {
  const scored = facts.filter((f) => f.score !== null);
  const rawWeight = (f: SourceFacts) => (f.source !== 'CATALOG' && f.score!.votes ? Math.log10(1 + f.score!.votes) : 0);
  const totalWeight = scored.reduce((s, f) => s + rawWeight(f), 0);
  const platforms: PlatformRating[] = scored
    .map((f) => ({
      source: f.source,
      raw: f.score!.raw,
      scaleMin: f.score!.scaleMin,
      scaleMax: f.score!.scaleMax,
      normalized: round((f.score!.raw * 10) / f.score!.scaleMax),
      votes: f.score!.votes,
      weight: totalWeight > 0 ? round(rawWeight(f) / totalWeight) : 0,
      fetchedAt: f.fetchedAt,
      origin: f.origin,
    }))
    .sort((a, b) => b.normalized - a.normalized);
  const live = platforms.filter((p) => p.source !== 'CATALOG');
  const weighted = totalWeight > 0 ? scored.reduce((s, f) => s + rawWeight(f) * ((f.score!.raw * 10) / f.score!.scaleMax), 0) / totalWeight : null;
  const catalog = platforms.find((p) => p.source === 'CATALOG');
  return {
    platforms,
    consensus: weighted !== null ? round(weighted) : live.length === 0 && catalog ? catalog.normalized : null,
    totalVotes: live.reduce((s, p) => s + (p.votes ?? 0), 0),
    comparison: compare(live.length > 0 ? live : platforms),
    missing,
  };
}

function compare(platforms: PlatformRating[]): Ratings['comparison'] {
  if (platforms.length === 0) return null;
  const scores = platforms.map((p) => p.normalized);
  const mean = scores.reduce((s, n) => s + n, 0) / scores.length;
  const spread = Math.sqrt(scores.reduce((s, n) => s + (n - mean) ** 2, 0) / scores.length);
  const highest = platforms[0]!;
  const lowest = platforms[platforms.length - 1]!;
  return { range: round(highest.normalized - lowest.normalized), spread: round(spread), highest, lowest, platforms: platforms.length };
}
