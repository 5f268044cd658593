// The platforms the service knows by name. One enum, used everywhere (crosswalk, GraphQL, MCP).
export enum Platform {
  MAL = 'MAL',
  ANILIST = 'ANILIST',
  KITSU = 'KITSU',
  ANIDB = 'ANIDB',
  ANN = 'ANN',
  ANIME_PLANET = 'ANIME_PLANET',
  LIVECHART = 'LIVECHART',
  ANISEARCH = 'ANISEARCH',
  ANIMECOUNTDOWN = 'ANIMECOUNTDOWN',
  NOTIFY_MOE = 'NOTIFY_MOE',
  SIMKL = 'SIMKL',
  BANGUMI = 'BANGUMI',
  ANNICT = 'ANNICT',
  SYOBOCAL = 'SYOBOCAL',
  IMDB = 'IMDB',
  /** A site the crosswalk does not know; the URL is kept, never dropped. */
  OTHER = 'OTHER',
}

/** A platform's own identifier for one anime: numeric ids stay numbers, slugs stay strings. */
export interface PlatformId {
  platform: Platform;
  /** Numeric id or slug exactly as the platform uses it in URLs. */
  id: string;
  /** The URL this id came from (or the canonical URL built for it). */
  url: string;
}

/** Platforms whose ids are numeric; their ids are exposed as Int in GraphQL. */
export const NUMERIC_PLATFORMS: ReadonlySet<Platform> = new Set([
  Platform.MAL,
  Platform.ANILIST,
  Platform.KITSU,
  Platform.ANIDB,
  Platform.ANN,
  Platform.LIVECHART,
  Platform.ANISEARCH,
  Platform.ANIMECOUNTDOWN,
  Platform.SIMKL,
  Platform.BANGUMI,
  Platform.ANNICT,
  Platform.SYOBOCAL,
]);
