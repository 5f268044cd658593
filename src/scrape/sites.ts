// The kit source names of the scraped sites, in one place: each site's client uses its own, and the
// metrics tell scraping apart from API calls by them (anime_scrape_requests_total).
export const SCRAPED_SITES = {
  animePlanet: 'animeplanet',
  livechart: 'livechart',
  anisearch: 'anisearch',
} as const;

export const SCRAPED_SOURCE_NAMES: ReadonlySet<string> = new Set(Object.values(SCRAPED_SITES));
