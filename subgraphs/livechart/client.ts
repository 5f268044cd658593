// LiveChart.me (no public API): its anime pages and season charts, read through the polite scraper (src/scrape).
import type { Config } from '../../src/config/index.js';
import type { Season } from '../../src/domain/index.js';
import type { DataClass, UpstreamKit } from '../../src/http/types.js';
import { SCRAPED_SITES, SiteScraper, type ScrapeConfig, type ScrapedAnswer } from '../../src/scrape/index.js';
import { parseLivechartAnime, type LivechartAnimeRecord } from './parser.js';
import { livechartSeasonPath, parseLivechartSeason, type LivechartSeasonRecord } from './season.js';

export const LIVECHART_SOURCE_NAME = SCRAPED_SITES.livechart;

export type LivechartConfig = ScrapeConfig & Pick<Config, 'LIVECHART_BASE_URL'>;

export class LivechartApi {
  readonly scraper: SiteScraper;

  constructor(
    kit: UpstreamKit,
    config: LivechartConfig,
    /** The clock that tells a settled season from one still airing (cache lifetime of its chart). */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.scraper = new SiteScraper(kit, { name: LIVECHART_SOURCE_NAME, label: 'LiveChart', baseUrl: config.LIVECHART_BASE_URL }, config);
  }

  /**
   * `GET /<season>-<year>/all`: the season chart. A season that has not ended yet is still being
   * filled in (dates made precise, entries added), so its chart is kept for hours ('page'); an
   * ended one for days ('catalog'), like the anime pages.
   */
  season(year: number, season: Season): Promise<ScrapedAnswer<LivechartSeasonRecord>> {
    return this.scraper.page(livechartSeasonPath(year, season), ($) => parseLivechartSeason($, year, season), seasonDataClass(year, season, this.now()));
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

const SEASON_START_MONTH: Record<Season, number> = { WINTER: 0, SPRING: 3, SUMMER: 6, FALL: 9 };

/** 'catalog' once the season's three months are over (in Japan: its seasons are JST), 'page' before. */
export function seasonDataClass(year: number, season: Season, now: Date): DataClass {
  // The first instant after the season, 00:00 JST of the month after its last.
  const end = Date.UTC(year, SEASON_START_MONTH[season] + 3, 1) - 9 * 3600 * 1000;
  return now.getTime() >= end ? 'catalog' : 'page';
}
