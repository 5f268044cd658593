// Polite scraping of sites without an API (Anime-Planet, LiveChart, aniSearch): see site.ts.
export { BOT_WALL_REASON, detectBotWall } from './bot-wall.js';
export * from './html.js';
export { RobotsPolicy, robotsAgent } from './robots.js';
export { SCRAPED_SITES, SCRAPED_SOURCE_NAMES } from './sites.js';
export { SiteScraper, scrapeSource, type ScrapeConfig, type ScrapedAnswer, type SiteOptions } from './site.js';
