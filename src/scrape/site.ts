// One scraped site as a source of the upstream kit, and the client its subgraph reads pages with.
// Politeness is built in: robots.txt checked before every page (robots.ts), one request per host
// per SCRAPE_MIN_INTERVAL_MS (a kit rate limit: Redis-shared across replicas when REDIS_URL is set),
// one call in flight, no retries, pages cached for days (the kit's 'catalog' TTL class), the
// configured User-Agent (sent by the kit), and a bot wall opens the circuit (bot-wall.ts).
import { z } from 'zod';
import type { Config } from '../config/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import type { DataClass, SourceAnswer, SourceClient, SourceDefinition, UpstreamKit } from '../http/types.js';
import { BOT_WALL_REASON, detectBotWall } from './bot-wall.js';
import { LayoutChanged, loadPage, loadParser, type CheerioAPI } from './html.js';
import { RobotsPolicy } from './robots.js';

export type ScrapeConfig = Pick<Config, 'SCRAPE_MIN_INTERVAL_MS' | 'SCRAPE_BLOCK_PAUSE_S' | 'USER_AGENT'>;

export interface SiteOptions {
  /** Source name: errors, cache keys, limiter keys, stats. */
  name: string;
  /** Human name for messages ("Anime-Planet"). */
  label: string;
  baseUrl: string;
  /** A 200 page that really says "no such entry" (Anime-Planet answers a removed entry with a search page). */
  isMissing?($: CheerioAPI): boolean;
}

export function scrapeSource(site: SiteOptions, config: ScrapeConfig): SourceDefinition {
  return {
    name: site.name,
    baseUrl: site.baseUrl,
    // One request per host per interval, whatever the number of replicas (shared budget with Redis).
    rateLimits: [{ points: 1, durationMs: config.SCRAPE_MIN_INTERVAL_MS }],
    maxConcurrent: 1,
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8' },
    // The page text is what the kit caches; parsers read it per request (RequestSpec.schema).
    decode: (body) => body,
    detectRefusal: (body, response) => detectBotWall(body, response, config.SCRAPE_BLOCK_PAUSE_S * 1000, site.label),
    // A scraper never hammers: a failed page waits for the next request that needs it.
    policy: { maxAttempts: 1 },
  };
}

/** A parsed page with its provenance. */
export type ScrapedAnswer<T> = SourceAnswer<T>;

export class SiteScraper {
  readonly client: SourceClient;
  private readonly robots: RobotsPolicy;

  constructor(
    kit: UpstreamKit,
    readonly site: SiteOptions,
    config: ScrapeConfig,
  ) {
    this.client = kit.client(scrapeSource(site, config));
    this.robots = new RobotsPolicy(this.client, site.baseUrl, config.USER_AGENT);
  }

  /**
   * The page at `path`, parsed by `parse`. Cached pages are served without any request; otherwise
   * robots.txt is consulted first. Errors: NOT_FOUND (404 or a "missing" page), SOURCE_BLOCKED
   * (bot wall), SOURCE_BAD_RESPONSE naming the field a changed layout lost, SOURCE_UNAVAILABLE.
   * `dataClass` picks the cache lifetime: days ('catalog') unless the page changes faster (a current season).
   */
  async page<T>(path: string, parse: ($: CheerioAPI) => T, dataClass: DataClass = 'catalog'): Promise<ScrapedAnswer<T>> {
    await loadParser();
    const spec = { path, schema: this.pageSchema(parse), dataClass };
    try {
      // Nothing fresh in the cache is fetched again, and the robots check is skipped for it.
      const cached = await this.client.cachedWithMeta(spec);
      if (cached && cached.origin === 'cache') return cached;
      await this.robots.check(path);
      return await this.client.requestWithMeta(spec);
    } catch (error) {
      throw this.typed(error);
    }
  }

  /**
   * The page at `path` only if an earlier `page` call cached it, or null: never calls the site and
   * never fails. For the merged fields (universal), which must not scrape on every merge.
   */
  async cached<T>(path: string, parse: ($: CheerioAPI) => T): Promise<ScrapedAnswer<T> | null> {
    try {
      await loadParser();
      return await this.client.cachedWithMeta({ path, schema: this.pageSchema(parse), dataClass: 'catalog' });
    } catch {
      return null;
    }
  }

  private pageSchema<T>(parse: ($: CheerioAPI) => T): z.ZodType<T> {
    return z.string().transform((html, ctx) => {
      const $ = loadPage(html);
      if (this.site.isMissing?.($)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['__missing'], message: 'no such entry' });
        return z.NEVER;
      }
      try {
        return parse($);
      } catch (error) {
        if (!(error instanceof LayoutChanged)) throw error;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [error.field], message: error.message });
        return z.NEVER;
      }
    }) as unknown as z.ZodType<T>;
  }

  /** The kit's errors, in the scraper's terms. */
  private typed(error: unknown): unknown {
    if (!(error instanceof AppError)) return error;
    const source = this.site.name;
    if (error.details['reason'] === BOT_WALL_REASON) {
      return new AppError(ErrorCode.SOURCE_BLOCKED, error.message, { ...error.details, source });
    }
    if (error.code === ErrorCode.SOURCE_BAD_RESPONSE && typeof error.details['path'] === 'string') {
      const field = error.details['path'];
      if (field === '__missing') return new AppError(ErrorCode.NOT_FOUND, `${this.site.label} has no such entry`, { source });
      if (field !== '') {
        return new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `${this.site.label} page layout changed: ${field} not found`, { ...error.details, source, field });
      }
    }
    return error;
  }
}
