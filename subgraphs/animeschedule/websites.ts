// AnimeSchedule `websites`: stream links (two payload shapes) and the platform ids in site links.
import type { UpstreamStream } from './upstream.js';

export interface ScheduleStreamData {
  platform: string;
  name: string;
  url: string;
}

export interface SiteIds {
  malId: number | null;
  anilistId: number | null;
  kitsuId: number | null;
  anidbId: number | null;
}

const STREAM_NAMES: Record<string, string> = {
  crunchyroll: 'Crunchyroll',
  funimation: 'Funimation',
  wakanim: 'Wakanim',
  amazon: 'Amazon',
  hidive: 'HIDIVE',
  hulu: 'Hulu',
  youtube: 'YouTube',
  netflix: 'Netflix',
  apple: 'Apple TV',
  disney: 'Disney+',
  bilibili: 'Bilibili TV',
  oceanveil: 'OceanVeil',
  tubi: 'Tubi',
  adultswim: 'Adult Swim',
  vrv: 'VRV',
};

/** AnimeSchedule writes links without a scheme (`www.crunchyroll.com/…`). */
export function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url.replace(/^\/+/, '')}`;
}

export function toStreams(streams: UpstreamStream[]): ScheduleStreamData[] {
  return streams.map((s) => ({ platform: s.platform, name: s.name ?? STREAM_NAMES[s.platform] ?? s.platform, url: withScheme(s.url) }));
}

/** Stream links of an anime: `websites.streams[]` (current API) or the platform keys of older payloads. */
export function streamsOfWebsites(websites: Record<string, unknown> | undefined): ScheduleStreamData[] {
  if (!websites) return [];
  if (Array.isArray(websites.streams)) {
    return toStreams(
      websites.streams
        .filter((s): s is { platform: string; url: string; name?: string } => typeof s?.platform === 'string' && typeof s?.url === 'string')
        .map((s) => ({ platform: s.platform, url: s.url, name: s.name ?? null })),
    );
  }
  return toStreams(
    Object.entries(websites)
      .filter(([key, url]) => key in STREAM_NAMES && typeof url === 'string' && url !== '')
      .map(([platform, url]) => ({ platform, url: url as string, name: null })),
  );
}

const SITE_ID_PATTERNS = {
  malId: ['mal', /myanimelist\.net\/anime\/(\d+)/],
  anilistId: ['aniList', /anilist\.co\/anime\/(\d+)/],
  kitsuId: ['kitsu', /kitsu\.(?:io|app)\/anime\/(\d+)(?:[/?#]|$)/],
  anidbId: ['anidb', /anidb\.net\/(?:anime\/|perl-bin\/animedb\.pl\?show=anime&aid=)(\d+)/],
} as const;

/** Numeric platform ids from the `websites` links (a Kitsu slug link gives no id). */
export function siteIds(websites: Record<string, unknown> | undefined): SiteIds {
  const ids: SiteIds = { malId: null, anilistId: null, kitsuId: null, anidbId: null };
  for (const [field, [key, pattern]] of Object.entries(SITE_ID_PATTERNS) as [keyof typeof ids, readonly [string, RegExp]][]) {
    const link = websites?.[key];
    const match = typeof link === 'string' ? pattern.exec(link) : null;
    ids[field] = match ? Number(match[1]) : null;
  }
  return ids;
}
