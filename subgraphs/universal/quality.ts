// Provenance of every merged field and the quality scores of the merged view (the seed's
// validation layers: is it complete, is it fresh, do the sources agree). Pure; `now` is injected.
import { genreConflict, mergeGenres, mergeStreaming, mergeSynopsis, mergeTags, reconcile, termKey, type Conflict } from './merge.js';
import { mergeRatings } from './ratings.js';
import type { SourceHealth } from './selection.js';
import type { Origin, Pin, SourceFacts, Sources } from './sources.js';

export interface FieldProvenance {
  field: string;
  source: Pin;
  fetchedAt: Date | null;
  origin: Origin;
}

const entry = (field: string, f: Pick<SourceFacts, 'source' | 'fetchedAt' | 'origin'>): FieldProvenance => ({ field, source: f.source, fetchedAt: f.fetchedAt, origin: f.origin });

/** Which sources supplied each merged field as served unpinned: the chosen one, or every contributor of a union. */
export function provenanceOf({ facts }: Sources, health: SourceHealth = {}): FieldProvenance[] {
  const bySource = new Map(facts.map((f) => [f.source, f]));
  const contributors = (field: string, sources: Iterable<Pin>) => [...new Set(sources)].map((s) => entry(field, bySource.get(s)!));
  const synopsis = mergeSynopsis(facts, health);
  const { episodes, status } = reconcile(facts, health);
  return [
    ...mergeRatings(facts).platforms.map((p) => entry('ratings', p)),
    ...(synopsis ? [entry('synopsis', synopsis)] : []),
    ...contributors('genres', mergeGenres(facts, health).flatMap((t) => t.sources)),
    ...contributors('tags', mergeTags(facts, health).flatMap((t) => t.sources)),
    ...(episodes ? [entry('episodes', episodes)] : []),
    ...(status ? [entry('status', status)] : []),
    ...contributors('streaming', mergeStreaming(facts, null, health).flatMap((l) => l.sources)),
  ];
}

export interface Quality {
  completeness: number;
  freshness: number;
  consistency: number;
  answered: Pin[];
  missing: Pin[];
  conflicts: Conflict[];
}

const DAY = 86_400_000;
/** Age at which an answer counts as not fresh at all: the longest a details answer may be served stale. */
const FRESHNESS_HORIZON_MS = 7 * DAY;
/** A score range (0–10) from which the platforms are said to disagree. */
const SCORE_CONFLICT_RANGE = 1;
const round = (n: number) => Math.round(n * 1000) / 1000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function qualityOf(sources: Sources, now: Date, health: SourceHealth = {}): Quality {
  const { facts, missing } = sources;
  const live = facts.filter((f) => f.source !== 'CATALOG');
  const ratings = mergeRatings(facts);
  const { episodes, status, conflicts } = reconcile(facts, health);

  const present = [
    ratings.consensus !== null,
    mergeSynopsis(facts, health) !== null,
    mergeGenres(facts, health).length > 0,
    mergeTags(facts, health).length > 0,
    episodes !== null,
    status !== null,
    mergeStreaming(facts, null, health).length > 0,
  ];
  const completeness = present.filter(Boolean).length / present.length;

  const freshness =
    mean(live.map((f) => Math.max(0, 1 - (now.getTime() - (f.fetchedAt?.getTime() ?? 0)) / FRESHNESS_HORIZON_MS) * (f.origin === 'STALE' ? 0.5 : 1))) ?? 0;

  // Agreement per fact stated by two or more sources.
  const agreements: number[] = [];
  const share = (chosen: string | undefined, values: string[]) => values.filter((v) => v === chosen).length / values.length;
  const stated = (value: (f: SourceFacts) => unknown) => facts.map(value).filter((v) => v !== null && v !== undefined).map(String);
  for (const [values, chosen] of [
    [stated((f) => f.episodes), episodes?.value],
    [stated((f) => f.status), status?.value],
  ] as const) {
    if (values.length >= 2) agreements.push(share(chosen === undefined ? undefined : String(chosen), values));
  }
  const genreSets = live.filter((f) => f.genres.length > 0).map((f) => new Set(f.genres.map(termKey)));
  const pairs: number[] = [];
  for (let i = 0; i < genreSets.length; i++)
    for (let j = i + 1; j < genreSets.length; j++) {
      const [a, b] = [genreSets[i]!, genreSets[j]!];
      const common = [...a].filter((k) => b.has(k)).length;
      pairs.push(common / new Set([...a, ...b]).size);
    }
  if (pairs.length) agreements.push(mean(pairs)!);
  const comparison = ratings.platforms.filter((p) => p.source !== 'CATALOG').length >= 2 ? ratings.comparison : null;
  if (comparison) agreements.push(Math.max(0, 1 - comparison.range / 10));

  const genres = genreConflict(facts);
  const score: Conflict | null =
    comparison && comparison.range >= SCORE_CONFLICT_RANGE
      ? { field: 'score', values: ratings.platforms.map((p) => ({ source: p.source, value: String(p.normalized) })), chosen: null }
      : null;
  return {
    completeness: round(completeness),
    freshness: round(freshness),
    consistency: round(mean(agreements) ?? 1),
    answered: facts.map((f) => f.source),
    missing,
    conflicts: [...conflicts, ...(genres ? [genres] : []), ...(score ? [score] : [])],
  };
}
