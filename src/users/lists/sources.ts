// Reading a user's list from a provider. Public lists go through the upstream kit (src/http), so the
// providers' rate limits, our User-Agent, the cache (a public list is cached like a search:
// CACHE_TTL_SEARCH_S) and the circuit breaker apply: AniList's public `MediaListCollection(userName,
// type: ANIME)` on the `anilist` source the anilist subgraph uses, MAL API v2
// `GET /users/{name}/animelist` with the app's X-MAL-CLIENT-ID (Jikan v4 reads no user lists:
// jikan-me/jikan-rest#274). A linked account's private list is read with its token outside the kit
// (src/users/links/providers.ts): a token-bearing answer must never land in a shared cache.
import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { SourceDefinition, UpstreamKit } from '../../http/types.js';
import { anilistSource } from '../../../subgraphs/anilist/client.js';
import { UserError } from '../errors.js';
import { ANILIST_STATUS, ListSource, MAL_STATUS, scoreOf, type ListEntry } from './model.js';
import { WatchStatus } from '../model.js';

/** Largest page MAL API v2 serves for a user's list. */
export const MAL_PAGE_LIMIT = 1000;

export const ANILIST_LIST_QUERY = `query ImportList($userName: String, $userId: Int) {
  MediaListCollection(userName: $userName, userId: $userId, type: ANIME) {
    lists { name isCustomList entries { mediaId status score(format: POINT_10_DECIMAL) progress media { idMal title { romaji english } } } }
  }
}`;

// `mediaId` on the entry rather than `media { id }`: the shape of the real recorded answer the
// import is tested on (test/fixtures/upstream/anilist, PROVENANCE.md); both name the same id.
const anilistEntry = z.object({
  mediaId: z.number().int(),
  status: z.string().nullish(),
  score: z.number().nullish(),
  progress: z.number().int().nullish(),
  media: z.object({ idMal: z.number().int().nullish(), title: z.object({ romaji: z.string().nullish(), english: z.string().nullish() }).nullish() }).nullish(),
});
export const anilistListSchema = z.object({
  data: z
    .object({
      MediaListCollection: z
        .object({ lists: z.array(z.object({ name: z.string().nullish(), isCustomList: z.boolean().nullish(), entries: z.array(anilistEntry.nullable()).nullish() }).nullable()).nullish() })
        .nullable(),
    })
    .nullable(),
  errors: z.array(z.object({ message: z.string(), status: z.number().int().nullish() })).nullish(),
});
export type AnilistListResponse = z.infer<typeof anilistListSchema>;

export const malListSchema = z.object({
  data: z.array(
    z.object({
      node: z.object({ id: z.number().int(), title: z.string().nullish() }),
      list_status: z.object({ status: z.string().nullish(), score: z.number().nullish(), num_episodes_watched: z.number().int().nullish(), is_rewatching: z.boolean().nullish() }).nullish(),
    }),
  ),
  paging: z.object({ next: z.string().nullish() }).nullish(),
});
export type MalListPage = z.infer<typeof malListSchema>;

/** Every entry of an AniList collection, custom lists skipped (their entries are in the status lists too). */
export function anilistEntries(response: AnilistListResponse): ListEntry[] {
  const out = new Map<string, ListEntry>();
  for (const list of response.data?.MediaListCollection?.lists ?? []) {
    if (!list || list.isCustomList) continue;
    for (const entry of list.entries ?? []) {
      if (!entry) continue;
      const status = ANILIST_STATUS[entry.status ?? ''];
      if (!status) continue;
      const sourceId = String(entry.mediaId);
      out.set(sourceId, {
        sourceId,
        anilistId: entry.mediaId,
        malId: entry.media?.idMal ?? null,
        title: entry.media?.title?.english ?? entry.media?.title?.romaji ?? null,
        status,
        score: scoreOf(entry.score),
        progress: entry.progress ?? null,
      });
    }
  }
  return [...out.values()];
}

export function malEntries(page: MalListPage): ListEntry[] {
  const out: ListEntry[] = [];
  for (const item of page.data) {
    const listStatus = item.list_status;
    const mapped = MAL_STATUS[listStatus?.status ?? ''];
    if (!mapped) continue;
    out.push({
      sourceId: String(item.node.id),
      anilistId: null,
      malId: item.node.id,
      title: item.node.title ?? null,
      status: listStatus?.is_rewatching ? WatchStatus.REWATCHING : mapped,
      score: scoreOf(listStatus?.score),
      progress: listStatus?.num_episodes_watched ?? null,
    });
  }
  return out;
}

/** The offset MAL's `paging.next` asks for, or null at the end of the list. */
export function nextMalOffset(page: MalListPage): number | null {
  if (!page.paging?.next) return null;
  try {
    const offset = Number(new URL(page.paging.next).searchParams.get('offset'));
    return Number.isInteger(offset) && offset > 0 ? offset : null;
  } catch {
    return null;
  }
}

export function malSource(config: Pick<Config, 'MAL_API_URL' | 'MAL_CLIENT_ID'>): SourceDefinition {
  return {
    name: 'mal',
    baseUrl: config.MAL_API_URL,
    // MAL publishes no limit; this stays well under what its API answers without 403s.
    rateLimits: [{ points: 2, durationMs: 1000 }, { points: 60, durationMs: 60_000 }],
    maxConcurrent: 2,
    headers: config.MAL_CLIENT_ID ? { 'X-MAL-CLIENT-ID': config.MAL_CLIENT_ID } : {},
  };
}

const USERNAME = /^[A-Za-z0-9_-]{2,40}$/;

export function checkUsername(username: string): string {
  const name = typeof username === 'string' ? username.trim() : '';
  if (!USERNAME.test(name)) throw new UserError('BAD_USER_INPUT', 'username must be 2–40 letters, digits, "_" or "-", as on MyAnimeList and AniList', { field: 'username' });
  return name;
}

/** An upstream failure as the typed refusal the user sees. */
export function listError(error: unknown, source: ListSource, username: string): never {
  if (error instanceof UserError) throw error;
  if (error instanceof AppError) {
    const status = error.details['status'];
    const name = source === ListSource.MAL ? 'MyAnimeList' : 'AniList';
    if (error.code === ErrorCode.NOT_FOUND) throw new UserError('NOT_FOUND', `${name} has no user ${JSON.stringify(username)}, or their list is not public`, { field: 'username', source, username });
    if (status === 401 || status === 403) throw new UserError('FORBIDDEN', `${name} will not show the list of ${JSON.stringify(username)} (it is private); link the account with linkAccount(source: ${source}) to import it`, { source, username });
    if (error.code === ErrorCode.SOURCE_BAD_RESPONSE) throw new UserError('SOURCE_BAD_RESPONSE', `${name} answered in a way that could not be read: ${error.message}`, { source });
    throw new UserError('SOURCE_UNAVAILABLE', `${name} cannot be reached for the list now (${error.message})`, { source, reason: error.code });
  }
  throw error;
}

export interface PublicListReader {
  read(source: ListSource, username: string, maxEntries: number): Promise<ListEntry[]>;
}

/** Too many entries: refused before anything is written. */
export function tooLarge(source: ListSource, count: number, max: number, more: boolean): UserError {
  return new UserError('BAD_USER_INPUT', `the ${source} list has ${more ? 'more than ' : ''}${count} entries; at most ${max} are imported at once (USER_IMPORT_MAX_ENTRIES)`, { field: 'username', reason: 'LIST_TOO_LARGE', entries: count, limit: max });
}

export function publicListReader(kit: UpstreamKit, config: Pick<Config, 'ANILIST_URL' | 'ANILIST_TOKEN' | 'MAL_API_URL' | 'MAL_CLIENT_ID'>): PublicListReader {
  const anilist = kit.client(anilistSource(config));
  const mal = kit.client(malSource(config));
  return {
    async read(source, username, maxEntries) {
      try {
        if (source === ListSource.ANILIST) {
          const response = await anilist.request({ method: 'POST', path: '/', body: { query: ANILIST_LIST_QUERY, variables: { userName: username } }, schema: anilistListSchema, dataClass: 'search' });
          if (!response.data?.MediaListCollection) {
            const status = response.errors?.[0]?.status ?? 404;
            throw new AppError(status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.SOURCE_BAD_RESPONSE, response.errors?.[0]?.message ?? 'no list', { status });
          }
          const entries = anilistEntries(response);
          if (entries.length > maxEntries) throw tooLarge(source, entries.length, maxEntries, false);
          return entries;
        }
        if (!config.MAL_CLIENT_ID) {
          throw new UserError('NOT_CONFIGURED', 'importing a MyAnimeList list needs a MAL API client id: set MAL_CLIENT_ID (https://myanimelist.net/apiconfig); Jikan v4 has no user list endpoint', { setting: 'MAL_CLIENT_ID', source });
        }
        const entries: ListEntry[] = [];
        const seen = new Set<string>();
        let offset: number | null = 0;
        while (offset !== null) {
          const page: MalListPage = await mal.request({
            path: `/users/${encodeURIComponent(username)}/animelist`,
            query: { fields: 'list_status', limit: MAL_PAGE_LIMIT, offset: offset || undefined, nsfw: true },
            schema: malListSchema,
            dataClass: 'search',
          });
          for (const entry of malEntries(page)) if (!seen.has(entry.sourceId) && seen.add(entry.sourceId)) entries.push(entry);
          const next = nextMalOffset(page);
          if (entries.length > maxEntries) throw tooLarge(source, entries.length, maxEntries, next !== null);
          // A next link that does not move forward would loop for ever: the list ends there.
          offset = next !== null && next > offset ? next : null;
        }
        return entries;
      } catch (error) {
        return listError(error, source, username);
      }
    },
  };
}
