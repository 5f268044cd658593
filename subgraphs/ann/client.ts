// Anime News Network as two source descriptions for the upstream kit (the encyclopedia API and the
// news feed) and the calls this subgraph makes. Everything goes through the kit's SourceClient.
import type { Config } from '../../src/config/index.js';
import type { SourceAnswer, SourceClient, SourceDefinition, UpstreamKit } from '../../src/http/types.js';
import { missingIdsOf } from './mapper.js';
import { annAnswerSchema, decodeXml, rssSchema, type UpstreamAnnAnime, type UpstreamRss } from './upstream.js';

export const ANN_SOURCE = 'ann';
export const ANN_NEWS_SOURCE = 'ann-news';

/** ANN's encyclopedia API answers up to 50 titles per request (`anime=1/2/…`). */
export const ANN_MAX_IDS_PER_REQUEST = 50;

export type AnnConfig = Pick<Config, 'ANN_BASE_URL' | 'ANN_NEWS_URL'>;

/**
 * ANN asks API users for at most one request per second per IP (encyclopedia API page) and
 * blocks floods. One call in flight and 1/s, shared by every replica through Redis when it is
 * configured; batches of 50 ids keep that enough for a busy gateway.
 */
export function annSource(config: Pick<Config, 'ANN_BASE_URL'>): SourceDefinition {
  return {
    name: ANN_SOURCE,
    baseUrl: config.ANN_BASE_URL,
    rateLimits: [{ points: 1, durationMs: 1000 }],
    maxConcurrent: 1,
    headers: { accept: 'application/xml, text/xml' },
    decode: (body, response) => decodeXml(ANN_SOURCE, body, response.contentType, response.status),
  };
}

/** The feed changes a few times an hour and is cached for CACHE_TTL_SEARCH_S; 1/s is a safety net. */
export function annNewsSource(config: Pick<Config, 'ANN_NEWS_URL'>): SourceDefinition {
  return {
    name: ANN_NEWS_SOURCE,
    baseUrl: new URL(config.ANN_NEWS_URL).origin,
    rateLimits: [{ points: 1, durationMs: 1000 }],
    maxConcurrent: 1,
    headers: { accept: 'application/rss+xml, application/xml, text/xml' },
    decode: (body, response) => decodeXml(ANN_NEWS_SOURCE, body, response.contentType, response.status),
  };
}

/** `GET /api.xml?anime=1/2/…` for ids already sorted (the same set is the same cache key). */
const animeSpec = (ids: readonly number[]) => ({
  path: '/api.xml',
  query: { anime: ids.join('/') },
  schema: annAnswerSchema,
  dataClass: 'details' as const,
});

export interface AnnBatch {
  /** Every anime ANN answered, by id, with the provenance of the answer that carried it. */
  found: Map<number, SourceAnswer<UpstreamAnnAnime>>;
  /** Ids ANN said it has no result for. */
  missing: Set<number>;
}

export class AnnApi {
  readonly encyclopedia: SourceClient;
  readonly newsFeed: SourceClient;
  private readonly newsUrl: URL;

  constructor(kit: UpstreamKit, config: AnnConfig) {
    this.encyclopedia = kit.client(annSource(config));
    this.newsFeed = kit.client(annNewsSource(config));
    this.newsUrl = new URL(config.ANN_NEWS_URL);
  }

  /** `GET /api.xml?anime=1/2/…`, 50 ids per call; sorted so the same set is the same cache key. */
  async animeMany(ids: readonly number[]): Promise<AnnBatch> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    const chunks: number[][] = [];
    for (let i = 0; i < unique.length; i += ANN_MAX_IDS_PER_REQUEST) chunks.push(unique.slice(i, i + ANN_MAX_IDS_PER_REQUEST));
    const answers = await Promise.all(chunks.map((chunk) => this.encyclopedia.requestWithMeta(animeSpec(chunk))));
    const found = new Map<number, SourceAnswer<UpstreamAnnAnime>>();
    const missing = new Set<number>();
    for (const answer of answers) {
      for (const anime of answer.data.anime) found.set(Number(anime.id), { ...answer, data: anime });
      for (const id of missingIdsOf(answer.data.warning)) missing.add(id);
    }
    return { found, missing };
  }

  /**
   * The anime if an earlier call for it alone is cached (a batch is cached under its own key);
   * null otherwise. Never calls ANN and never fails: for merges that must not add upstream calls.
   */
  async cachedAnime(id: number): Promise<SourceAnswer<UpstreamAnnAnime> | null> {
    const answer = await this.encyclopedia.cachedWithMeta(animeSpec([id]));
    const anime = answer?.data.anime.find((a) => Number(a.id) === id);
    return answer && anime ? { ...answer, data: anime } : null;
  }

  /** The news feed as configured (ANN_NEWS_URL), cached as a search answer (minutes). */
  news(): Promise<SourceAnswer<UpstreamRss>> {
    return this.newsFeed.requestWithMeta({
      path: this.newsUrl.pathname,
      query: Object.fromEntries(this.newsUrl.searchParams),
      schema: rssSchema,
      dataClass: 'search',
    });
  }
}
