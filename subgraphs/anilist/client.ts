// AniList as an upstream: the source description for the shared kit, and the three calls the
// subgraph makes (one media, a batch of media, a search page). All are POSTs of a GraphQL
// document to https://graphql.anilist.co; they only read, so the kit caches and retries them.
import type { Config } from '../../src/config/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import type { SourceAnswer, SourceClient, SourceDefinition } from '../../src/http/types.js';
import { MAX_PER_PAGE, MEDIA_BATCH_OPERATION, MEDIA_BATCH_QUERY, MEDIA_OPERATION, MEDIA_QUERY, SEARCH_OPERATION, SEARCH_QUERY } from './queries.js';
import {
  mediaResponseSchema,
  pageResponseSchema,
  type AnilistMediaPayload,
  type AnilistPagePayload,
  type MediaResponse,
  type PageResponse,
} from './upstream.js';

export const ANILIST_SOURCE = 'anilist';

/**
 * AniList documents 90 requests/min but has been running in a "degraded" mode at 30/min since
 * 2024 (https://docs.anilist.co/guide/rate-limiting); we budget for 30 until that is lifted.
 * Its own headers still steer us: X-RateLimit-Remaining on every answer, and on a 429
 * Retry-After (seconds) with X-RateLimit-Reset (epoch seconds).
 */
export const ANILIST_RATE_LIMIT = { points: 30, durationMs: 60_000 };

export function anilistSource(config: Pick<Config, 'ANILIST_URL' | 'ANILIST_TOKEN'>): SourceDefinition {
  // The kit already sends Content-Type, Accept and User-Agent.
  const headers: Record<string, string> = {};
  // A token raises no limit on AniList's side, but identifies the application to them.
  if (config.ANILIST_TOKEN) headers.Authorization = `Bearer ${config.ANILIST_TOKEN}`;
  return {
    name: ANILIST_SOURCE,
    baseUrl: config.ANILIST_URL,
    rateLimits: [ANILIST_RATE_LIMIT],
    maxConcurrent: 2,
    headers,
    budgetFromHeaders: (h) => anilistBudget(h, Date.now()),
  };
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** Seconds (`120`) or an HTTP date, as RFC 9110 allows for Retry-After. */
function retryAfterMs(headers: Headers, nowMs: number): number | null {
  const seconds = headerNumber(headers, 'retry-after');
  if (seconds !== null) return nowMs + seconds * 1000;
  const raw = headers.get('retry-after');
  const date = raw ? Date.parse(raw) : NaN;
  return Number.isNaN(date) ? null : date;
}

/** AniList's own view of our budget; null when the answer carries no rate-limit headers. */
export function anilistBudget(headers: Headers, nowMs: number): { remaining: number; resetAtMs: number } | null {
  const retryAt = retryAfterMs(headers, nowMs);
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  if (retryAt !== null) return { remaining: 0, resetAtMs: reset !== null ? Math.max(reset * 1000, retryAt) : retryAt };
  if (remaining === null) return null;
  // Without a reset header the window is AniList's rolling minute.
  return { remaining, resetAtMs: reset !== null ? reset * 1000 : nowMs + ANILIST_RATE_LIMIT.durationMs };
}

/** Variables of the AnilistSearch document (AniList's own argument names). */
export interface AnilistSearchVariables {
  page: number;
  perPage: number;
  search?: string;
  format_in?: string[];
  status_in?: string[];
  averageScore_greater?: number;
  averageScore_lesser?: number;
  popularity_greater?: number;
  popularity_lesser?: number;
  genre_in?: string[];
  genre_not_in?: string[];
  tag_in?: string[];
  season?: string;
  seasonYear?: number;
  episodes_greater?: number;
  episodes_lesser?: number;
  sort?: string[];
  isAdult?: boolean;
}

function badResponse(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.SOURCE_BAD_RESPONSE, message, { source: ANILIST_SOURCE, ...details });
}

/** A 200 may still carry only GraphQL errors (AniList answers bad arguments that way). */
function dataOrThrow<T extends MediaResponse | PageResponse>(response: T, operation: string): NonNullable<T['data']> {
  if (response.data) return response.data as NonNullable<T['data']>;
  const messages = (response.errors ?? []).map((e) => e.message);
  throw badResponse(`AniList answered ${operation} without data${messages.length ? `: ${messages.join('; ')}` : ''}`, { operation });
}

export class AnilistApi {
  constructor(private readonly client: SourceClient) {}

  /** One anime by AniList id; null when AniList has no anime with that id. */
  async media(id: number): Promise<AnilistMediaPayload | null> {
    return (await this.mediaWithMeta(id))?.data ?? null;
  }

  /** As media, with the origin and fetch time of the answer (provenance). */
  async mediaWithMeta(id: number): Promise<SourceAnswer<AnilistMediaPayload> | null> {
    try {
      const answer = await this.client.requestWithMeta({
        method: 'POST',
        path: '/',
        body: { operationName: MEDIA_OPERATION, query: MEDIA_QUERY, variables: { id } },
        schema: mediaResponseSchema,
        dataClass: 'details',
      });
      const media = dataOrThrow(answer.data, MEDIA_OPERATION).Media;
      return media ? { data: media, origin: answer.origin, fetchedAt: answer.fetchedAt } : null;
    } catch (error) {
      // AniList answers an unknown id with HTTP 404 + `Not Found.`; the kit makes that NOT_FOUND.
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  /** Several anime in as few calls as AniList allows; ids AniList does not know are absent. */
  async mediaMany(ids: readonly number[]): Promise<Map<number, AnilistMediaPayload>> {
    const found = await this.mediaManyWithMeta(ids);
    return new Map([...found].map(([id, answer]) => [id, answer.data]));
  }

  /** As mediaMany, each with the origin and fetch time of the answer that carried it (provenance). */
  async mediaManyWithMeta(ids: readonly number[]): Promise<Map<number, SourceAnswer<AnilistMediaPayload>>> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    const found = new Map<number, SourceAnswer<AnilistMediaPayload>>();
    if (unique.length === 1) {
      const answer = await this.mediaWithMeta(unique[0]!);
      if (answer) found.set(answer.data.id, answer);
      return found;
    }
    const chunks: number[][] = [];
    for (let i = 0; i < unique.length; i += MAX_PER_PAGE) chunks.push(unique.slice(i, i + MAX_PER_PAGE));
    const pages = await Promise.all(
      chunks.map(async (chunk) => {
        const answer = await this.client.requestWithMeta({
          method: 'POST',
          path: '/',
          // Sorted ids: the same set always makes the same body, so the cache and dedup see it.
          body: { operationName: MEDIA_BATCH_OPERATION, query: MEDIA_BATCH_QUERY, variables: { ids: chunk, perPage: MAX_PER_PAGE } },
          schema: pageResponseSchema,
          dataClass: 'details',
        });
        return { ...answer, page: dataOrThrow(answer.data, MEDIA_BATCH_OPERATION).Page };
      }),
    );
    for (const { page, origin, fetchedAt } of pages) for (const media of page?.media ?? []) if (media) found.set(media.id, { data: media, origin, fetchedAt });
    return found;
  }

  async search(variables: AnilistSearchVariables): Promise<AnilistPagePayload> {
    const response = await this.client.request({
      method: 'POST',
      path: '/',
      body: { operationName: SEARCH_OPERATION, query: SEARCH_QUERY, variables: withoutEmpty(variables) },
      schema: pageResponseSchema,
      dataClass: 'search',
    });
    const page = dataOrThrow(response, SEARCH_OPERATION).Page;
    if (!page) throw badResponse('AniList answered AnilistSearch without a Page', { operation: SEARCH_OPERATION });
    return page;
  }
}

/** Drops unset filters, so equal searches make equal bodies (one cache entry). */
function withoutEmpty(variables: AnilistSearchVariables): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
}
