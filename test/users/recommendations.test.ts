// viewer.recommendations on the real catalog and the shipped MyAnimeList recommendation pairs
// (data/malmap-anime-data.json), through a gateway composed from the catalog and users subgraphs,
// on SQLite and on the real PostgreSQL: reasons that name the user's own anime and match the real
// pair counts, nothing from the list, avoided genres and adult entries left out, liked genres
// lifted, popular anime for an empty list, the server's own co-occurrence only past its threshold,
// a bounded `first`, and the same answer twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { CoRecommendations } from '../../src/similarity/co-recommendations.js';
import { loadEngines } from '../../src/similarity/engines.js';
import { isAdultRecord, SimilarityService } from '../../src/similarity/index.js';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { UsersService } from '../../src/users/index.js';
import { coOccurrenceQuery, COOCCURRENCE_MIN_PAIR_USERS, MAX_RECOMMENDATIONS } from '../../src/users/recommend/index.js';
import { CompiledQuery } from 'kysely';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { accessHarness, call } from '../auth/support.js';
import { usersGateway, type UsersGateway } from './support.js';

let catalog: Catalog;
let similarity: SimilarityService;
let graph: CoRecommendations;
beforeAll(async () => {
  const config = loadConfig({});
  catalog = await loadCatalog(config);
  // The shipped engines (model-free vectors, MALmap's pairs), with the exact in-memory vector store
  // so no index files are written; one service for both databases.
  similarity = new SimilarityService(catalog, () => loadEngines(catalog, config, { store: 'exact' }), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
  graph = (await similarity.warm()).engines.coRecommendations!;
}, 300_000);

const BEBOP = 'mal:1';
const SAMURAI_CHAMPLOO = 'mal:205';
const TRIGUN = 'mal:6';
// Kaifukujutsushi no Yarinaoshi: MyAnimeList users recommend Rance 01 (tagged hentai) for it.
const REDO_OF_HEALER = 'mal:40750';
const RANCE_01 = 'mal:25345';

const RECOMMEND = `query R($first: Int) { viewer { recommendations(first: $first) { score reasons anime { id title } } } }`;
const SET = `mutation Set($animeId: ID!, $status: WatchStatus!, $score: Float) { setWatchStatus(animeId: $animeId, status: $status, score: $score) { status } }`;
const PREFERENCES = `mutation P($input: PreferencesInput!) { updatePreferences(input: $input) { genresAvoided } }`;
const FANS = /^Recommended by MyAnimeList users who liked (.+) \((\d+) recommendations\)$/;

type Rec = { score: number; reasons: string[]; anime: { id: string; title: string } };

function recommendationsContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let service: UsersService;
  let gateway: UsersGateway;
  let crowd: UsersGateway;

  beforeAll(async () => {
    store = await openStore(target());
    service = new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    gateway = await usersGateway(catalog, service, store, { similarity });
    // The same store with the co-occurrence threshold lowered to what a test can reach.
    crowd = await usersGateway(catalog, service, store, { similarity, cooccurrenceMinUsers: 4 });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await crowd?.close();
    await store?.close();
  });

  const recommend = async (key: string, first = 20, via = gateway): Promise<Rec[]> => {
    const answer = await via.run(RECOMMEND, { first }, key);
    expect(answer.errors).toBeUndefined();
    return answer.data!['viewer'].recommendations as Rec[];
  };
  const set = async (key: string, animeId: string, status: string, score?: number) => {
    const answer = await gateway.run(SET, { animeId, status, ...(score !== undefined ? { score } : {}) }, key);
    expect(answer.errors).toBeUndefined();
  };

  it(`${name}: a fan of Cowboy Bebop gets MyAnimeList users' real picks for it, with reasons naming it, and nothing from the list`, async () => {
    const alice = await service.signUp();
    await set(alice.apiKey, BEBOP, 'COMPLETED', 9);
    // The strongest pair of Cowboy Bebop (120 users) is already planned: it must not come back.
    await set(alice.apiKey, SAMURAI_CHAMPLOO, 'PLAN_TO_WATCH');
    const recs = await recommend(alice.apiKey);
    expect(recs).toHaveLength(20);
    const ids = recs.map((r) => r.anime.id);
    expect(ids).not.toContain(BEBOP);
    expect(ids).not.toContain(SAMURAI_CHAMPLOO);
    expect(new Set(ids).size).toBe(ids.length);
    // Every fans' reason is a real pair of the shipped data, with its real count.
    const fans = recs.flatMap((r) => r.reasons.map((reason) => ({ id: r.anime.id, match: FANS.exec(reason) })).filter((x) => x.match));
    expect(fans.length).toBeGreaterThanOrEqual(10);
    for (const { id, match } of fans) {
      expect(match![1]).toBe('Cowboy Bebop');
      expect(graph.neighboursOf(BEBOP).get(id)).toBe(Number(match![2]));
    }
    // Trigun: 90 MAL users recommend it for Cowboy Bebop.
    expect(recs.find((r) => r.anime.id === TRIGUN)?.reasons).toContain('Recommended by MyAnimeList users who liked Cowboy Bebop (90 recommendations)');
    // The content signal speaks too, naming the anime and the tags shared.
    expect(recs.some((r) => r.reasons.some((reason) => /^Similar to Cowboy Bebop \(tags: [a-z-]+(, [a-z -]+)*\)$/.test(reason)))).toBe(true);
    // Best first, scores within 0–1, and the same answer twice.
    const scores = recs.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(await recommend(alice.apiKey)).toEqual(recs);
    // An unscored entry being watched is a seed too; a dropped one is not, but is still left out.
    await set(alice.apiKey, TRIGUN, 'DROPPED');
    const after = await recommend(alice.apiKey, 50);
    expect(after.map((r) => r.anime.id)).not.toContain(TRIGUN);
    expect(after.flatMap((r) => r.reasons).some((reason) => reason.includes('who liked Trigun'))).toBe(false);
  });

  it(`${name}: avoided genres are left out; liked genres lift an anime and say so`, async () => {
    const bob = await service.signUp();
    await set(bob.apiKey, BEBOP, 'WATCHING');
    const before = await recommend(bob.apiKey, 50);
    expect(before.some((r) => catalog.byId(r.anime.id)!.tags.includes('comedy'))).toBe(true);
    expect((await gateway.run(PREFERENCES, { input: { genresAvoided: ['comedy'], genresLiked: ['space'] } }, bob.apiKey)).errors).toBeUndefined();
    const after = await recommend(bob.apiKey, 50);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => catalog.byId(r.anime.id)!.tags.includes('comedy'))).toEqual([]);
    const spacey = after.filter((r) => catalog.byId(r.anime.id)!.tags.includes('space'));
    expect(spacey.length).toBeGreaterThan(0);
    for (const r of spacey) expect(r.reasons).toContain('Matches genres you like: space');
    // Black Lagoon (action, seinen; 69 MAL users pair it with Cowboy Bebop) stays.
    expect(after.map((r) => r.anime.id)).toContain('mal:889');
  });

  it(`${name}: adult entries are left out unless the user allows them`, async () => {
    expect(graph.neighboursOf(REDO_OF_HEALER).has(RANCE_01)).toBe(true);
    expect(isAdultRecord(catalog.byId(RANCE_01)!)).toBe(true);
    const carol = await service.signUp();
    await set(carol.apiKey, REDO_OF_HEALER, 'COMPLETED', 8);
    const safe = await recommend(carol.apiKey, MAX_RECOMMENDATIONS);
    expect(safe.filter((r) => isAdultRecord(catalog.byId(r.anime.id)!))).toEqual([]);
    await gateway.run(PREFERENCES, { input: { nsfwAllowed: true } }, carol.apiKey);
    const allowed = await recommend(carol.apiKey, MAX_RECOMMENDATIONS);
    const rance = allowed.find((r) => r.anime.id === RANCE_01);
    expect(rance?.reasons).toContain(`Recommended by MyAnimeList users who liked ${catalog.byId(REDO_OF_HEALER)!.title} (${graph.neighboursOf(REDO_OF_HEALER).get(RANCE_01)} recommendations)`);
  });

  it(`${name}: an empty list gets popular anime of the liked genres, saying so`, async () => {
    const dave = await service.signUp();
    const plain = await recommend(dave.apiKey, 5);
    const popular = catalog.records.filter((r) => r.popularity && !isAdultRecord(r)).sort((a, b) => b.popularity! - a.popularity! || (a.id < b.id ? -1 : 1));
    expect(plain.map((r) => r.anime.id)).toEqual(popular.slice(0, 5).map((r) => r.id));
    expect(plain[0]!.reasons).toEqual([`Popular with MyAnimeList users (${popular[0]!.popularity!.toLocaleString('en-US')} members)`]);
    await gateway.run(PREFERENCES, { input: { genresLiked: ['sci-fi'], genresAvoided: ['horror'] } }, dave.apiKey);
    const scifi = await recommend(dave.apiKey, 10);
    expect(scifi).toHaveLength(10);
    for (const r of scifi) {
      const tags = catalog.byId(r.anime.id)!.tags;
      expect(tags).toContain('sci-fi');
      expect(tags).not.toContain('horror');
      expect(r.reasons[0]).toMatch(/^Popular with MyAnimeList users \([\d,]+ members\)$/);
      expect(r.reasons).toContain('Matches genres you like: sci-fi');
    }
    expect(scifi.map((r) => r.score)).toEqual([...scifi.map((r) => r.score)].sort((a, b) => b - a));
  });

  it(`${name}: first is bounded with a typed error; without a user key there is no viewer`, async () => {
    const erin = await service.signUp();
    for (const first of [0, MAX_RECOMMENDATIONS + 1]) {
      const refused = await gateway.run(RECOMMEND, { first }, erin.apiKey);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    expect((await gateway.run(RECOMMEND, { first: 5 })).data).toEqual({ viewer: null });
  });

  it(`${name}: what this server's users like together counts only past the user threshold and ${COOCCURRENCE_MIN_PAIR_USERS} users per pair`, async () => {
    // Hajime no Ippo (mal:263): no MAL pair with Cowboy Bebop in the shipped data.
    const IPPO = 'mal:263';
    expect(graph.neighboursOf(BEBOP).has(IPPO)).toBe(false);
    const frank = await service.signUp();
    await set(frank.apiKey, BEBOP, 'COMPLETED', 10);
    const crowdReason = (recs: Rec[]) => recs.find((r) => r.anime.id === IPPO)?.reasons.find((reason) => reason.includes('other users here'));
    const others = [];
    for (let i = 0; i < COOCCURRENCE_MIN_PAIR_USERS; i++) {
      const other = await service.signUp();
      await set(other.apiKey, BEBOP, 'COMPLETED', 9);
      await set(other.apiKey, IPPO, 'COMPLETED', 8);
      others.push(other);
    }
    // Enough users and pairs, but the default threshold (50 users) is not reached: off.
    expect(crowdReason(await recommend(frank.apiKey, MAX_RECOMMENDATIONS))).toBeUndefined();
    const counted = await recommend(frank.apiKey, MAX_RECOMMENDATIONS, crowd);
    expect(crowdReason(counted)).toBe(`Liked by ${COOCCURRENCE_MIN_PAIR_USERS} other users here who also liked Cowboy Bebop`);
    // One of them deletes the account: the pair falls below the per-pair minimum at once.
    const leaving = others[0]!;
    await service.delete(await service.require({ keyId: leaving.keyId, userId: leaving.userId, scopes: ['user'] }), false);
    expect(crowdReason(await recommend(frank.apiKey, MAX_RECOMMENDATIONS, crowd))).toBeUndefined();
  });
}

describe('recommendations on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recommendations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  recommendationsContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));

  it('finds who else listed the seeds through an index on anime ids, not by scanning every list', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'plan.sqlite') });
    try {
      const compiled = coOccurrenceQuery(store.db, 'user-1', ['mal:1', 'mal:5']).compile();
      const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
      const details = plan.rows.map((row) => row.detail);
      expect(details.some((detail) => /^SEARCH a USING .*INDEX user_watchlist_anime/.test(detail))).toBe(true);
      expect(details.some((detail) => /^SCAN a\b/.test(detail))).toBe(false);
    } finally {
      await store.close();
    }
  });
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'recommendations on PostgreSQL (test/users/recommendations.test.ts)')('recommendations on PostgreSQL (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('recommend_test');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  recommendationsContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }));
});

// The whole path of /graphql: key → access layer → users subgraph → the similarity layer the app
// shares with the similarity subgraph (built on this first request: SIMILARITY_WARM is off in tests).
describe('recommendations through /graphql of the real app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recommendations-app-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a sign-up key gets its recommendations, and `similar` answers from the same similarity layer', async () => {
    const harness = await accessHarness();
    try {
      const { origin } = await harness.start({ STORE_PATH: join(dir, 'store.sqlite'), VECTOR_INDEX_DIR: join(dir, 'vectors') });
      const user = (await call(origin, '/api/users', { method: 'POST' })).body as { apiKey: string };
      const graphql = (query: string, key?: string) => call(origin, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), ...(key ? { key } : {}) });
      expect((await graphql('mutation { setWatchStatus(animeId: "mal:1", status: COMPLETED, score: 10) { status } }', user.apiKey)).body.errors).toBeUndefined();
      const answer = await graphql('{ viewer { recommendations(first: 5) { score reasons anime { id title } } } }', user.apiKey);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const recs = answer.body.data.viewer.recommendations as Rec[];
      expect(recs).toHaveLength(5);
      expect(recs.map((r) => r.anime.id)).not.toContain(BEBOP);
      expect(recs.flatMap((r) => r.reasons).some((reason) => FANS.test(reason) && reason.includes('Cowboy Bebop'))).toBe(true);
      expect(recs.every((r) => typeof r.anime.title === 'string')).toBe(true);
      const similar = await graphql('{ anime(id: "mal:1") { similar(first: 3) { anime { id } } } }');
      expect(similar.body.data.anime.similar).toHaveLength(3);
      expect((await graphql('{ viewer { recommendations(first: 51) { score } } }', user.apiKey)).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    } finally {
      await harness.close();
    }
  }, 300_000);
});
