// AnimeSchedule v3 (https://animeschedule.net/api/v3/documentation) as a source description for the
// upstream kit, plus the three calls this subgraph makes. Every call needs an application token.
import type { Config } from '../../src/config/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import type { SourceClient, SourceDefinition, UpstreamKit } from '../../src/http/types.js';
import { animePageSchema, animeSchema, timetableSchema, type UpstreamAnime, type UpstreamTimetableEntry } from './upstream.js';

export const ANIMESCHEDULE_SOURCE = 'animeschedule';

export type UpstreamAirType = 'raw' | 'sub' | 'dub' | 'all';

/**
 * AnimeSchedule allows 120 requests a minute, counted per application and per IP separately, and
 * reports the tighter one in X-RateLimit-Remaining / X-RateLimit-Reset (unix seconds). We stay at
 * 2/s within that and keep two calls in flight.
 */
export function animeScheduleSource(config: Config): SourceDefinition {
  return {
    name: ANIMESCHEDULE_SOURCE,
    baseUrl: config.ANIMESCHEDULE_BASE_URL,
    rateLimits: [
      { points: 2, durationMs: 1_000 },
      { points: 120, durationMs: 60_000 },
    ],
    maxConcurrent: 2,
    headers: config.ANIMESCHEDULE_TOKEN ? { Authorization: `Bearer ${config.ANIMESCHEDULE_TOKEN}` } : {},
    budgetFromHeaders: readRateLimitHeaders,
  };
}

export function readRateLimitHeaders(headers: Headers): { remaining: number; resetAtMs: number } | null {
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining) || !Number.isFinite(reset)) return null;
  return { remaining, resetAtMs: reset * 1000 };
}

export class MissingTokenError extends AppError {
  constructor() {
    super(
      ErrorCode.UNAUTHORIZED,
      'AnimeSchedule needs an application token: set ANIMESCHEDULE_TOKEN (create one at https://animeschedule.net/users/<you>/settings/api)',
      { source: ANIMESCHEDULE_SOURCE },
    );
  }
}

/** The calls the subgraph makes; without a token each one fails with UNAUTHORIZED and sends nothing. */
export class AnimeScheduleApi {
  private readonly client: SourceClient | null;

  constructor(kit: UpstreamKit, config: Config) {
    this.client = config.ANIMESCHEDULE_TOKEN ? kit.client(animeScheduleSource(config)) : null;
  }

  private get source(): SourceClient {
    if (!this.client) throw new MissingTokenError();
    return this.client;
  }

  /** `GET /anime/{slug}`. */
  fetchAnime(slug: string): Promise<UpstreamAnime> {
    return this.source.request({ path: `/anime/${encodeURIComponent(slug)}`, schema: animeSchema, dataClass: 'details' });
  }

  /** `GET /anime?mal-ids={malId}`: the entries linked to that MyAnimeList id (404 when none). */
  async findAnimeByMalId(malId: number): Promise<UpstreamAnime[]> {
    const page = await this.source.request({ path: '/anime', query: { 'mal-ids': malId }, schema: animePageSchema, dataClass: 'details' });
    return page.anime;
  }

  /** `GET /anime?page={page}`: one page of the whole AnimeSchedule catalogue (404 past the end). */
  async listAnime(page: number): Promise<UpstreamAnime[]> {
    const result = await this.source.request({ path: '/anime', query: { page }, schema: animePageSchema, dataClass: 'catalog' });
    return result.anime;
  }

  /** `GET /timetables/{airType}?year=&week=&tz=UTC`: one ISO week (404 when the week has none). */
  fetchTimetable(airType: UpstreamAirType, year: number, week: number): Promise<UpstreamTimetableEntry[]> {
    return this.source.request({
      path: `/timetables/${airType}`,
      query: { year, week, tz: 'UTC' },
      schema: timetableSchema,
      dataClass: 'page',
    });
  }
}
