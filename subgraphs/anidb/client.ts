// AniDB's HTTP API (https://wiki.anidb.net/HTTP_API_Definition) as a source description for the
// upstream kit, and the one call this subgraph makes: `request=anime&aid=`. AniDB bans clients that
// ask too often or that it does not know, so every limit here errs on the safe side.
import type { Config } from '../../src/config/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import type { SourceAnswer, SourceClient, SourceDefinition, UpstreamKit, UpstreamRefusal } from '../../src/http/types.js';
import { anidbAnimeSchema, anidbErrorOf, decodeAnidbXml, isHtml, type UpstreamAnidbAnime } from './upstream.js';

export const ANIDB_SOURCE = 'anidb';

export type AnidbConfig = Pick<
  Config,
  'ANIDB_BASE_URL' | 'ANIDB_CLIENT' | 'ANIDB_CLIENT_VERSION' | 'ANIDB_DAILY_LIMIT' | 'ANIDB_BAN_PAUSE_S'
>;

/** Why the subgraph cannot call AniDB, or null when it can. */
export function anidbUnavailableReason(config: Pick<Config, 'ANIDB_CLIENT' | 'ANIDB_CLIENT_VERSION'>): string | null {
  if (config.ANIDB_CLIENT && config.ANIDB_CLIENT_VERSION) return null;
  return 'AniDB answers only registered clients: set ANIDB_CLIENT and ANIDB_CLIENT_VERSION to a client registered at https://anidb.net/software/add';
}

/**
 * AniDB's rules (HTTP API Definition, "Flood protection"): no more than one request every two
 * seconds, cache every answer for at least a day, and a client that asks too much is banned. We keep
 * one call in flight, 1 per 2 s and a daily cap far under AniDB's (shared by every replica through
 * Redis when it is configured), never retry (each attempt spends budget), and treat a ban as a
 * reason to stay away for hours (detectAnidbRefusal).
 */
export function anidbSource(config: AnidbConfig): SourceDefinition {
  const pauseMs = config.ANIDB_BAN_PAUSE_S * 1000;
  return {
    name: ANIDB_SOURCE,
    baseUrl: config.ANIDB_BASE_URL,
    rateLimits: [
      { points: 1, durationMs: 2_000 },
      { points: config.ANIDB_DAILY_LIMIT, durationMs: 24 * 3600_000 },
    ],
    maxConcurrent: 1,
    headers: { accept: 'application/xml, text/xml' },
    policy: { maxAttempts: 1 },
    detectRefusal: (body, response) => detectAnidbRefusal(body, response.contentType, pauseMs),
    decode: (body, response) => decodeAnidbAnswer(body, response.contentType, response.status),
  };
}

/** A ban (`<error>Banned</error>`, the AntiLeech page) or a rejected client (`<error code="302">`). */
export function detectAnidbRefusal(body: string, contentType: string | null, pauseMs: number): UpstreamRefusal | null {
  if (isHtml(body, contentType)) {
    return /AntiLeech/i.test(body)
      ? { reason: 'anti-leech', message: 'AniDB answered with its AntiLeech page (we are blocked)', pauseMs }
      : null;
  }
  const error = anidbErrorOf(body);
  if (!error) return null;
  if (/banned/i.test(error.message)) return { reason: 'banned', message: `AniDB says we are banned (${error.message})`, pauseMs };
  if (error.code === '302') {
    return { reason: 'client-rejected', message: `AniDB rejected the client name or version (code 302: ${error.message || 'no message'})`, pauseMs };
  }
  return null;
}

/** A 2xx body: the anime, NOT_FOUND for an unknown id, SOURCE_BAD_RESPONSE for any other error or garbage. */
export function decodeAnidbAnswer(body: string, contentType: string | null, status: number): unknown {
  const error = anidbErrorOf(body);
  if (error) {
    if (/not found/i.test(error.message)) throw new AppError(ErrorCode.NOT_FOUND, 'AniDB has no anime with this id', { source: ANIDB_SOURCE, status });
    throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `AniDB answered with an error: ${error.message}`, {
      source: ANIDB_SOURCE,
      status,
      anidbCode: error.code,
    });
  }
  return decodeAnidbXml(ANIDB_SOURCE, body, contentType, status);
}

/** The calls the subgraph makes; without a client name and version each fails SOURCE_UNAVAILABLE and sends nothing. */
export class AnidbApi {
  private readonly client: SourceClient | null;
  readonly unavailableReason: string | null;

  constructor(
    kit: UpstreamKit,
    private readonly config: AnidbConfig,
  ) {
    this.unavailableReason = anidbUnavailableReason(config);
    this.client = this.unavailableReason ? null : kit.client(anidbSource(config));
  }

  /** `GET /httpapi?request=anime&aid=…`, cached as catalog data (days: AniDB asks for at least one). */
  async animeWithMeta(aid: number): Promise<SourceAnswer<UpstreamAnidbAnime>> {
    if (!this.client) {
      throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, this.unavailableReason ?? 'AniDB is not configured', {
        source: ANIDB_SOURCE,
        reason: 'client-not-configured',
      });
    }
    const answer = await this.client.requestWithMeta(this.animeSpec(aid));
    return { ...answer, data: answer.data.anime };
  }

  /** The anime if an earlier call cached it; null otherwise (or when AniDB is not configured). Never calls AniDB. */
  async cachedAnime(aid: number): Promise<SourceAnswer<UpstreamAnidbAnime> | null> {
    const answer = await this.client?.cachedWithMeta(this.animeSpec(aid));
    return answer ? { ...answer, data: answer.data.anime } : null;
  }

  private animeSpec(aid: number) {
    return {
      path: '/httpapi',
      query: { request: 'anime', client: this.config.ANIDB_CLIENT, clientver: this.config.ANIDB_CLIENT_VERSION, protover: 1, aid },
      schema: anidbAnimeSchema,
      dataClass: 'catalog' as const,
    };
  }
}
