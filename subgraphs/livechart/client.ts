// LiveChart.me (no public API): its anime pages, read through the polite scraper (src/scrape).
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { SiteScraper, type ScrapeConfig, type ScrapedAnswer } from '../../src/scrape/index.js';
import { parseLivechartAnime, type LivechartAnimeRecord } from './parser.js';

export const LIVECHART_SOURCE_NAME = 'livechart';

export type LivechartConfig = ScrapeConfig & Pick<Config, 'LIVECHART_BASE_URL'>;

export class LivechartApi {
  readonly scraper: SiteScraper;

  constructor(kit: UpstreamKit, config: LivechartConfig) {
    this.scraper = new SiteScraper(kit, { name: LIVECHART_SOURCE_NAME, label: 'LiveChart', baseUrl: config.LIVECHART_BASE_URL }, config);
  }

  /** `GET /anime/<id>`: the entry's page. */
  anime(id: number): Promise<ScrapedAnswer<LivechartAnimeRecord>> {
    return this.scraper.page(`/anime/${id}`, parseLivechartAnime);
  }

  /** The page only if an earlier read cached it (null otherwise): the merges never scrape. */
  cachedAnime(id: number): Promise<ScrapedAnswer<LivechartAnimeRecord> | null> {
    return this.scraper.cached(`/anime/${id}`, parseLivechartAnime);
  }
}
