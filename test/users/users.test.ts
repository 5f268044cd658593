// The users subgraph and its store on both databases (an SQLite temp file; a fresh PostgreSQL
// schema, dropped after), through a gateway composed from the real catalog subgraph and the users
// subgraph, with every request's key verified by the real Authenticator: `viewer`, the mutations,
// `Anime.viewer` through federation, typed refusals, bad input that writes nothing, one user never
// reaching another's data (forged ids included), soft delete and purge. Anime are the real
// catalog's (Cowboy Bebop mal:1, 26 episodes; Naruto mal:20).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { Authenticator } from '../../src/auth/authenticator.js';
import { KeyStore } from '../../src/auth/index.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import { knownMigrations, openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { DAY_MS, PURGE_COUNTS, UsersService, viewerContext } from '../../src/users/index.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { allRows, usersGateway, type UsersGateway } from './support.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({}));
}, 120_000);

const WATCHLIST = `query { viewer { id watchlist { status score progress updatedAt anime { id title } } } }`;
const SET = `mutation Set($animeId: ID!, $status: WatchStatus!, $score: Float, $progress: Int) {
  setWatchStatus(animeId: $animeId, status: $status, score: $score, progress: $progress) { status score progress updatedAt anime { id title } }
}`;
const PREFERENCES = `{ viewer { preferences { nsfwAllowed region timeZone titleLanguage preferredSources genresLiked genresAvoided updatedAt } } }`;
const UPDATE_PREFERENCES = `mutation P($input: PreferencesInput!) { updatePreferences(input: $input) { nsfwAllowed region timeZone titleLanguage preferredSources genresLiked genresAvoided } }`;

function usersContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let clock = Date.parse('2026-12-01T00:00:00Z');
  let service: UsersService;
  let gateway: UsersGateway;
  let alice: { userId: string; apiKey: string; keyId: string };
  let bob: { userId: string; apiKey: string; keyId: string };

  beforeAll(async () => {
    store = await openStore(target(), () => clock);
    service = new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' }, now: () => clock });
    gateway = await usersGateway(catalog, service, store);
    alice = await service.signUp();
    bob = await service.signUp();
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
  });

  const entriesOf = async (key: string) => (await gateway.run(WATCHLIST, {}, key)).data?.['viewer']?.watchlist as Array<Record<string, any>>;

  it(`${name}: migrations create the user tables; sign-up writes an account and a \`user\` key of it`, async () => {
    expect(await store.migrations()).toEqual(knownMigrations(store.dialect));
    expect(knownMigrations(store.dialect)).toContain('0004_users');
    expect(alice.userId).toMatch(/^usr_[A-Za-z0-9]{16}$/);
    expect(alice.apiKey).toMatch(/^af_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const key = await new KeyStore(store.db).find(alice.keyId);
    expect(key).toMatchObject({ scopes: ['user'], tier: 'free', userId: alice.userId, revokedAt: null });
    // Only the scrypt hash of the secret is kept.
    expect((await allRows(store)).some(({ row }) => row.includes(alice.apiKey.split('_').slice(2).join('_')))).toBe(false);
  });

  it(`${name}: without a user key, viewer is null and mutations are refused with typed errors`, async () => {
    expect((await gateway.run('{ viewer { id } }')).data).toEqual({ viewer: null });
    const anonymous = await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING' });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toMatch(/POST \/api\/users/);

    const keys = new KeyStore(store.db);
    const read = await keys.create({ name: 'read only', scopes: ['read'], tier: 'free' });
    expect((await gateway.run('{ viewer { id } }', {}, read.key)).data).toEqual({ viewer: null });
    const forbidden = await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING' }, read.key);
    expect(forbidden.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scopes: ['read'] });
    // A `user` key an operator made belongs to no account.
    const orphan = await keys.create({ name: 'operator user key', scopes: ['user'], tier: 'free' });
    const refused = await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:1") }`, {}, orphan.key);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/belongs to no user account/);
  });

  it(`${name}: setWatchStatus stores under the canonical id and viewer.watchlist shows it with the catalog's title`, async () => {
    const set = await gateway.run(SET, { animeId: 'anilist:1', status: 'WATCHING', score: 8.5, progress: 5 }, alice.apiKey);
    expect(set.errors).toBeUndefined();
    expect(set.data!['setWatchStatus']).toMatchObject({ status: 'WATCHING', score: 8.5, progress: 5, anime: { id: 'mal:1', title: 'Cowboy Bebop' } });
    // An absent score keeps the stored one; the alias and the canonical id are one entry.
    clock += 60_000;
    const done = await gateway.run(SET, { animeId: 'mal:1', status: 'COMPLETED', progress: 26 }, alice.apiKey);
    expect(done.data!['setWatchStatus']).toMatchObject({ status: 'COMPLETED', score: 8.5, progress: 26 });
    clock += 60_000;
    await gateway.run(SET, { animeId: 'mal:20', status: 'PLAN_TO_WATCH' }, alice.apiKey);
    const entries = await entriesOf(alice.apiKey);
    expect(entries).toEqual([
      { status: 'PLAN_TO_WATCH', score: null, progress: null, updatedAt: new Date(clock).toISOString(), anime: { id: 'mal:20', title: 'Naruto' } },
      { status: 'COMPLETED', score: 8.5, progress: 26, updatedAt: new Date(clock - 60_000).toISOString(), anime: { id: 'mal:1', title: 'Cowboy Bebop' } },
    ]);
    const completed = await gateway.run(`{ viewer { watchlist(status: COMPLETED) { anime { id } } } }`, {}, alice.apiKey);
    expect(completed.data!['viewer'].watchlist).toEqual([{ anime: { id: 'mal:1' } }]);
    // An explicit null clears a score.
    const cleared = await gateway.run(SET, { animeId: 'mal:20', status: 'WATCHING', score: null }, alice.apiKey);
    expect(cleared.data!['setWatchStatus']).toMatchObject({ status: 'WATCHING', score: null });
  });

  it(`${name}: Anime.viewer resolves through federation by id, for the caller only`, async () => {
    const query = `{ anime(malId: 1) { title viewer { status score progress } } }`;
    expect((await gateway.run(query, {}, alice.apiKey)).data).toEqual({ anime: { title: 'Cowboy Bebop', viewer: { status: 'COMPLETED', score: 8.5, progress: 26 } } });
    expect((await gateway.run(query, {}, bob.apiKey)).data).toEqual({ anime: { title: 'Cowboy Bebop', viewer: null } });
    expect((await gateway.run(query)).data).toEqual({ anime: { title: 'Cowboy Bebop', viewer: null } });
    // A list of anime: one entity fetch, each with the caller's state or null.
    const search = await gateway.run(`{ search(query: "naruto", first: 3) { nodes { id viewer { status } } } }`, {}, alice.apiKey);
    const nodes = search.data!['search'].nodes as Array<{ id: string; viewer: { status: string } | null }>;
    expect(nodes.find((n) => n.id === 'mal:20')?.viewer).toEqual({ status: 'WATCHING' });
    expect(nodes.filter((n) => n.id !== 'mal:20').every((n) => n.viewer === null)).toBe(true);
  });

  it.each([
    ['an unknown anime id', { animeId: 'mal:999999999', status: 'WATCHING' }, 'animeId'],
    ['a score above 10', { animeId: 'mal:1', status: 'WATCHING', score: 10.5 }, 'score'],
    ['a negative score', { animeId: 'mal:1', status: 'WATCHING', score: -1 }, 'score'],
    ['negative progress', { animeId: 'mal:1', status: 'WATCHING', progress: -1 }, 'progress'],
    ['progress past the last episode', { animeId: 'mal:1', status: 'WATCHING', progress: 27 }, 'progress'],
  ])(`${name}: %s is BAD_USER_INPUT and writes nothing`, async (_label, variables, field) => {
    const before = await entriesOf(alice.apiKey);
    const answer = await gateway.run(SET, variables, alice.apiKey);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await entriesOf(alice.apiKey)).toEqual(before);
  });

  it(`${name}: a status that is not a WatchStatus is BAD_USER_INPUT before anything runs`, async () => {
    const before = await entriesOf(alice.apiKey);
    const answer = await gateway.run(SET, { animeId: 'mal:1', status: 'BINGED' }, alice.apiKey);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.data).toBeUndefined();
    expect(await entriesOf(alice.apiKey)).toEqual(before);
  });

  it(`${name}: preferences are stored normalised and returned; a bad field writes none of them`, async () => {
    const defaults = await gateway.run(PREFERENCES, {}, bob.apiKey);
    expect(defaults.data!['viewer'].preferences).toEqual({ nsfwAllowed: false, region: null, timeZone: null, titleLanguage: 'DEFAULT', preferredSources: [], genresLiked: [], genresAvoided: [], updatedAt: null });
    const input = { nsfwAllowed: true, region: 'jp', timeZone: 'Asia/Tokyo', titleLanguage: 'ENGLISH', preferredSources: ['ANILIST', 'MAL'], genresLiked: ['Science Fiction', 'space'], genresAvoided: ['horror'] };
    const updated = await gateway.run(UPDATE_PREFERENCES, { input }, bob.apiKey);
    expect(updated.errors).toBeUndefined();
    const stored = { nsfwAllowed: true, region: 'JP', timeZone: 'Asia/Tokyo', titleLanguage: 'ENGLISH', preferredSources: ['ANILIST', 'MAL'], genresLiked: ['sci-fi', 'space'], genresAvoided: ['horror'] };
    expect(updated.data!['updatePreferences']).toEqual(stored);
    // A partial update keeps the other fields; null puts one back to its default.
    await gateway.run(UPDATE_PREFERENCES, { input: { timeZone: null } }, bob.apiKey);
    const after = (await gateway.run(PREFERENCES, {}, bob.apiKey)).data!['viewer'].preferences;
    expect(after).toEqual({ ...stored, timeZone: null, updatedAt: new Date(clock).toISOString() });

    for (const [bad, field] of [
      [{ region: 'XX', nsfwAllowed: false }, 'region'],
      [{ timeZone: 'Mars/Olympus_Mons', nsfwAllowed: false }, 'timeZone'],
      [{ genresLiked: ['not a genre at all'], nsfwAllowed: false }, 'genresLiked'],
      [{ genresAvoided: ['sci-fi'], nsfwAllowed: false }, 'genresAvoided'],
      [{ preferredSources: ['OTHER'], nsfwAllowed: false }, 'preferredSources'],
    ] as const) {
      const refused = await gateway.run(UPDATE_PREFERENCES, { input: bad }, bob.apiKey);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      // nsfwAllowed: false rode along with the bad field and was not written either.
      expect((await gateway.run(PREFERENCES, {}, bob.apiKey)).data!['viewer'].preferences).toEqual(after);
    }
  });

  it(`${name}: one user never reads or changes another's data, forged ids included`, async () => {
    const alicesBefore = await entriesOf(alice.apiKey);
    // Bob's list is his own; removing Alice's anime removes nothing of hers.
    expect(await entriesOf(bob.apiKey)).toEqual([]);
    expect((await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:1") }`, {}, bob.apiKey)).data).toEqual({ removeFromWatchlist: false });
    expect(await entriesOf(alice.apiKey)).toEqual(alicesBefore);
    // No field takes a user id.
    const forged = await gateway.run(`mutation { setWatchStatus(animeId: "mal:1", status: DROPPED, userId: "${alice.userId}") { status } }`, {}, bob.apiKey);
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    // The subgraph itself, as the gateway calls it: a representation carrying Alice's id is
    // answered with the caller's (Bob's) state; Viewer is no entity that could be fetched by id.
    const asBob = viewerContext(await principalOf(bob.apiKey));
    const entities = await execute({
      schema: gateway.users,
      document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { id viewer { status } } } }`),
      variableValues: { r: [{ __typename: 'Anime', id: 'mal:1', userId: alice.userId, viewer: { status: 'COMPLETED' } }] },
      contextValue: asBob,
    });
    expect(entities.data).toEqual({ _entities: [{ id: 'mal:1', viewer: null }] });
    const viewerEntity = await execute({ schema: gateway.users, document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`), variableValues: { r: [{ __typename: 'Viewer', id: alice.userId }] }, contextValue: asBob });
    expect(viewerEntity.errors?.[0]?.message).toMatch(/Viewer/);
    // A context property or header named like the user cannot stand in for the verified key.
    const spoofed = await execute({ schema: gateway.users, document: parse('{ viewer { id } }'), contextValue: { userId: alice.userId, viewer: { userId: alice.userId, scopes: ['user'] } } });
    expect(spoofed.data).toEqual({ viewer: null });
    expect(await entriesOf(alice.apiKey)).toEqual(alicesBefore);
  });

  const principalOf = async (key: string) => {
    return new Authenticator(async () => new KeyStore(store.db), 'free').authenticate({ authorization: `Bearer ${key}` }, '127.0.0.1');
  };

  it(`${name}: removeFromWatchlist takes an alias, answers false the second time, refuses unknown ids`, async () => {
    const carol = await service.signUp();
    await gateway.run(SET, { animeId: 'mal:5114', status: 'WATCHING' }, carol.apiKey);
    expect((await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:5114") }`, {}, carol.apiKey)).data).toEqual({ removeFromWatchlist: true });
    expect((await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:5114") }`, {}, carol.apiKey)).data).toEqual({ removeFromWatchlist: false });
    const unknown = await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:999999999") }`, {}, carol.apiKey);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'animeId' });
  });

  it(`${name}: a deleted account is closed at once, even where its key's verdict is still cached`, async () => {
    const dave = await service.signUp();
    await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING' }, dave.apiKey);
    // The gateway's authenticator has verified (and cached) Dave's key by now.
    const account = await service.require({ keyId: dave.keyId, userId: dave.userId, scopes: ['user'] });
    const deleted = await service.delete(account, false);
    expect(deleted).toEqual({ userId: dave.userId, deletedAt: new Date(clock).toISOString(), purged: false, purgeAfter: new Date(clock + 30 * DAY_MS).toISOString() });
    expect((await gateway.run('{ viewer { id } }', {}, dave.apiKey)).data).toEqual({ viewer: null });
    const refused = await gateway.run(SET, { animeId: 'mal:1', status: 'DROPPED' }, dave.apiKey);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await new KeyStore(store.db).find(dave.keyId))?.revokedAt).toBe(new Date(clock).toISOString());
    // Kept (unreachable) until the purge period is over, then purged by the sweep.
    clock += 29 * DAY_MS;
    expect(await service.purgeExpired()).toBe(0);
    expect((await allRows(store)).some(({ row }) => row.includes(dave.userId))).toBe(true);
    clock += DAY_MS;
    const countsBefore = await countsOf(store);
    expect(await service.purgeExpired()).toBe(1);
    const rows = await allRows(store);
    expect(rows.filter(({ row }) => row.includes(dave.userId) || row.includes(dave.keyId))).toEqual([]);
    const counts = await countsOf(store);
    expect(counts['accounts_purged']).toBe((countsBefore['accounts_purged'] ?? 0) + 1);
    expect(counts['watchlist_entries_purged']).toBe((countsBefore['watchlist_entries_purged'] ?? 0) + 1);
  });

  it(`${name}: purge now leaves nothing of the user but the aggregate counts`, async () => {
    const account = await service.require({ keyId: alice.keyId, userId: alice.userId, scopes: ['user'] });
    const exported = await service.export(account);
    expect(exported.watchlist.map((e) => [e.animeId, e.title])).toEqual([
      ['mal:20', 'Naruto'],
      ['mal:1', 'Cowboy Bebop'],
    ]);
    const countsBefore = await countsOf(store);
    const purged = await service.delete(account, true);
    expect(purged).toMatchObject({ userId: alice.userId, purged: true, purgeAfter: null });
    const left = (await allRows(store)).filter(({ row }) => row.includes(alice.userId) || row.includes(alice.keyId));
    expect(left).toEqual([]);
    const counts = await countsOf(store);
    expect(Object.keys(counts).sort()).toEqual([...PURGE_COUNTS].sort());
    expect(counts['accounts_purged']).toBe(countsBefore['accounts_purged']! + 1);
    expect(counts['watchlist_entries_purged']).toBe(countsBefore['watchlist_entries_purged']! + 2);
    expect((await gateway.run('{ viewer { id } }', {}, alice.apiKey)).data).toEqual({ viewer: null });
    // Bob is untouched.
    expect((await gateway.run('{ viewer { id } }', {}, bob.apiKey)).data).toEqual({ viewer: { id: bob.userId } });
  });
}

const countsOf = async (store: Store) => Object.fromEntries((await store.db.selectFrom('user_counts').select(['name', 'value']).execute()).map((r) => [r.name, Number(r.value)]));

describe('users on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  usersContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'users on PostgreSQL (test/users/users.test.ts)')('users on PostgreSQL (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('users_test');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  usersContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }));
});
