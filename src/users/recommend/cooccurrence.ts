// The service's own collaborative signal: which anime other users of this server keep on their
// lists together with the ones the user liked. Read as aggregate counts only (never which users),
// and only once the server has enough users for the counts to mean something and to hide any one
// list: below COOCCURRENCE_MIN_USERS users with a liked entry the signal is off, and a pair counts
// only when at least COOCCURRENCE_MIN_PAIR_USERS other users have both.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { StoreDatabase } from '../../store/index.js';
import { WatchStatus } from '../model.js';

/** Users (open accounts with at least one liked entry) before the signal is used at all. */
export const COOCCURRENCE_MIN_USERS = 50;
/** Other users who must hold both anime of a pair before it counts (so no single list shows through). */
export const COOCCURRENCE_MIN_PAIR_USERS = 3;
/** An entry counts as liked from this score up, or unscored and not dropped. */
export const LIKED_SCORE = 7;

export interface CoOccurrence {
  seed: string;
  other: string;
  users: number;
}

type Alias = 'a' | 'b' | 'w';
/** Liked: not dropped, and either unscored or scored LIKED_SCORE or more. */
const liked =
  (alias: Alias) =>
  (eb: ExpressionBuilder<any, any>) =>
    eb.and([eb(`${alias}.status`, '<>', WatchStatus.DROPPED), eb.or([eb(`${alias}.score`, 'is', null), eb(`${alias}.score`, '>=', LIKED_SCORE)])]);

/** Open accounts with at least one liked entry. */
export async function activeListUsers(db: Kysely<StoreDatabase>): Promise<number> {
  const row = await db
    .selectFrom('user_watchlist as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(sql<number>`count(distinct w.user_id)`.as('n'))
    .where('u.deleted_at', 'is', null)
    .where(liked('w'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** For each seed, the anime other open accounts like together with it, by how many of them (at least `minUsers`). */
export async function coOccurrences(db: Kysely<StoreDatabase>, userId: string, seeds: readonly string[], minUsers = COOCCURRENCE_MIN_PAIR_USERS): Promise<CoOccurrence[]> {
  if (!seeds.length) return [];
  const rows = await coOccurrenceQuery(db, userId, seeds, minUsers).execute();
  return rows.map((r) => ({ seed: r.seed, other: r.other, users: Number(r.users) }));
}

/** The query behind `coOccurrences` (exported so a test can read its plan: it starts from the seeds' index, `0008_watchlist_by_anime`). */
export function coOccurrenceQuery(db: Kysely<StoreDatabase>, userId: string, seeds: readonly string[], minUsers = COOCCURRENCE_MIN_PAIR_USERS) {
  return db
    .selectFrom('user_watchlist as a')
    .innerJoin('user_watchlist as b', (join) => join.onRef('b.user_id', '=', 'a.user_id').onRef('b.anime_id', '<>', 'a.anime_id'))
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.anime_id as seed', 'b.anime_id as other', sql<number>`count(distinct a.user_id)`.as('users')])
    .where('a.anime_id', 'in', [...seeds])
    .where('a.user_id', '<>', userId)
    .where('u.deleted_at', 'is', null)
    .where(liked('a'))
    .where(liked('b'))
    .groupBy(['a.anime_id', 'b.anime_id'])
    .having(sql<number>`count(distinct a.user_id)`, '>=', minUsers);
}
