// Test support for list import and linking: the users gateway of support.ts with a given
// configuration and upstream kit (pointed at loopback stand-ins), and the MAL recording of
// test/fixtures/upstream/mal routed on a replay server.
import { randomBytes } from 'node:crypto';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import type { Store } from '../../src/store/index.js';
import type { UsersService } from '../../src/users/index.js';
import type { ReplayServer } from '../replay/server.js';
import { usersGateway, type UsersGateway } from './support.js';

export const MAL_PAGE = 'test/fixtures/upstream/mal/users-roshizzle-animelist-page1.json';
/** The MAL ids of that recording, in its order. */
export const MAL_PAGE_IDS = [31646, 38101, 39783, 41457, 32998, 11759, 22199, 41433, 8676, 6547];

/**
 * A real answer of AniList's GraphQL API to a MediaListCollection query (user CulturedSnowie,
 * 277 entries in 10 lists; test/fixtures/upstream/PROVENANCE.md).
 */
export const ANILIST_COLLECTION = 'test/fixtures/upstream/anilist/medialistcollection-culturedsnowie.json';

/** AniList's GraphQL endpoint answering a list query for `user` with that recording. */
export function routeAnilistList(replay: ReplayServer, user = 'CulturedSnowie'): void {
  replay.route({
    method: 'POST',
    path: '/anilist/',
    match: (req) => req.body.includes('MediaListCollection') && (JSON.parse(req.body) as { variables?: { userName?: string } }).variables?.userName === user,
    file: ANILIST_COLLECTION,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export const tokenKey = () => randomBytes(32).toString('base64');

export function testKit(config: Config): UpstreamKitWithStats {
  // One attempt, no waits: a refused request is an answer here, not something to retry.
  return createUpstreamKit(config, { namespace: `lists-${randomBytes(4).toString('hex')}`, policy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
}

/**
 * MAL's `GET /v2/users/roshizzle/animelist`: the recorded first page (10 entries, `paging.next` at
 * offset 10). Only that page was recorded; its `next` link is served the same page again, which
 * the reader must treat as the end (a next link that does not advance), so the list is those 10.
 */
export function routeMalList(replay: ReplayServer, user = 'roshizzle'): void {
  replay.route({ method: 'GET', path: `/v2/users/${user}/animelist`, file: MAL_PAGE, headers: { 'content-type': 'application/json; charset=UTF-8' } });
}

/** The users gateway of support.ts, its users subgraph built with this configuration and kit. */
export function listsGateway(catalog: Catalog, service: UsersService, store: Store, config: Config, upstream: UpstreamKitWithStats): Promise<UsersGateway> {
  return usersGateway(catalog, service, store, { config, upstream });
}
