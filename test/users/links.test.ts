// Account linking and two-way sync on SQLite and, when available, PostgreSQL, against a loopback
// OAuth and API stand-in that follows the providers' documented flows (MAL: authorization code with
// PKCE `plain`, form-encoded token requests, refresh grant, API v2 `users/@me`, `my_list_status`
// PATCH/DELETE; AniList: authorization code grant with a JSON token request, GraphQL
// `SaveMediaListEntry`). The linked MAL account's list is the real recorded page of
// test/fixtures/upstream/mal. GraphQL goes through the gateway (catalog + users subgraphs); the
// OAuth callback through the REST routes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Authenticator, type Principal } from '../../src/auth/authenticator.js';
import { KeyStore } from '../../src/auth/index.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { UpstreamKitWithStats } from '../../src/http/index.js';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { UsersService } from '../../src/users/index.js';
import { listFeatures, listRoutes, TokenCipher } from '../../src/users/lists/index.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { allRows, type UsersGateway } from './support.js';
import { accessHarness, call, type Harness } from '../auth/support.js';
import { listsGateway, MAL_PAGE, testKit, tokenKey } from './lists-support.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({}));
}, 120_000);

interface StandIn {
  url: string;
  /** Every API call: method, path, Authorization, body. */
  calls: Array<{ method: string; path: string; authorization: string | undefined; body: string }>;
  /** Access tokens currently valid. */
  valid: Set<string>;
  /** Every access and refresh token handed out. */
  issued: string[];
  /** The user revokes the app on the provider: no access or refresh token works any more. */
  revokeAll(): void;
  /** Approves an authorization request as the provider's consent page would: the redirect Location. */
  approve(authorizationUrl: string): string;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => resolve(body));
});

/** The providers' documented OAuth2 and list endpoints, on loopback. */
async function startStandIn(): Promise<StandIn> {
  const codes = new Map<string, { challenge: string | null; redirectUri: string; clientId: string }>();
  const refreshTokens = new Set<string>();
  const valid = new Set<string>();
  const calls: StandIn['calls'] = [];
  const issued: string[] = [];
  let n = 0;
  const issue = () => {
    n += 1;
    const access = `access-${n}-${Math.random().toString(36).slice(2)}`;
    const refresh = `refresh-${n}-${Math.random().toString(36).slice(2)}`;
    valid.add(access);
    refreshTokens.add(refresh);
    issued.push(access, refresh);
    return { token_type: 'Bearer', expires_in: 3600, access_token: access, refresh_token: refresh };
  };
  const page = readFileSync(MAL_PAGE, 'utf8');
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    if (req.method === 'POST' && (url.pathname === '/mal/v1/oauth2/token' || url.pathname === '/anilist/api/v2/oauth/token')) {
      const form = url.pathname.startsWith('/mal') ? Object.fromEntries(new URLSearchParams(body)) : (JSON.parse(body) as Record<string, string>);
      if (form['grant_type'] === 'authorization_code') {
        const grant = codes.get(form['code'] ?? '');
        codes.delete(form['code'] ?? '');
        // MAL's PKCE `plain`: the verifier must equal the challenge sent to /authorize.
        if (!grant || grant.redirectUri !== form['redirect_uri'] || grant.clientId !== form['client_id'] || (grant.challenge !== null && grant.challenge !== form['code_verifier'])) return send(400, { error: 'invalid_grant' });
        return send(200, issue());
      }
      if (form['grant_type'] === 'refresh_token' && refreshTokens.delete(form['refresh_token'] ?? '')) return send(200, issue());
      return send(400, { error: 'invalid_grant' });
    }
    if (url.pathname.startsWith('/mal/v2/')) {
      calls.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization, body });
      if (!bearer || !valid.has(bearer)) return send(401, { error: 'invalid_token' });
      if (req.method === 'GET' && url.pathname === '/mal/v2/users/@me') return send(200, { id: 1, name: 'roshizzle' });
      if (req.method === 'GET' && url.pathname === '/mal/v2/users/@me/animelist') return res.writeHead(200, { 'content-type': 'application/json' }).end(page);
      if (/^\/mal\/v2\/anime\/\d+\/my_list_status$/.test(url.pathname) && (req.method === 'PATCH' || req.method === 'DELETE')) return send(200, req.method === 'PATCH' ? Object.fromEntries(new URLSearchParams(body)) : {});
      return send(404, { error: 'not_found' });
    }
    if (req.method === 'POST' && url.pathname === '/anilist/graphql') {
      calls.push({ method: 'POST', path: url.pathname, authorization: req.headers.authorization, body });
      if (!bearer || !valid.has(bearer)) return send(400, { errors: [{ message: 'Invalid token', status: 401 }], data: null });
      if (body.includes('SaveMediaListEntry')) return send(200, { data: { SaveMediaListEntry: { id: 1 } } });
      return send(400, { errors: [{ message: 'not in this stand-in', status: 400 }], data: null });
    }
    return send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    calls,
    valid,
    issued,
    revokeAll() {
      valid.clear();
      refreshTokens.clear();
    },
    approve(authorizationUrl) {
      const url = new URL(authorizationUrl);
      const params = url.searchParams;
      const code = `code-${Math.random().toString(36).slice(2)}`;
      codes.set(code, { challenge: params.get('code_challenge'), redirectUri: params.get('redirect_uri')!, clientId: params.get('client_id')! });
      return `${params.get('redirect_uri')}?${new URLSearchParams({ code, state: params.get('state')! })}`;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const LINK = `mutation L($source: ListSource!) { linkAccount(source: $source) { source authorizationUrl redirectUri expiresAt } }`;
const SET = `mutation S($animeId: ID!, $status: WatchStatus!, $score: Float, $progress: Int) { setWatchStatus(animeId: $animeId, status: $status, score: $score, progress: $progress) { status score progress sync { source status message } } }`;

function linksContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let standIn: StandIn;
  let config: Config;
  let kit: UpstreamKitWithStats;
  let service: UsersService;
  let gateway: UsersGateway;
  let rest: FastifyInstance;
  let restUrl: string;
  let key: string;
  /** A GET as the provider's redirect makes it (a browser: no API key). */
  const browse = async (path: string) => {
    const response = await fetch(`${restUrl}${path}`);
    const body = (await response.json()) as Record<string, any>;
    return { statusCode: response.status, json: () => body };
  };

  beforeAll(async () => {
    store = await openStore(target());
    standIn = await startStandIn();
    key = tokenKey();
    config = loadConfig({
      PUBLIC_URL: 'https://anime.example.test',
      USER_TOKEN_KEY: key,
      MAL_CLIENT_ID: 'mal-client',
      MAL_CLIENT_SECRET: 'mal-secret',
      MAL_API_URL: `${standIn.url}/mal/v2`,
      MAL_OAUTH_URL: `${standIn.url}/mal/v1/oauth2`,
      ANILIST_CLIENT_ID: '4242',
      ANILIST_CLIENT_SECRET: 'anilist-secret',
      ANILIST_OAUTH_URL: `${standIn.url}/anilist/api/v2/oauth`,
      ANILIST_URL: `${standIn.url}/anilist/graphql`,
    });
    kit = testKit(config);
    service = new UsersService({ store: async () => store, catalog, config: { USER_PURGE_DAYS: 30, USER_KEY_TIER: 'free' } });
    gateway = await listsGateway(catalog, service, store, config, kit);
    // The REST doors as the app mounts them, with the real Authenticator in front.
    const authenticator = new Authenticator(async () => new KeyStore(store.db), 'free');
    const principals = new WeakMap<FastifyRequest, Principal>();
    rest = Fastify();
    rest.addHook('onRequest', async (request) => {
      principals.set(request, await authenticator.authenticate(request.headers, request.ip));
    });
    const routes = listRoutes({ access: { principalOf: (request) => principals.get(request) }, users: service, features: listFeatures({ store: async () => store, catalog, config, upstream: kit }) });
    for (const [prefix, plugin] of Object.entries(routes)) await rest.register(plugin, { prefix: `/api${prefix}` });
    restUrl = await rest.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await rest?.close();
    await gateway?.close();
    await kit?.close();
    await standIn?.close();
    await store?.close();
  });

  /** linkAccount, the provider's consent, the browser's redirect to the callback. */
  const linkThrough = async (apiKey: string, source: 'MAL' | 'ANILIST') => {
    const started = await gateway.run(LINK, { source }, apiKey);
    expect(started.errors).toBeUndefined();
    const location = new URL(standIn.approve(started.data!['linkAccount'].authorizationUrl));
    return browse(`${location.pathname}${location.search}`);
  };

  it(`${name}: linkAccount(MAL) gives MAL's documented authorization URL (PKCE plain); the state is kept hashed, the verifier encrypted`, async () => {
    const user = await service.signUp();
    const started = await gateway.run(LINK, { source: 'MAL' }, user.apiKey);
    expect(started.errors).toBeUndefined();
    const url = new URL(started.data!['linkAccount'].authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${standIn.url}/mal/v1/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'mal-client', code_challenge_method: 'plain', redirect_uri: 'https://anime.example.test/api/me/links/mal/callback' });
    const challenge = url.searchParams.get('code_challenge')!;
    expect(challenge.length).toBeGreaterThanOrEqual(43);
    expect(challenge.length).toBeLessThanOrEqual(128);
    const state = url.searchParams.get('state')!;
    const rows = await store.db.selectFrom('user_link_states').selectAll().where('user_id', '=', user.userId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(state);
    expect(JSON.stringify(rows)).not.toContain(challenge);
    // AniList: the authorization code grant, no PKCE.
    const anilist = new URL((await gateway.run(LINK, { source: 'ANILIST' }, user.apiKey)).data!['linkAccount'].authorizationUrl);
    expect(Object.fromEntries(anilist.searchParams)).toMatchObject({ client_id: '4242', response_type: 'code', redirect_uri: 'https://anime.example.test/api/me/links/anilist/callback' });
    expect(anilist.searchParams.has('code_challenge')).toBe(false);
  });

  it(`${name}: a forged, reused or cross-provider state is refused and links nothing`, async () => {
    const user = await service.signUp();
    const forged = await browse('/api/me/links/mal/callback?code=abc&state=forged-state-value');
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'STATE_INVALID' } } });
    // A real state presented at the other provider's callback.
    const started = await gateway.run(LINK, { source: 'MAL' }, user.apiKey);
    const location = new URL(standIn.approve(started.data!['linkAccount'].authorizationUrl));
    const crossed = await browse(`/api/me/links/anilist/callback${location.search}`);
    expect(crossed.statusCode).toBe(403);
    // That state is spent now, even at the right callback.
    const reused = await browse(`${location.pathname}${location.search}`);
    expect(reused.statusCode).toBe(403);
    const denied = await browse('/api/me/links/mal/callback?error=access_denied&state=x');
    expect(denied.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'AUTHORIZATION_DENIED' } } });
    expect(await store.db.selectFrom('user_links').selectAll().where('user_id', '=', user.userId).execute()).toEqual([]);
  });

  it(`${name}: the callback links MAL; tokens are stored encrypted, listed as "linked since", and sync pushes setWatchStatus and removals`, async () => {
    const user = await service.signUp();
    const callback = await linkThrough(user.apiKey, 'MAL');
    expect(callback.statusCode).toBe(200);
    expect(callback.json()).toMatchObject({ linked: true, source: 'MAL' });

    // Tokens: never in clear anywhere in the store, and readable only with the key and the row's context.
    const row = await store.db.selectFrom('user_links').selectAll().where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    const tokens = [...standIn.issued];
    const access = new TokenCipher(key).decrypt(row.access_token, `${user.userId}:MAL:access`);
    expect(tokens).toContain(access);
    expect(row.access_token).not.toContain(access);
    expect(row.refresh_token).toMatch(/^v1\./);
    expect((await allRows(store)).some(({ row: text }) => tokens.some((t) => text.includes(t)))).toBe(false);
    expect(() => new TokenCipher(key).decrypt(row.access_token, 'someone-else:MAL:access')).toThrow();

    const viewer = await gateway.run(`{ viewer { linkedAccounts { source linkedAt lastSyncAt } } }`, {}, user.apiKey);
    expect(viewer.data!['viewer'].linkedAccounts).toEqual([{ source: 'MAL', linkedAt: expect.any(String), lastSyncAt: null }]);
    const exported = await service.export({ id: user.userId });
    expect(exported.linkedAccounts).toEqual([expect.objectContaining({ source: 'MAL', description: expect.stringMatching(/^linked since \d{4}-/) })]);
    expect(JSON.stringify(exported)).not.toContain(access);

    // setWatchStatus: written locally, then PATCHed to MAL with the token (score as MAL's whole number).
    standIn.calls.length = 0;
    const set = await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING', score: 7.6, progress: 5 }, user.apiKey);
    expect(set.errors).toBeUndefined();
    expect(set.data!['setWatchStatus']).toEqual({ status: 'WATCHING', score: 7.6, progress: 5, sync: [{ source: 'MAL', status: 'PUSHED', message: null }] });
    const patch = standIn.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe('/mal/v2/anime/1/my_list_status');
    expect(patch.authorization).toBe(`Bearer ${access}`);
    expect(Object.fromEntries(new URLSearchParams(patch.body))).toEqual({ status: 'watching', is_rewatching: 'false', score: '8', num_watched_episodes: '5' });
    // REWATCHING is MAL's completed + is_rewatching.
    await gateway.run(SET, { animeId: 'mal:1', status: 'REWATCHING' }, user.apiKey);
    expect(Object.fromEntries(new URLSearchParams(standIn.calls.filter((c) => c.method === 'PATCH').at(-1)!.body))).toMatchObject({ status: 'completed', is_rewatching: 'true' });

    const removed = await gateway.run(`mutation { removeFromWatchlist(animeId: "mal:1") }`, {}, user.apiKey);
    expect(removed.data).toEqual({ removeFromWatchlist: true });
    expect(standIn.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/mal/v2/anime/1/my_list_status' });
  });

  it(`${name}: importList with the linked account reads its own list; an expired token is refreshed; a revoked one fails the push, not the write`, async () => {
    const user = await service.signUp();
    expect((await linkThrough(user.apiKey, 'MAL')).statusCode).toBe(200);
    standIn.calls.length = 0;
    const imported = await gateway.run(`mutation { importList(source: MAL, username: "roshizzle") { imported unmatched { sourceId } viaLinkedAccount } }`, {}, user.apiKey);
    expect(imported.errors).toBeUndefined();
    expect(imported.data!['importList'].viaLinkedAccount).toBe(true);
    expect(imported.data!['importList'].imported).toBeGreaterThanOrEqual(6);
    // Who the token is (it is roshizzle, so the private list is read), then the list: the recorded
    // page's `next` (offset 10) is followed once; it answers the same page, which ends the list.
    expect(standIn.calls.map((c) => c.path)).toEqual(['/mal/v2/users/@me', '/mal/v2/users/@me/animelist', '/mal/v2/users/@me/animelist']);
    expect(standIn.calls.every((c) => c.authorization?.startsWith('Bearer access-'))).toBe(true);
    // Another user's name reads the public list instead (it is not the linked account).

    // The access token's expiry passes: the refresh grant runs before the push.
    await store.db.updateTable('user_links').set({ expires_at: Date.now() - 1000 }).where('user_id', '=', user.userId).execute();
    const before = await store.db.selectFrom('user_links').select('access_token').where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    const set = await gateway.run(SET, { animeId: 'mal:1', status: 'COMPLETED', progress: 26 }, user.apiKey);
    expect(set.data!['setWatchStatus'].sync).toEqual([{ source: 'MAL', status: 'PUSHED', message: null }]);
    const after = await store.db.selectFrom('user_links').select(['access_token', 'expires_at']).where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    expect(after.access_token).not.toBe(before.access_token);
    expect(Number(after.expires_at)).toBeGreaterThan(Date.now());

    // A token MAL refuses is refreshed once and the push retried.
    standIn.valid.clear();
    const retried = await gateway.run(SET, { animeId: 'mal:1', status: 'ON_HOLD' }, user.apiKey);
    expect(retried.data!['setWatchStatus'].sync).toEqual([{ source: 'MAL', status: 'PUSHED', message: null }]);
    // The user revokes the app on MAL: the push fails, typed; the local write stands.
    standIn.revokeAll();
    const failed = await gateway.run(SET, { animeId: 'mal:1', status: 'DROPPED' }, user.apiKey);
    expect(failed.errors).toBeUndefined();
    expect(failed.data!['setWatchStatus']).toMatchObject({ status: 'DROPPED', sync: [{ source: 'MAL', status: 'FAILED', message: expect.stringMatching(/link the account again/) }] });
    const local = await gateway.run(`{ anime(malId: 1) { viewer { status } } }`, {}, user.apiKey);
    expect(local.data).toEqual({ anime: { viewer: { status: 'DROPPED' } } });
    const linked = await gateway.run(`{ viewer { linkedAccounts { source lastSyncError } } }`, {}, user.apiKey);
    expect(linked.data!['viewer'].linkedAccounts[0].lastSyncError).toEqual(expect.any(String));
  });

  it(`${name}: REST: POST /api/me/import answers the report, or the typed error in the REST shape`, async () => {
    const user = await service.signUp();
    expect((await linkThrough(user.apiKey, 'MAL')).statusCode).toBe(200);
    const post = (body: unknown, apiKey?: string) =>
      fetch(`${restUrl}/api/me/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) }, body: JSON.stringify(body) });
    const ok = await post({ source: 'MAL', username: 'roshizzle' }, user.apiKey);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toMatchObject({ source: 'MAL', viaLinkedAccount: true, unmatched: expect.any(Array) });
    const bad = await post({ source: 'MAL', username: 'not a name!' }, user.apiKey);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', details: { field: 'username' } } });
    const anonymous = await post({ source: 'MAL', username: 'roshizzle' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it(`${name}: AniList links by authorization code and receives SaveMediaListEntry; unlinking deletes the tokens and stops the sync`, async () => {
    const user = await service.signUp();
    expect((await linkThrough(user.apiKey, 'ANILIST')).statusCode).toBe(200);
    standIn.calls.length = 0;
    const set = await gateway.run(SET, { animeId: 'mal:1', status: 'WATCHING', score: 8.5, progress: 3 }, user.apiKey);
    expect(set.data!['setWatchStatus'].sync).toEqual([{ source: 'ANILIST', status: 'PUSHED', message: null }]);
    const call = JSON.parse(standIn.calls.at(-1)!.body) as { query: string; variables: Record<string, unknown> };
    expect(call.query).toContain('SaveMediaListEntry');
    // Cowboy Bebop is AniList 1 in the crosswalk; scoreRaw is 0–100.
    expect(call.variables).toEqual({ mediaId: 1, status: 'CURRENT', scoreRaw: 85, progress: 3 });

    expect((await gateway.run(`mutation { unlinkAccount(source: ANILIST) }`, {}, user.apiKey)).data).toEqual({ unlinkAccount: true });
    expect(await store.db.selectFrom('user_links').selectAll().where('user_id', '=', user.userId).execute()).toEqual([]);
    expect((await gateway.run(`mutation { unlinkAccount(source: ANILIST) }`, {}, user.apiKey)).data).toEqual({ unlinkAccount: false });
    const quiet = await gateway.run(SET, { animeId: 'mal:1', status: 'COMPLETED' }, user.apiKey);
    expect(quiet.data!['setWatchStatus'].sync).toBeNull();
  });

  it(`${name}: without USER_TOKEN_KEY linking says what to configure`, async () => {
    const user = await service.signUp();
    const features = listFeatures({ store: async () => store, catalog, config: loadConfig({ MAL_CLIENT_ID: 'x' }), upstream: kit });
    await expect(features.links.link(user.userId, 'MAL' as never)).rejects.toMatchObject({ code: 'NOT_CONFIGURED', details: { setting: 'USER_TOKEN_KEY' } });
    // A key that is not 32 bytes is refused at start, not at the first link.
    expect(() => loadConfig({ USER_TOKEN_KEY: 'too-short' })).toThrow(/USER_TOKEN_KEY/);
  });
}

describe('the app mounts the list and link routes', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await accessHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('documents them in /openapi.json; the key-less callback reaches the state check; linking is off without USER_TOKEN_KEY', async () => {
    const { origin } = await harness.start({ MAL_CLIENT_ID: 'mal-client' });
    const doc = (await call(origin, '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/me/import', '/api/me/links/{source}', '/api/me/links/{source}/callback']));
    expect(doc.paths['/api/me/import'].post.operationId).toBe('importList');
    const wrongMethod = await call(origin, '/api/me/import');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const forged = await call(origin, '/api/me/links/mal/callback?code=x&state=forged');
    expect(forged.status).toBe(503);
    expect(forged.body).toMatchObject({ error: { code: 'NOT_CONFIGURED', details: { setting: 'USER_TOKEN_KEY' } } });
    const signedUp = (await call(origin, '/api/users', { method: 'POST' })).body as { apiKey: string };
    const link = await call(origin, '/api/me/links/mal', { method: 'POST', key: signedUp.apiKey });
    expect(link.status).toBe(503);
    expect(link.headers.get('cache-control')).toBe('no-store');
  });

  it('admits the provider\'s key-less redirect to the callback on a server that requires keys, and nothing else', async () => {
    const { origin } = await harness.start({ MAL_CLIENT_ID: 'mal-client', USER_TOKEN_KEY: tokenKey(), ANONYMOUS_TIER: 'none' });
    const forged = await call(origin, '/api/me/links/mal/callback?code=x&state=forged');
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await call(origin, '/api/me/links/mal', { method: 'POST' })).status).toBe(401);
    expect((await call(origin, '/api/search?q=bebop')).status).toBe(401);
  });
});

describe('account links on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lists-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  linksContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'account links on PostgreSQL (test/users/links.test.ts)')('account links on PostgreSQL (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('lists_links_test');
  afterAll(async () => {
    await dropSchema(url, schema);
  });
  linksContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }));
});
