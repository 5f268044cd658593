// Source URL -> platform id. Total: any string yields a PlatformId, unknown ones as OTHER,
// because catalog sources must never be dropped just because a site is new to us.
import { NUMERIC_PLATFORMS, Platform, type PlatformId } from '../domain/index.js';
import { platformUrl } from './platform-url.js';

type Extract = (path: string, query: URLSearchParams) => string | undefined;

/** Path-only matcher; `path` has trailing slashes removed, query and hash are ignored. */
const path =
  (re: RegExp): Extract =>
  (p) =>
    re.exec(p)?.[1];
const digits = (v: string | null): string | undefined => (v && /^\d+$/.test(v) ? v : undefined);

const NUM_SLUG = /^\/anime\/(\d+)(?:\/[^/]+)?$/i; // /anime/<n> with an optional display slug

// Host (lower-case, without "www.") -> platform and id extractor.
const RULES: ReadonlyArray<{ hosts: readonly string[]; platform: Platform; id: Extract }> = [
  { hosts: ['myanimelist.net'], platform: Platform.MAL, id: path(NUM_SLUG) },
  { hosts: ['anilist.co'], platform: Platform.ANILIST, id: path(NUM_SLUG) },
  { hosts: ['kitsu.app'], platform: Platform.KITSU, id: path(/^\/anime\/(\d+)$/i) },
  // The old kitsu.io domain also addressed anime by slug.
  { hosts: ['kitsu.io'], platform: Platform.KITSU, id: path(/^\/anime\/([a-z0-9-]+)$/i) },
  {
    hosts: ['anidb.net'],
    platform: Platform.ANIDB,
    id: (p, q) =>
      /^\/(?:anime\/|a)(\d+)$/i.exec(p)?.[1] ??
      (p === '/perl-bin/animedb.pl' && q.get('show') === 'anime' ? digits(q.get('aid')) : undefined),
  },
  {
    hosts: ['animenewsnetwork.com'],
    platform: Platform.ANN,
    id: (p, q) => (p === '/encyclopedia/anime.php' ? digits(q.get('id')) : undefined),
  },
  { hosts: ['anime-planet.com'], platform: Platform.ANIME_PLANET, id: path(/^\/anime\/([a-z0-9-]+)$/i) },
  { hosts: ['livechart.me'], platform: Platform.LIVECHART, id: path(/^\/anime\/(\d+)$/i) },
  { hosts: ['anisearch.com', 'anisearch.de'], platform: Platform.ANISEARCH, id: path(/^\/anime\/(\d+)(?:,[^/]*)?$/i) },
  { hosts: ['animecountdown.com'], platform: Platform.ANIMECOUNTDOWN, id: path(/^\/(\d+)$/) },
  { hosts: ['notify.moe'], platform: Platform.NOTIFY_MOE, id: path(/^\/anime\/([\w-]+)$/i) },
  { hosts: ['simkl.com'], platform: Platform.SIMKL, id: path(NUM_SLUG) },
  { hosts: ['bgm.tv', 'bangumi.tv', 'chii.in'], platform: Platform.BANGUMI, id: path(/^\/subject\/(\d+)$/i) },
  { hosts: ['annict.com'], platform: Platform.ANNICT, id: path(/^\/works\/(\d+)$/i) },
  { hosts: ['cal.syoboi.jp'], platform: Platform.SYOBOCAL, id: path(/^\/tid\/(\d+)$/i) },
  { hosts: ['imdb.com', 'm.imdb.com'], platform: Platform.IMDB, id: path(/^\/title\/(tt\d+)$/i) },
];

const BY_HOST = new Map(RULES.flatMap((r) => r.hosts.map((h) => [h, r] as const)));

/** Same id, same key: "0001" and "1" are one MAL entry; IMDb's "TT" is folded to "tt". */
export function normaliseId(platform: Platform, id: string): string {
  if (platform === Platform.IMDB) return id.toLowerCase();
  return NUMERIC_PLATFORMS.has(platform) && /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : id;
}

function toUrl(raw: string): URL | undefined {
  // Accept "myanimelist.net/anime/1" too: no scheme means https.
  const text = /^[a-z][a-z\d+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a source URL into its platform id; never throws, unknown input comes back as OTHER. */
export function parseSourceUrl(url: string): PlatformId {
  const other: PlatformId = { platform: Platform.OTHER, id: url, url };
  const u = typeof url === 'string' ? toUrl(url.trim()) : undefined;
  if (!u) return other;
  const rule = BY_HOST.get(u.hostname.replace(/^www\./, ''));
  const raw = rule?.id(u.pathname.replace(/\/+$/, ''), u.searchParams);
  if (!rule || !raw) return other;
  const id = normaliseId(rule.platform, raw);
  return { platform: rule.platform, id, url: platformUrl(rule.platform, id) };
}
