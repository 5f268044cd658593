// Anime-Planet (no API): its anime pages, read through the polite scraper (src/scrape).
import type { Config } from '../../src/config/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { SCRAPED_SITES, SiteScraper, type ScrapeConfig, type ScrapedAnswer } from '../../src/scrape/index.js';
import { isAnimePlanetMissing, parseAnimePlanetAnime, type AnimePlanetAnimeRecord } from './parser.js';

export const ANIMEPLANET_SOURCE_NAME = SCRAPED_SITES.animePlanet;

export type AnimePlanetConfig = ScrapeConfig & Pick<Config, 'ANIMEPLANET_BASE_URL'>;

/** Slugs as Anime-Planet writes them (lower-case words and hyphens); anything else is never sent. */
export const ANIMEPLANET_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class AnimePlanetApi {
  readonly scraper: SiteScraper;

  constructor(kit: UpstreamKit, config: AnimePlanetConfig) {
    this.scraper = new SiteScraper(kit, { name: ANIMEPLANET_SOURCE_NAME, label: 'Anime-Planet', baseUrl: config.ANIMEPLANET_BASE_URL, isMissing: isAnimePlanetMissing }, config);
  }

  /** `GET /anime/<slug>`: the entry's page. */
  anime(slug: string): Promise<ScrapedAnswer<AnimePlanetAnimeRecord>> {
    return this.scraper.page(`/anime/${slug}`, parseAnimePlanetAnime);
  }

  /** The page only if an earlier read cached it (null otherwise): the merges never scrape. */
  cachedAnime(slug: string): Promise<ScrapedAnswer<AnimePlanetAnimeRecord> | null> {
    return this.scraper.cached(`/anime/${slug}`, parseAnimePlanetAnime);
  }
}
