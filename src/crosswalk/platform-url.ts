// Canonical URL per platform, in the exact form the manami anime-offline-database writes
// (https, no "www." except IMDb), so a parsed AOD source URL round-trips byte for byte.
import { Platform } from '../domain/index.js';

type KnownPlatform = Exclude<Platform, Platform.OTHER>;

const BUILDERS: Record<KnownPlatform, (id: string) => string> = {
  [Platform.MAL]: (id) => `https://myanimelist.net/anime/${id}`,
  [Platform.ANILIST]: (id) => `https://anilist.co/anime/${id}`,
  [Platform.KITSU]: (id) => `https://kitsu.app/anime/${id}`,
  [Platform.ANIDB]: (id) => `https://anidb.net/anime/${id}`,
  [Platform.ANN]: (id) => `https://animenewsnetwork.com/encyclopedia/anime.php?id=${id}`,
  [Platform.ANIME_PLANET]: (id) => `https://anime-planet.com/anime/${id}`,
  [Platform.LIVECHART]: (id) => `https://livechart.me/anime/${id}`,
  [Platform.ANISEARCH]: (id) => `https://anisearch.com/anime/${id}`,
  [Platform.ANIMECOUNTDOWN]: (id) => `https://animecountdown.com/${id}`,
  [Platform.NOTIFY_MOE]: (id) => `https://notify.moe/anime/${id}`,
  [Platform.SIMKL]: (id) => `https://simkl.com/anime/${id}`,
  [Platform.BANGUMI]: (id) => `https://bgm.tv/subject/${id}`,
  [Platform.ANNICT]: (id) => `https://annict.com/works/${id}`,
  [Platform.SYOBOCAL]: (id) => `https://cal.syoboi.jp/tid/${id}`,
  // IMDb ids are kept with their "tt" prefix; a bare number is accepted for convenience.
  [Platform.IMDB]: (id) => `https://www.imdb.com/title/${/^\d+$/.test(id) ? `tt${id}` : id}`,
};

/** Builds the canonical URL of `id` on `platform`. Throws for OTHER (no URL scheme is known). */
export function platformUrl(platform: Platform, id: string | number): string {
  const build = platform === Platform.OTHER ? undefined : BUILDERS[platform];
  if (!build) throw new Error(`platformUrl: no canonical URL for platform ${String(platform)}`);
  const text = String(id).trim();
  if (!text) throw new Error(`platformUrl: empty id for platform ${platform}`);
  // Ids are path/query segments: encoding is a no-op for real ids and stops injection of "/" or "?".
  return build(encodeURIComponent(text));
}
