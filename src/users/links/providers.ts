// The two providers' OAuth2 endpoints and the calls made with a linked account's token, following
// their documented flows: MyAnimeList authorization code with PKCE (`code_challenge_method=plain`,
// the only method MAL supports; https://myanimelist.net/apiconfig/references/authorization) and
// MAL API v2 `PATCH|DELETE /anime/{id}/my_list_status`; AniList authorization code grant
// (https://docs.anilist.co/guide/auth/authorization-code) and its `SaveMediaListEntry` /
// `DeleteMediaListEntry` mutations. These calls carry a user's token, so they bypass the upstream
// kit: its cache is shared and keyed without headers. They keep its User-Agent and timeout, and a
// write is never retried (a retried PATCH could land twice).
import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { UserError } from '../errors.js';
import type { WatchEntry } from '../model.js';
import { ANILIST_LIST_QUERY, anilistEntries, anilistListSchema, MAL_PAGE_LIMIT, malEntries, malListSchema, nextMalOffset, tooLarge } from '../lists/sources.js';
import { ListSource, toAnilistStatus, toMalStatus, type ListEntry } from '../lists/model.js';

export type ProviderConfig = Pick<
  Config,
  'MAL_CLIENT_ID' | 'MAL_CLIENT_SECRET' | 'MAL_API_URL' | 'MAL_OAUTH_URL' | 'ANILIST_CLIENT_ID' | 'ANILIST_CLIENT_SECRET' | 'ANILIST_OAUTH_URL' | 'ANILIST_URL' | 'UPSTREAM_TIMEOUT_MS' | 'USER_AGENT'
>;

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms; null when the provider gave no lifetime. */
  expiresAt: number | null;
}

/** The provider refused the token (401): refresh it, or the link is dead. */
export class TokenRejected extends Error {
  constructor(readonly source: ListSource) {
    super(`${source} refused the linked account's token`);
  }
}

const tokenSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().nullish(), expires_in: z.number().nullish() });

const NAME: Record<ListSource, string> = { MAL: 'MyAnimeList', ANILIST: 'AniList' };

export interface Provider {
  readonly source: ListSource;
  /** Whether this provider needs a PKCE verifier (kept with the state). */
  readonly pkce: boolean;
  authorizeUrl(state: string, verifier: string | null, redirectUri: string): string;
  exchange(code: string, verifier: string | null, redirectUri: string): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  /** The provider's user name of the token's account. */
  whoami(accessToken: string): Promise<string>;
  readList(accessToken: string, maxEntries: number): Promise<ListEntry[]>;
  /** Writes the entry to the provider's list, or removes it (`entry` null). `id` is the provider's anime id. */
  push(accessToken: string, id: number, entry: WatchEntry | null): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

async function call(config: ProviderConfig, source: ListSource, url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { 'user-agent': config.USER_AGENT, accept: 'application/json', ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(config.UPSTREAM_TIMEOUT_MS),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    throw new UserError('SOURCE_UNAVAILABLE', `${NAME[source]} could not be reached (${error instanceof Error ? error.message : String(error)})`, { source });
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function fail(source: ListSource, what: string, answer: Answer): never {
  if (answer.status === 401) throw new TokenRejected(source);
  const code = answer.status === 429 || answer.status >= 500 ? 'SOURCE_UNAVAILABLE' : 'SOURCE_BAD_RESPONSE';
  throw new UserError(code, `${NAME[source]} refused ${what} (HTTP ${answer.status})`, { source, status: answer.status });
}

function tokens(source: ListSource, answer: Answer, now: number): TokenSet {
  if (answer.status === 400 || answer.status === 401) {
    // invalid_grant and friends: the code or refresh token is spent, wrong or expired.
    const error = (answer.body as { error?: unknown; message?: unknown } | null)?.error ?? (answer.body as { message?: unknown } | null)?.message;
    throw new UserError('FORBIDDEN', `${NAME[source]} did not accept the authorization${typeof error === 'string' ? ` (${error.slice(0, 100)})` : ''}; start linking again`, { source, reason: 'GRANT_REFUSED' });
  }
  if (answer.status < 200 || answer.status >= 300) fail(source, 'the token request', answer);
  const parsed = tokenSchema.safeParse(answer.body);
  if (!parsed.success) throw new UserError('SOURCE_BAD_RESPONSE', `${NAME[source]}'s token endpoint answered without an access token`, { source });
  return { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token ?? null, expiresAt: parsed.data.expires_in ? now + parsed.data.expires_in * 1000 : null };
}

const form = (values: Record<string, string | undefined>) => new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined)).toString();

export function malProvider(config: ProviderConfig, now: () => number): Provider {
  const clientId = config.MAL_CLIENT_ID!;
  const oauth = config.MAL_OAUTH_URL.replace(/\/+$/, '');
  const api = config.MAL_API_URL.replace(/\/+$/, '');
  const tokenCall = (values: Record<string, string | undefined>) =>
    call(config, ListSource.MAL, `${oauth}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ client_id: clientId, client_secret: config.MAL_CLIENT_SECRET, ...values }) });
  return {
    source: ListSource.MAL,
    pkce: true,
    authorizeUrl(state, verifier, redirectUri) {
      // plain: the challenge is the verifier itself (MAL supports no other method).
      const query = new URLSearchParams({ response_type: 'code', client_id: clientId, state, redirect_uri: redirectUri, code_challenge: verifier!, code_challenge_method: 'plain' });
      return `${oauth}/authorize?${query}`;
    },
    async exchange(code, verifier, redirectUri) {
      return tokens(ListSource.MAL, await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier ?? undefined }), now());
    },
    async refresh(refreshToken) {
      return tokens(ListSource.MAL, await tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken }), now());
    },
    async whoami(accessToken) {
      const answer = await call(config, ListSource.MAL, `${api}/users/@me`, { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
      if (answer.status !== 200) fail(ListSource.MAL, 'the account request', answer);
      const name = (answer.body as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') throw new UserError('SOURCE_BAD_RESPONSE', 'MyAnimeList did not say whose token this is', { source: ListSource.MAL });
      return name;
    },
    async readList(accessToken, maxEntries) {
      const entries: ListEntry[] = [];
      const seen = new Set<string>();
      let offset: number | null = 0;
      while (offset !== null) {
        const query = new URLSearchParams({ fields: 'list_status', limit: String(MAL_PAGE_LIMIT), nsfw: 'true', ...(offset ? { offset: String(offset) } : {}) });
        const answer = await call(config, ListSource.MAL, `${api}/users/@me/animelist?${query}`, { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
        if (answer.status !== 200) fail(ListSource.MAL, 'the list request', answer);
        const page = malListSchema.safeParse(answer.body);
        if (!page.success) throw new UserError('SOURCE_BAD_RESPONSE', 'MyAnimeList sent the list in an unexpected shape', { source: ListSource.MAL });
        for (const entry of malEntries(page.data)) if (!seen.has(entry.sourceId) && seen.add(entry.sourceId)) entries.push(entry);
        const next = nextMalOffset(page.data);
        if (entries.length > maxEntries) throw tooLarge(ListSource.MAL, entries.length, maxEntries, next !== null);
        offset = next !== null && next > offset ? next : null;
      }
      return entries;
    },
    async push(accessToken, id, entry) {
      const url = `${api}/anime/${id}/my_list_status`;
      const headers = { authorization: `Bearer ${accessToken}` };
      if (!entry) {
        const answer = await call(config, ListSource.MAL, url, { method: 'DELETE', headers });
        // 404: it was not on the MAL list, which is what a removal wants.
        if (answer.status !== 200 && answer.status !== 404) fail(ListSource.MAL, 'the removal', answer);
        return;
      }
      const { status, isRewatching } = toMalStatus(entry.status);
      const body = form({
        status,
        is_rewatching: String(isRewatching),
        // MAL scores are whole numbers 0–10; 0 clears the score.
        score: String(entry.score === null ? 0 : Math.round(entry.score)),
        num_watched_episodes: entry.progress === null ? undefined : String(entry.progress),
      });
      const answer = await call(config, ListSource.MAL, url, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body });
      if (answer.status !== 200) fail(ListSource.MAL, 'the list update', answer);
    },
  };
}

export function anilistProvider(config: ProviderConfig, now: () => number): Provider {
  const clientId = config.ANILIST_CLIENT_ID!;
  const oauth = config.ANILIST_OAUTH_URL.replace(/\/+$/, '');
  const graphql = async (accessToken: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const answer = await call(config, ListSource.ANILIST, config.ANILIST_URL, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const errors = (answer.body as { errors?: Array<{ status?: number; message?: string }> } | null)?.errors;
    if (answer.status === 401 || errors?.some((e) => e.status === 401)) throw new TokenRejected(ListSource.ANILIST);
    if (answer.status !== 200 || errors?.length) fail(ListSource.ANILIST, `the request (${errors?.[0]?.message ?? 'no data'})`, answer);
    return ((answer.body as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>;
  };
  const tokenCall = (values: Record<string, string>) =>
    call(config, ListSource.ANILIST, `${oauth}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, client_secret: config.ANILIST_CLIENT_SECRET ?? '', ...values }),
    });
  return {
    source: ListSource.ANILIST,
    pkce: false,
    authorizeUrl(state, _verifier, redirectUri) {
      return `${oauth}/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', state })}`;
    },
    async exchange(code, _verifier, redirectUri) {
      return tokens(ListSource.ANILIST, await tokenCall({ grant_type: 'authorization_code', redirect_uri: redirectUri, code }), now());
    },
    async refresh() {
      // AniList issues year-long tokens and documents no refresh grant: the user links again.
      throw new UserError('CONFLICT', 'the AniList link has expired (AniList tokens last a year and cannot be refreshed); link the account again', { source: ListSource.ANILIST, reason: 'LINK_EXPIRED' });
    },
    async whoami(accessToken) {
      const viewer = (await graphql(accessToken, 'query { Viewer { id name } }', {}))['Viewer'] as { name?: unknown } | undefined;
      if (typeof viewer?.name !== 'string') throw new UserError('SOURCE_BAD_RESPONSE', 'AniList did not say whose token this is', { source: ListSource.ANILIST });
      return viewer.name;
    },
    async readList(accessToken, maxEntries) {
      const viewer = (await graphql(accessToken, 'query { Viewer { id } }', {}))['Viewer'] as { id?: number } | undefined;
      if (!viewer?.id) throw new UserError('SOURCE_BAD_RESPONSE', 'AniList did not say whose token this is', { source: ListSource.ANILIST });
      const data = await graphql(accessToken, ANILIST_LIST_QUERY, { userId: viewer.id });
      const parsed = anilistListSchema.safeParse({ data });
      if (!parsed.success) throw new UserError('SOURCE_BAD_RESPONSE', 'AniList sent the list in an unexpected shape', { source: ListSource.ANILIST });
      const entries = anilistEntries(parsed.data);
      if (entries.length > maxEntries) throw tooLarge(ListSource.ANILIST, entries.length, maxEntries, false);
      return entries;
    },
    async push(accessToken, id, entry) {
      if (!entry) {
        // Deleting takes the list entry's id, which the media's `mediaListEntry` gives for the token's user.
        const media = (await graphql(accessToken, 'query ($id: Int) { Media(id: $id) { mediaListEntry { id } } }', { id }))['Media'] as { mediaListEntry?: { id?: number } | null } | undefined;
        const entryId = media?.mediaListEntry?.id;
        if (!entryId) return;
        await graphql(accessToken, 'mutation ($id: Int) { DeleteMediaListEntry(id: $id) { deleted } }', { id: entryId });
        return;
      }
      await graphql(accessToken, 'mutation ($mediaId: Int, $status: MediaListStatus, $scoreRaw: Int, $progress: Int) { SaveMediaListEntry(mediaId: $mediaId, status: $status, scoreRaw: $scoreRaw, progress: $progress) { id } }', {
        mediaId: id,
        status: toAnilistStatus(entry.status),
        // scoreRaw is 0–100 whatever score format the user picked; 0 clears it.
        scoreRaw: entry.score === null ? 0 : Math.round(entry.score * 10),
        ...(entry.progress === null ? {} : { progress: entry.progress }),
      });
    },
  };
}

/** The provider for `source`, or NOT_CONFIGURED naming the settings it needs. */
export function providerFor(source: ListSource, config: ProviderConfig, now: () => number): Provider {
  if (source === ListSource.MAL) {
    if (!config.MAL_CLIENT_ID) throw new UserError('NOT_CONFIGURED', 'linking a MyAnimeList account needs MAL_CLIENT_ID (and MAL_CLIENT_SECRET for a "web" app) from https://myanimelist.net/apiconfig', { setting: 'MAL_CLIENT_ID', source });
    return malProvider(config, now);
  }
  if (!config.ANILIST_CLIENT_ID || !config.ANILIST_CLIENT_SECRET) {
    throw new UserError('NOT_CONFIGURED', 'linking an AniList account needs ANILIST_CLIENT_ID and ANILIST_CLIENT_SECRET from https://anilist.co/settings/developer', { setting: 'ANILIST_CLIENT_ID', source });
  }
  return anilistProvider(config, now);
}
