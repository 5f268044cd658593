// Canonical URL per platform, in the exact form the manami anime-offline-database writes
// (https, no "www." except IMDb), so a parsed AOD source URL round-trips byte for byte.
import { Platform, type PlatformId } from '../domain/index.js';

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

/**
 * A platform id whose URL is built when it is read, not kept: the catalog holds ~56k of them, and
 * their URL strings were ~3 MB of its heap. Only for ids whose URL is the canonical one (or an
 * unknown site's, whose id is its URL): `withDerivedUrl` keeps any other as it is. The URL is a
 * getter on the prototype, so JSON.stringify leaves it out (the records cache does not store it).
 */
export class PlatformIdWithDerivedUrl implements PlatformId {
  constructor(
    readonly platform: Platform,
    readonly id: string,
  ) {}

  get url(): string {
    return this.platform === Platform.OTHER ? this.id : platformUrl(this.platform, this.id);
  }
}

/**
 * `pid` as a PlatformIdWithDerivedUrl when its URL is the one it would derive, or when it carries
 * none (a records cache written without URLs); otherwise `pid` itself.
 */
export function withDerivedUrl(pid: PlatformId | Omit<PlatformId, 'url'>): PlatformId {
  if (pid instanceof PlatformIdWithDerivedUrl) return pid;
  const derived = new PlatformIdWithDerivedUrl(pid.platform, pid.id);
  if (!('url' in pid) || pid.url === undefined) return derived;
  try {
    return derived.url === pid.url ? derived : pid;
  } catch {
    return pid as PlatformId; // an id no URL can be built for keeps the one it came with
  }
}
