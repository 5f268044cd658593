// aniSearch (no public API): its anime pages, read through the polite scraper (src/scrape).
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { SCRAPED_SITES, SiteScraper, type ScrapeConfig, type ScrapedAnswer } from '../../src/scrape/index.js';
import { parseAnisearchAnime, type AnisearchAnimeRecord } from './parser.js';

export const ANISEARCH_SOURCE_NAME = SCRAPED_SITES.anisearch;

export type AnisearchConfig = ScrapeConfig & Pick<Config, 'ANISEARCH_BASE_URL'>;

export class AnisearchApi {
  readonly scraper: SiteScraper;

  constructor(kit: UpstreamKit, config: AnisearchConfig) {
    this.scraper = new SiteScraper(kit, { name: ANISEARCH_SOURCE_NAME, label: 'aniSearch', baseUrl: config.ANISEARCH_BASE_URL }, config);
  }

  /** `GET /anime/<id>`: the entry's page (aniSearch also answers without the ",slug" part). */
  anime(id: number): Promise<ScrapedAnswer<AnisearchAnimeRecord>> {
    return this.scraper.page(`/anime/${id}`, parseAnisearchAnime);
  }

  /** The page only if an earlier read cached it (null otherwise): the merges never scrape. */
  cachedAnime(id: number): Promise<ScrapedAnswer<AnisearchAnimeRecord> | null> {
    return this.scraper.cached(`/anime/${id}`, parseAnisearchAnime);
  }
}
