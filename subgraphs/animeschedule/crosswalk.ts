// AnimeSchedule lists, for each anime, its pages on MAL, AniList, Kitsu and AniDB. Those links
// complete the catalog's crosswalk (src/catalog/crosswalk-overlay.ts) where the offline
// providers are silent; `npm run crosswalk:harvest` collects them into the overlay file.
import type { CrosswalkOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { parseSourceUrl } from '../../src/crosswalk/index.js';
import { Platform } from '../../src/domain/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import type { AnimeScheduleApi } from './client.js';
import type { UpstreamAnime } from './upstream.js';
import { withScheme } from './websites.js';

const ID_SITES = ['mal', 'aniList', 'kitsu', 'anidb'] as const;

export type CrosswalkEntry = CrosswalkOverlay['entries'][number];

/** The platform pages an AnimeSchedule entry links to; null when it links fewer than two. */
export function crosswalkEntryOf(anime: UpstreamAnime): CrosswalkEntry | null {
  const websites = (anime.websites ?? {}) as Record<string, unknown>;
  const urls = ID_SITES.map((site) => websites[site])
    .filter((url): url is string => typeof url === 'string' && url !== '')
    .map((url) => parseSourceUrl(withScheme(url)))
    .filter((id) => id.platform !== Platform.OTHER)
    .map((id) => id.url);
  return urls.length >= 2 ? { ref: `animeschedule:${anime.route}`, urls } : null;
}

export interface HarvestProgress {
  page: number;
  entries: number;
}

/** Pages through AnimeSchedule's catalogue (within the kit's rate limits) until a page is empty. */
export async function harvestCrosswalk(
  api: AnimeScheduleApi,
  options: { maxPages?: number; now?: () => Date; onProgress?: (progress: HarvestProgress) => void } = {},
): Promise<CrosswalkOverlay> {
  const entries: CrosswalkEntry[] = [];
  for (let page = 1; page <= (options.maxPages ?? 10_000); page += 1) {
    let anime: UpstreamAnime[];
    try {
      anime = await api.listAnime(page);
    } catch (error) {
      // AnimeSchedule answers 404 past the last page.
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) break;
      throw error;
    }
    if (anime.length === 0) break;
    for (const item of anime) {
      const entry = crosswalkEntryOf(item);
      if (entry) entries.push(entry);
    }
    options.onProgress?.({ page, entries: entries.length });
  }
  return { source: 'animeschedule', harvestedAt: (options.now?.() ?? new Date()).toISOString(), entries };
}
