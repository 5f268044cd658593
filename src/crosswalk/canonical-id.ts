// Canonical anime id: "<prefix>:<id>" taken from the highest-priority platform an entry lists.
//
// Why it survives catalog updates: the id is a platform's own identifier (e.g. MAL 1535), not
// the entry's position in the file nor a hash of mutable fields (titles, episodes, score), so
// re-ordering the catalog or editing an entry's metadata leaves it unchanged. Platforms are
// ranked by how stable their ids are, and duplicates (AOD sometimes lists two ANN ids) resolve
// to the lowest id, so the choice does not depend on the order of `sources` either.
//
// What can still change: an entry that later gains a higher-priority platform (say a MAL id
// for an entry that only had AniDB) gets a new canonical id. The old one keeps working because
// every "<prefix>:<id>" of an entry is an alias (see parseCanonicalId), e.g. "anidb:23".
import { NUMERIC_PLATFORMS, Platform, type PlatformId } from '../domain/index.js';
import { normaliseId } from './parse-source-url.js';

/** Most stable first. OTHER is never canonical: its "id" is just a URL. */
export const CANONICAL_PRIORITY = [
  Platform.MAL,
  Platform.ANILIST,
  Platform.ANIDB,
  Platform.KITSU,
  Platform.ANN,
  Platform.ANIME_PLANET,
  Platform.LIVECHART,
  Platform.ANISEARCH,
  Platform.ANIMECOUNTDOWN,
  Platform.NOTIFY_MOE,
  Platform.SIMKL,
  Platform.BANGUMI,
  Platform.ANNICT,
  Platform.SYOBOCAL,
  Platform.IMDB,
] as const;

type KnownPlatform = (typeof CANONICAL_PRIORITY)[number];

export const CANONICAL_PREFIX: Readonly<Record<KnownPlatform, string>> = {
  [Platform.MAL]: 'mal',
  [Platform.ANILIST]: 'anilist',
  [Platform.ANIDB]: 'anidb',
  [Platform.KITSU]: 'kitsu',
  [Platform.ANN]: 'ann',
  [Platform.ANIME_PLANET]: 'animeplanet',
  [Platform.LIVECHART]: 'livechart',
  [Platform.ANISEARCH]: 'anisearch',
  [Platform.ANIMECOUNTDOWN]: 'animecountdown',
  [Platform.NOTIFY_MOE]: 'notifymoe',
  [Platform.SIMKL]: 'simkl',
  [Platform.BANGUMI]: 'bangumi',
  [Platform.ANNICT]: 'annict',
  [Platform.SYOBOCAL]: 'syobocal',
  [Platform.IMDB]: 'imdb',
};

const BY_PREFIX = new Map(Object.entries(CANONICAL_PREFIX).map(([p, prefix]) => [prefix, p as KnownPlatform]));

/** Numeric ids compare as numbers (9 < 10), others as plain strings; never locale-dependent. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds "<prefix>:<id>" for a known platform; throws for OTHER. */
export function canonicalKey(platform: Platform, id: string | number): string {
  const prefix = platform === Platform.OTHER ? undefined : CANONICAL_PREFIX[platform];
  if (!prefix) throw new Error(`canonicalKey: platform ${String(platform)} has no canonical prefix`);
  return `${prefix}:${id}`;
}

/** Picks the canonical id of an entry from its platform ids; throws if none is on a known platform. */
export function canonicalId(ids: readonly PlatformId[]): string {
  for (const platform of CANONICAL_PRIORITY) {
    const found = ids.filter((x) => x.platform === platform).map((x) => x.id);
    const lowest = found.sort(compareIds)[0];
    if (lowest !== undefined) return canonicalKey(platform, lowest);
  }
  throw new Error(`canonicalId: no id on a known platform among ${ids.length} id(s)`);
}

/**
 * The platform and id of a key exactly as canonicalKey writes it (no normalising: the id is the
 * text after the prefix); null when `key` is not one. parseCanonicalId reads what people type.
 */
export function splitCanonicalKey(key: string): { platform: Platform; id: string } | null {
  const colon = key.indexOf(':');
  const platform = colon > 0 ? BY_PREFIX.get(key.slice(0, colon)) : undefined;
  return platform && colon < key.length - 1 ? { platform, id: key.slice(colon + 1) } : null;
}

/** Reads "<prefix>:<id>" (any platform's prefix, case-insensitive); null when it is not one. */
export function parseCanonicalId(s: string): { platform: Platform; id: string } | null {
  const m = /^([a-z]+):(.+)$/i.exec(typeof s === 'string' ? s.trim() : '');
  const platform = m && BY_PREFIX.get(m[1]!.toLowerCase());
  if (!m || !platform) return null;
  // Same id shapes parseSourceUrl yields (Kitsu may carry a kitsu.io slug), so every key it builds reads back.
  const shape =
    platform === Platform.IMDB
      ? /^tt\d+$/i
      : NUMERIC_PLATFORMS.has(platform) && platform !== Platform.KITSU
        ? /^\d+$/
        : /^[\w-]+$/;
  if (!shape.test(m[2]!)) return null;
  const id = normaliseId(platform, m[2]!);
  return { platform, id };
}
