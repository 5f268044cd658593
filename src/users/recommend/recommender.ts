// Personal recommendations: a hybrid of content similarity (the similarity layer's neighbours of what
// the user liked or is watching), MyAnimeList users' recommendation pairs, and, once the server has
// enough users, what this server's users keep on their lists together. Each signal ranks candidates
// per seed anime; ranks are fused by reciprocal rank (k = 60, as `similar` fuses its lists), weighted
// by how strongly the user liked the seed. Everything on the user's list is left out, adult entries
// unless allowed, avoided genres always; liked genres lift a candidate. Short lists are filled with
// popular anime (of the liked genres, when there are any), the whole answer for an empty list.
import type { Catalog } from '../../catalog/index.js';
import type { AnimeRecord } from '../../domain/index.js';
import type { CoRecommendations } from '../../similarity/co-recommendations.js';
import { isAdultRecord, MatchReasonKind, RRF_K, type SignalOptions, type SimilarityFilterInput, type SimilarityResult } from '../../similarity/index.js';
import type { Store } from '../../store/index.js';
import { badUserInput } from '../errors.js';
import { WatchStatus, type Preferences, type WatchEntry } from '../model.js';
import { UserStore, type Account } from '../store.js';
import { activeListUsers, coOccurrences, COOCCURRENCE_MIN_USERS, LIKED_SCORE } from './cooccurrence.js';

/** What the recommender needs of the similarity layer (SimilarityService has it). */
export interface SimilaritySource {
  similar(id: string, first: number, filter?: SimilarityFilterInput | null, signals?: SignalOptions): Promise<SimilarityResult[]>;
  warm(): Promise<{ engines: { coRecommendations?: CoRecommendations | null } }>;
}

export interface Recommendation {
  animeId: string;
  /** 0–1: the share of the evidence the user's seeds could give that this anime got. */
  score: number;
  /** Why, strongest first, in words: "Recommended by MyAnimeList users who liked Cowboy Bebop (90 recommendations)". */
  reasons: string[];
}

export const MAX_RECOMMENDATIONS = 50;
export const DEFAULT_RECOMMENDATIONS = 10;
/** The strongest list entries used as seeds (each costs one `similar` search). */
export const MAX_SEEDS = 20;
/** Candidates each signal contributes per seed. */
const PER_SEED = 20;
// MyAnimeList users' pairs are the strongest evidence `similar` has (README of src/similarity: weight
// 2 there, as much as metadata and synopsis together); the server's own users count like content.
const FANS_WEIGHT = 2;
const CONTENT_WEIGHT = 1;
const USERS_WEIGHT = 1;
/** Each liked genre an anime has lifts it by this share, for at most two genres. */
const LIKED_BOOST = 0.25;
const MAX_LIKED_BOOSTS = 2;
const MAX_REASONS = 4;
const MAX_REASON_TAGS = 5;

/**
 * How much an entry says about the user's taste: scored LIKED_SCORE or more counts by its score,
 * unscored entries being watched (or rewatched) 0.6 and unscored completed ones 0.5; low scores,
 * dropped and planned entries are no seeds (they are still left out of the answer).
 */
export function seedWeight(entry: Pick<WatchEntry, 'status' | 'score'>): number {
  if (entry.status === WatchStatus.DROPPED) return 0;
  if (entry.score !== null) return entry.score >= LIKED_SCORE ? entry.score / 10 : 0;
  if (entry.status === WatchStatus.WATCHING || entry.status === WatchStatus.REWATCHING) return 0.6;
  if (entry.status === WatchStatus.COMPLETED) return 0.5;
  return 0;
}

interface Seed {
  record: AnimeRecord;
  weight: number;
}

interface Candidate {
  raw: number;
  reasons: Map<string, number>;
}

export interface RecommenderOptions {
  catalog: Catalog;
  store: () => Promise<Store>;
  /** The similarity layer (shared with the similarity subgraph), asked for on first use. */
  similarity: () => SimilaritySource;
  /** Users with a liked entry before the server's own co-occurrence counts (default COOCCURRENCE_MIN_USERS). */
  cooccurrenceMinUsers?: number;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** Catalog records with a popularity, most popular first (once per catalog). */
const popularLists = new WeakMap<Catalog, AnimeRecord[]>();
function popular(catalog: Catalog): AnimeRecord[] {
  let list = popularLists.get(catalog);
  if (!list) {
    list = catalog.records.filter((r) => r.popularity !== null && r.popularity > 0).sort((a, b) => b.popularity! - a.popularity! || byId(a.id, b.id));
    popularLists.set(catalog, list);
  }
  return list;
}

export class Recommender {
  constructor(private readonly options: RecommenderOptions) {}

  async recommend(account: Pick<Account, 'id'>, first: number): Promise<Recommendation[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_RECOMMENDATIONS) throw badUserInput(`first must be from 1 to ${MAX_RECOMMENDATIONS}`, 'first', { max: MAX_RECOMMENDATIONS });
    const { catalog } = this.options;
    const { db } = await this.options.store();
    const users = new UserStore(db);
    const [entries, preferences] = await Promise.all([users.watchlist(account.id), users.preferences(account.id)]);

    const listed = new Set<string>();
    for (const entry of entries) {
      listed.add(entry.animeId);
      const record = catalog.byId(entry.animeId);
      if (record) listed.add(record.id);
    }
    const accepts = acceptance(catalog, listed, preferences);
    const seeds = seedsOf(catalog, entries);
    const candidates = new Map<string, Candidate>();
    const add = (id: string, amount: number, reason: string) => {
      let candidate = candidates.get(id);
      if (!candidate) candidates.set(id, (candidate = { raw: 0, reasons: new Map() }));
      candidate.raw += amount;
      candidate.reasons.set(reason, (candidate.reasons.get(reason) ?? 0) + amount);
    };

    let possible = 0;
    if (seeds.length) {
      const similarity = this.options.similarity();
      const graph = (await similarity.warm()).engines.coRecommendations ?? null;
      const minUsers = this.options.cooccurrenceMinUsers ?? COOCCURRENCE_MIN_USERS;
      const together = (await activeListUsers(db)) >= minUsers ? await coOccurrences(db, account.id, seeds.map((s) => s.record.id)) : null;
      possible = seeds.reduce((sum, s) => sum + s.weight, 0) * ((graph ? FANS_WEIGHT : 0) + CONTENT_WEIGHT + (together ? USERS_WEIGHT : 0)) / (RRF_K + 1);
      for (const { record, weight } of seeds) {
        const rank = (list: string[], listWeight: number, reason: (id: string) => string) => list.forEach((id, i) => add(id, (weight * listWeight) / (RRF_K + i + 1), reason(id)));
        if (graph) {
          const pairs = [...graph.neighboursOf(record.id)].filter(([id]) => accepts(id)).sort(([a, x], [b, y]) => y - x || byId(a, b)).slice(0, PER_SEED);
          const counts = new Map(pairs);
          rank(pairs.map(([id]) => id), FANS_WEIGHT, (id) => `Recommended by MyAnimeList users who liked ${record.title} (${counts.get(id)} recommendations)`);
        }
        // Asked for more than kept: the list and avoided genres are filtered out afterwards.
        const similar = (await similarity.similar(record.id, PER_SEED * 2, { includeAdult: preferences.nsfwAllowed }, { collaborative: false })).filter((hit) => accepts(hit.id)).slice(0, PER_SEED);
        const why = new Map(similar.map((hit) => [hit.id, contentReason(record.title, hit)]));
        rank(similar.map((hit) => hit.id), CONTENT_WEIGHT, (id) => why.get(id)!);
        if (together) {
          const rows = together
            .filter((row) => row.seed === record.id)
            .map((row) => ({ id: catalog.byId(row.other)?.id ?? row.other, users: row.users }))
            .filter((row) => accepts(row.id))
            .sort((a, b) => b.users - a.users || byId(a.id, b.id))
            .slice(0, PER_SEED);
          const counts = new Map(rows.map((row) => [row.id, row.users]));
          rank(rows.map((row) => row.id), USERS_WEIGHT, (id) => `Liked by ${counts.get(id)} other users here who also liked ${record.title}`);
        }
      }
    }

    const liked = new Set(preferences.genresLiked);
    if (liked.size) possible *= 1 + LIKED_BOOST * MAX_LIKED_BOOSTS;
    const ranked = [...candidates]
      .map(([id, candidate]) => {
        const matches = catalog.byId(id)!.tags.filter((tag) => liked.has(tag));
        const raw = candidate.raw * (1 + LIKED_BOOST * Math.min(matches.length, MAX_LIKED_BOOSTS));
        const reasons = [...candidate.reasons].sort(([a, x], [b, y]) => y - x || byId(a, b)).map(([reason]) => reason).slice(0, MAX_REASONS);
        if (matches.length) reasons.push(likedReason(matches));
        return { animeId: id, raw, reasons };
      })
      .sort((a, b) => b.raw - a.raw || byId(a.animeId, b.animeId))
      .slice(0, first)
      .map(({ animeId, raw, reasons }) => ({ animeId, score: round(Math.min(1, raw / possible)), reasons }));
    if (ranked.length >= first) return ranked;
    return [...ranked, ...this.popularFill(first - ranked.length, ranked, accepts, liked)];
  }

  /**
   * Popular anime (MyAnimeList members) of the liked genres (any genre when none are liked), after
   * the personal ones: scored below the weakest of those, in proportion to their popularity.
   */
  private popularFill(count: number, taken: readonly Recommendation[], accepts: (id: string) => boolean, liked: ReadonlySet<string>): Recommendation[] {
    const chosen = new Set(taken.map((r) => r.animeId));
    const picks: AnimeRecord[] = [];
    for (const record of popular(this.options.catalog)) {
      if (picks.length >= count) break;
      if (chosen.has(record.id) || !accepts(record.id)) continue;
      if (liked.size && !record.tags.some((tag) => liked.has(tag))) continue;
      picks.push(record);
    }
    const ceiling = taken.length ? taken[taken.length - 1]!.score : 1;
    const top = picks[0]?.popularity ?? 1;
    return picks.map((record) => {
      const matches = record.tags.filter((tag) => liked.has(tag));
      const reasons = [`Popular with MyAnimeList users (${record.popularity!.toLocaleString('en-US')} members)`];
      if (matches.length) reasons.push(likedReason(matches));
      return { animeId: record.id, score: round((ceiling * record.popularity!) / top), reasons };
    });
  }
}

/** An anime may be recommended: in the catalog, not on the list, adult only if allowed, no avoided genre. */
function acceptance(catalog: Catalog, listed: ReadonlySet<string>, preferences: Preferences): (id: string) => boolean {
  const avoided = new Set(preferences.genresAvoided);
  return (id) => {
    const record = catalog.byId(id);
    if (!record || record.id !== id || listed.has(id)) return false;
    if (!preferences.nsfwAllowed && isAdultRecord(record)) return false;
    return !record.tags.some((tag) => avoided.has(tag));
  };
}

/** The strongest liked entries still in the catalog, strongest (then most recently changed) first. */
function seedsOf(catalog: Catalog, entries: readonly WatchEntry[]): Seed[] {
  const seeds = new Map<string, Seed & { updatedAt: string }>();
  for (const entry of entries) {
    const record = catalog.byId(entry.animeId);
    const weight = seedWeight(entry);
    if (!record || weight <= 0 || seeds.has(record.id)) continue;
    seeds.set(record.id, { record, weight, updatedAt: entry.updatedAt });
  }
  return [...seeds.values()]
    .sort((a, b) => b.weight - a.weight || (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0) || byId(a.record.id, b.record.id))
    .slice(0, MAX_SEEDS)
    .map(({ record, weight }) => ({ record, weight }));
}

/** "Similar to Trigun (tags: action, comedy, sci-fi)", from what the similarity layer found shared. */
function contentReason(title: string, hit: SimilarityResult): string {
  const of = (kind: MatchReasonKind) => hit.reasons.find((r) => r.kind === kind);
  const tags = of(MatchReasonKind.SHARED_TAGS)?.values ?? [];
  if (tags.length) return `Similar to ${title} (tags: ${tags.slice(0, MAX_REASON_TAGS).join(', ')})`;
  const studios = of(MatchReasonKind.SHARED_STUDIOS)?.values ?? [];
  if (studios.length) return `Similar to ${title} (studio: ${studios.join(', ')})`;
  if (of(MatchReasonKind.SIMILAR_SYNOPSIS)) return `Similar to ${title} (synopsis)`;
  const first = hit.reasons[0];
  return first ? `Similar to ${title} (${first.detail})` : `Similar to ${title}`;
}

const likedReason = (genres: string[]) => `Matches genres you like: ${genres.slice(0, MAX_REASON_TAGS).join(', ')}`;
