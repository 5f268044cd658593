// AniDB lists, for each anime, its ids on other sites (`<resources>`: MyAnimeList, Anime News
// Network, Syoboi Calendar, Bangumi). As a crosswalk overlay entry (src/catalog/crosswalk-overlay.ts)
// they complete the catalog's ids where the offline providers are silent; the overlay only adds a
// platform an entry lacks, never overrides one.
import type { CrosswalkOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { parseSourceUrl } from '../../src/crosswalk/index.js';
import { Platform } from '../../src/domain/index.js';
import type { AnidbAnimeRecord } from './mapper.js';

export type CrosswalkEntry = CrosswalkOverlay['entries'][number];

/** The AniDB page plus every platform id AniDB links; null when it links none. */
export function crosswalkEntryOf(anime: Pick<AnidbAnimeRecord, 'id' | 'url' | 'resources'>): CrosswalkEntry | null {
  const urls = [anime.url];
  for (const resource of anime.resources) {
    if (resource.platform === Platform.OTHER || !resource.url) continue;
    // Only URLs the crosswalk reads back as that platform's id (AniDB's own links are canonical ones).
    const parsed = parseSourceUrl(resource.url);
    if (parsed.platform === resource.platform && !urls.includes(parsed.url)) urls.push(parsed.url);
  }
  return urls.length >= 2 ? { ref: `anidb:${anime.id}`, urls } : null;
}
