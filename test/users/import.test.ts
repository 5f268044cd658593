// List import end to end through the gateway (catalog + users subgraphs) on SQLite and, when
// available, PostgreSQL, against a loopback replay of MAL API v2's `GET /users/{name}/animelist`
// (a real recorded page: test/fixtures/upstream/mal, PROVENANCE.md). Entries are mapped through the
// real catalog's crosswalk; what it cannot place is reported. Refusals are typed: unknown user,
// private list, malformed name, a list over USER_IMPORT_MAX_ENTRIES (nothing written), a server
// without MAL_CLIENT_ID. AniList's public MediaListCollection is replayed from a real recorded
// answer (277 entries of one user's lists, test/fixtures/upstream/anilist).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { UpstreamKitWithStats } from '../../src/http/index.js';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { UsersService } from '../../src/users/index.js';
import { listFeatures, ListSource } from '../../src/users/lists/index.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';
import { ANILIST_COLLECTION, listsGateway, MAL_PAGE, MAL_PAGE_IDS, routeAnilistList, routeMalList, testKit } from './lists-support.js';
import type { UsersGateway } from './support.js';

let catalog: Catalog;
let replay: ReplayServer;
beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({}));
  replay = await startReplayServer();
  routeMalList(replay);
  routeAnilistList(replay);
  replay.route({ method: 'GET', path: '/v2/users/no_such_user_404/animelist', status: 404, body: '' });
}, 120_000);
afterAll(async () => {
  await replay?.close();
});

const IMPORT = `mutation I($source: ListSource!, $username: String!) { importList(source: $source, username: $username) { source imported updated unmatched { sourceId title } viaLinkedAccount } }`;
const WATCHLIST = `{ viewer { watchlist(first: 50) { status score progress anime { id title } } } }`;

const configFor = (replayUrl: string, env: Record<string, string> = {}): Config =>
  loadConfig({ MAL_CLIENT_ID: 'test-mal-client-id', MAL_API_URL: `${replayUrl}/v2`, ANILIST_URL: `${replayUrl}/anilist`, ...env });

function importContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let service: UsersService;
  let gateway: UsersGateway;
  let small: UsersGateway;
  let kits: UpstreamKitWithStats[] = [];

  beforeAll(async () => {
    store = await openStore(target());
    service = new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    const config = configFor(replay.url);
    const smallConfig = configFor(replay.url, { USER_IMPORT_MAX_ENTRIES: '5' });
    kits = [testKit(config), testKit(smallConfig)];
    gateway = await listsGateway(catalog, service, store, config, kits[0]!);
    small = await listsGateway(catalog, new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } }), store, smallConfig, kits[1]!);
  }, 120_000);
  afterAll(async () => {
    await gateway?.close();
    await small?.close();
    for (const kit of kits) await kit.close();
    await store?.close();
  });

  it(`${name}: a public MAL list lands on the watchlist through the crosswalk; the rest is reported unmatched`, async () => {
    const alice = await service.signUp();
    replay.reset();
    const result = await gateway.run(IMPORT, { source: 'MAL', username: 'roshizzle' }, alice.apiKey);
    expect(result.errors).toBeUndefined();
    const recorded = JSON.parse(readFileSync(MAL_PAGE, 'utf8')) as { data: Array<{ node: { id: number; title: string } }> };
    const matched = MAL_PAGE_IDS.filter((id) => catalog.byId(`mal:${id}`));
    const unmatched = recorded.data.filter((e) => !catalog.byId(`mal:${e.node.id}`)).map((e) => ({ sourceId: String(e.node.id), title: e.node.title }));
    // The 2016 MAL catalog alone knows six of them (Angel Beats!, 3-gatsu no Lion, 91 Days, …).
    expect(matched.length).toBeGreaterThanOrEqual(6);
    expect(result.data!['importList']).toEqual({ source: 'MAL', imported: matched.length, updated: 0, unmatched, viaLinkedAccount: false });

    // MAL was asked the documented way: the app's client id, list_status, the largest page.
    const first = replay.requests.find((r) => r.path === '/v2/users/roshizzle/animelist')!;
    expect(first.headers['x-mal-client-id']).toBe('test-mal-client-id');
    expect(first.query.get('fields')).toBe('list_status');
    expect(first.query.get('limit')).toBe('1000');

    const list = (await gateway.run(WATCHLIST, {}, alice.apiKey)).data!['viewer'].watchlist as Array<{ status: string; score: number | null; progress: number | null; anime: { id: string; title: string } }>;
    expect(list).toHaveLength(matched.length);
    const byId = new Map(list.map((e) => [e.anime.id, e]));
    // 91 Days: completed, 12 episodes; Angel Beats!: completed, 13; Accel World: plan to watch. MAL's score 0 is "no score".
    expect(byId.get(catalog.byId('mal:32998')!.id)).toMatchObject({ status: 'COMPLETED', score: null, progress: 12 });
    expect(byId.get(catalog.byId('mal:6547')!.id)).toMatchObject({ status: 'COMPLETED', score: null, progress: 13 });
    expect(byId.get(catalog.byId('mal:11759')!.id)).toMatchObject({ status: 'PLAN_TO_WATCH', progress: 0 });

    // Importing again updates the same entries, creates none.
    const again = await gateway.run(IMPORT, { source: 'MAL', username: 'roshizzle' }, alice.apiKey);
    expect(again.data!['importList']).toMatchObject({ imported: 0, updated: matched.length });
  });

  it(`${name}: a public AniList list lands on the watchlist through the crosswalk by MAL id; the rest is reported unmatched`, async () => {
    const carol = await service.signUp();
    replay.reset();
    const result = await gateway.run(IMPORT, { source: 'ANILIST', username: 'CulturedSnowie' }, carol.apiKey);
    expect(result.errors).toBeUndefined();
    type Entry = { mediaId: number; status: string; progress: number; score: number; media: { idMal: number | null; title: { romaji: string; english: string | null } } };
    const recorded = JSON.parse(readFileSync(ANILIST_COLLECTION, 'utf8')) as { data: { MediaListCollection: { lists: Array<{ isCustomList: boolean; entries: Entry[] }> } } };
    const entries = recorded.data.MediaListCollection.lists.flatMap((list) => list.entries);
    expect(entries).toHaveLength(277);
    const placed = (entry: Entry) => entry.media.idMal !== null && catalog.byId(`mal:${entry.media.idMal}`) !== undefined;
    const matched = entries.filter(placed);
    // The catalog knows most of a 2022–2026 list (MAL's 2016 catalog plus the offline sources).
    expect(matched.length).toBeGreaterThan(100);
    const report = result.data!['importList'] as { imported: number; updated: number; unmatched: Array<{ sourceId: string; title: string }>; viaLinkedAccount: boolean };
    expect(report).toMatchObject({ source: 'ANILIST', imported: matched.length, updated: 0, viaLinkedAccount: false });
    expect(report.unmatched.map((u) => u.sourceId).sort()).toEqual(entries.filter((e) => !placed(e)).map((e) => String(e.mediaId)).sort());
    // AniList was asked its documented way: one POST naming the user and the anime lists.
    const asked = replay.requests.filter((r) => r.path === '/anilist/');
    expect(asked).toHaveLength(1);
    expect(JSON.parse(asked[0]!.body)).toMatchObject({ variables: { userName: 'CulturedSnowie' } });

    const list = (await gateway.run(`{ viewer { watchlist(first: 500) { status score progress anime { id malId } } } }`, {}, carol.apiKey)).data!['viewer'].watchlist as Array<{ status: string; score: number | null; progress: number | null; anime: { malId: number } }>;
    expect(list).toHaveLength(matched.length);
    const byMal = new Map(list.map((e) => [e.anime.malId, e]));
    const STATUS: Record<string, string> = { CURRENT: 'WATCHING', PLANNING: 'PLAN_TO_WATCH', COMPLETED: 'COMPLETED', DROPPED: 'DROPPED', PAUSED: 'ON_HOLD', REPEATING: 'REWATCHING' };
    for (const entry of matched) {
      const mine = byMal.get(entry.media.idMal!);
      // The catalog's episode count bounds progress (Shoujo Ramune: 4 on AniList, 2 episodes known).
      const episodes = catalog.byId(`mal:${entry.media.idMal}`)!.episodes;
      const progress = episodes ? Math.min(entry.progress, episodes) : entry.progress;
      expect(mine).toMatchObject({ status: STATUS[entry.status], progress, score: entry.score > 0 ? entry.score : null });
    }
  });

  it(`${name}: an unknown user, a malformed name, a missing key: typed errors, nothing written`, async () => {
    const bob = await service.signUp();
    const unknown = await gateway.run(IMPORT, { source: 'MAL', username: 'no_such_user_404' }, bob.apiKey);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'username', source: 'MAL' });
    const malformed = await gateway.run(IMPORT, { source: 'MAL', username: 'not a name!' }, bob.apiKey);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    const anonymous = await gateway.run(IMPORT, { source: 'MAL', username: 'roshizzle' });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // AniList answers 404 for a user it does not know (a fault here: no recorded body is needed).
    replay.fault({ path: '/anilist/', method: 'POST' }, { status: 404, times: 1 });
    const anilist = await gateway.run(IMPORT, { source: 'ANILIST', username: 'no_such_user_404' }, bob.apiKey);
    expect(anilist.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'ANILIST' });
    // A private MAL list answers 403.
    replay.fault({ path: '/v2/users/roshizzle/animelist' }, { status: 403, times: 1 });
    const kit = testKit(configFor(replay.url));
    try {
      const features = listFeatures({ store: async () => store, catalog, config: configFor(replay.url), upstream: kit });
      await expect(features.imports.import(bob.userId, ListSource.MAL, 'roshizzle')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    } finally {
      await kit.close();
    }
    expect((await gateway.run(WATCHLIST, {}, bob.apiKey)).data!['viewer'].watchlist).toEqual([]);
  });

  it(`${name}: a list longer than USER_IMPORT_MAX_ENTRIES is refused whole: nothing written`, async () => {
    const carol = await service.signUp();
    const before = await store.db.selectFrom('user_watchlist').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const refused = await small.run(IMPORT, { source: 'MAL', username: 'roshizzle' }, carol.apiKey);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LIST_TOO_LARGE', limit: 5 });
    expect(refused.errors?.[0]?.message).toMatch(/USER_IMPORT_MAX_ENTRIES/);
    const after = await store.db.selectFrom('user_watchlist').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await small.run(WATCHLIST, {}, carol.apiKey)).data!['viewer'].watchlist).toEqual([]);
  });

  it(`${name}: without MAL_CLIENT_ID a MAL import says what to configure`, async () => {
    const dave = await service.signUp();
    const config = loadConfig({ MAL_API_URL: `${replay.url}/v2` });
    const kit = testKit(config);
    try {
      const features = listFeatures({ store: async () => store, catalog, config, upstream: kit });
      await expect(features.imports.import(dave.userId, ListSource.MAL, 'roshizzle')).rejects.toMatchObject({ code: 'NOT_CONFIGURED', details: { setting: 'MAL_CLIENT_ID' } });
    } finally {
      await kit.close();
    }
  });
}

describe('list import on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lists-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  importContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'list import on PostgreSQL (test/users/import.test.ts)')('list import on PostgreSQL (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('lists_import_test');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  importContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }));
});
