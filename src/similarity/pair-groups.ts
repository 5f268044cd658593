// Splits the recommendation pairs by what content `similar` can see at each end: an entry without
// tags (most bangumi-data TV series) has only format, era and title words, so a pair is only
// matchable on content when both ends are described. The eval scores each group apart.
import type { Catalog } from '../catalog/index.js';
import { AnimeFormat, type AnimeRecord } from '../domain/index.js';
import { FranchiseMembers } from './franchise.js';
import type { RecommendationPair } from './recommendation-pairs.js';

export interface PairGroup {
  label: string;
  /** Indices into the pairs list (so the ranks of one evaluation can be scored per group). */
  indices: number[];
}

const tagged = (record: AnimeRecord | undefined) => (record?.tags.length ?? 0) > 0;
const film = (record: AnimeRecord | undefined) => record?.format === AnimeFormat.MOVIE;

export function groupPairs(catalog: Catalog, pairs: readonly RecommendationPair[]): PairGroup[] {
  const groups: Array<PairGroup & { test(from: AnimeRecord | undefined, to: AnimeRecord | undefined): boolean }> = [
    { label: 'all pairs', indices: [], test: () => true },
    { label: 'both ends tagged', indices: [], test: (a, b) => tagged(a) && tagged(b) },
    { label: 'one end tagged', indices: [], test: (a, b) => tagged(a) !== tagged(b) },
    { label: 'neither end tagged', indices: [], test: (a, b) => !tagged(a) && !tagged(b) },
    { label: 'film ↔ film', indices: [], test: (a, b) => film(a) && film(b) },
    { label: 'film ↔ film, both tagged', indices: [], test: (a, b) => film(a) && film(b) && tagged(a) && tagged(b) },
  ];
  pairs.forEach((pair, i) => {
    const from = catalog.byId(pair.from);
    const to = catalog.byId(pair.to);
    for (const group of groups) if (group.test(from, to)) group.indices.push(i);
  });
  return groups.map(({ label, indices }) => ({ label, indices }));
}

/** Pairs whose recommended anime is in the asked anime's own franchise (as `similar` leaves it out). */
export function sameFranchisePairs(catalog: Catalog, pairs: readonly RecommendationPair[]): number[] {
  const franchises = new FranchiseMembers(catalog);
  const members = new Map<string, Set<string>>();
  const indices: number[] = [];
  pairs.forEach((pair, i) => {
    let ids = members.get(pair.from);
    if (!ids) {
      const record = catalog.byId(pair.from);
      ids = new Set(record ? franchises.of(record) : []);
      members.set(pair.from, ids);
    }
    if (ids.has(pair.to)) indices.push(i);
  });
  return indices;
}
