// Pure mapping from AnimeSchedule payloads to this subgraph's schedule shapes, rendered for one
// time zone and one clock. Instants stay instants (epoch ms) until they are rendered.
import { toUniversalFormat, toUniversalSeason, toUniversalStatus } from '../../src/domain/mapping.js';
import type { AnimeFormat, AnimeStatus, Season } from '../../src/graphql/index.js';
import type { UpstreamAirType } from './client.js';
import { formatDate, formatInZone, formatTimeOfDay, JST, localDateOf, wallClock, type WeekdayName } from './time.js';
import type { UpstreamAnime, UpstreamTimetableEntry } from './upstream.js';
import { siteIds, streamsOfWebsites, toStreams, type ScheduleStreamData, type SiteIds } from './websites.js';

export { siteIds, type ScheduleStreamData };

export type AirType = 'RAW' | 'SUB' | 'DUB';
const AIR_TYPES: Record<string, AirType> = { raw: 'RAW', sub: 'SUB', dub: 'DUB' };
export const IMAGE_BASE_URL = 'https://img.animeschedule.net/production/assets/public/img/';
export const SITE_URL = 'https://animeschedule.net';

export interface ScheduleTimeData {
  utc: string;
  jst: string;
  local: string;
  timezone: string;
  localDate: string;
  localWeekday: WeekdayName;
  unix: number;
}

export interface ScheduleSlotData {
  timezone: string;
  weekday: WeekdayName | null;
  time: string;
}

export interface ScheduleBroadcastData {
  airType: AirType;
  jst: ScheduleSlotData;
  utc: ScheduleSlotData;
  local: ScheduleSlotData;
}

export interface ScheduleDelayData {
  airType: AirType;
  delayedFrom: ScheduleTimeData | null;
  delayedUntil: ScheduleTimeData | null;
  description: string | null;
}

export interface ScheduleInfoData extends SiteIds {
  slug: string;
  animeScheduleId: string;
  url: string;
  title: string;
  englishTitle: string | null;
  nativeTitle: string | null;
  synonyms: string[];
  status: AnimeStatus;
  statusText: string | null;
  format: AnimeFormat;
  episodes: number | null;
  episodeLengthMinutes: number | null;
  season: Season | null;
  seasonYear: number | null;
  timezone: string;
  premiere: ScheduleTimeData | null;
  subPremiere: ScheduleTimeData | null;
  dubPremiere: ScheduleTimeData | null;
  broadcasts: ScheduleBroadcastData[];
  delays: ScheduleDelayData[];
  streams: ScheduleStreamData[];
  imageUrl: string | null;
}

export interface ScheduleEntryData {
  slug: string;
  url: string;
  title: string;
  romajiTitle: string | null;
  englishTitle: string | null;
  nativeTitle: string | null;
  airType: AirType;
  episodeNumber: number;
  firstEpisodeNumber: number;
  airsAt: ScheduleTimeData;
  /** Epoch ms of airsAt, for filtering and ordering. */
  airsAtMs: number;
  status: AnimeStatus;
  statusText: string | null;
  airingStatus: string | null;
  delay: ScheduleDelayData | null;
  format: AnimeFormat;
  episodes: number | null;
  episodeLengthMinutes: number | null;
  donghua: boolean;
  imageUrl: string | null;
  streams: ScheduleStreamData[];
}

/**
 * Epoch ms of an AnimeSchedule timestamp; null for its "not set" value (`0001-01-01T00:00:00Z`).
 * `minYear` drops placeholder dates: broadcast times use year 2 for "time of day only".
 */
export function parseTimestamp(value: string | null | undefined, minYear = 2): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).getUTCFullYear() < minYear ? null : ms;
}

/** Real calendar dates only (premieres, delays, episodes): placeholder years are not dates. */
const parseDate = (value: string | null | undefined) => parseTimestamp(value, 1900);

export function toScheduleTime(ms: number, zone: string): ScheduleTimeData {
  const local = wallClock(ms, zone);
  return {
    utc: formatInZone(ms, 'UTC'),
    jst: formatInZone(ms, JST),
    local: formatInZone(ms, zone),
    timezone: zone,
    localDate: formatDate(local),
    localWeekday: local.weekday,
    unix: Math.floor(ms / 1000),
  };
}

const timeOrNull = (ms: number | null, zone: string) => (ms === null ? null : toScheduleTime(ms, zone));

/**
 * A weekly broadcast slot from a reference airing (`jpnTime`, `subTime`, `dubTime`): its weekday and
 * time kept in JST and UTC, and rendered in `zone` for the week of `nowMs` (so DST is the current
 * one). A year-2 reference carries a time of day but no weekday.
 */
export function toBroadcast(airType: AirType, referenceMs: number, zone: string, nowMs: number): ScheduleBroadcastData {
  const reference = wallClock(referenceMs, JST);
  const weekdayKnown = new Date(referenceMs).getUTCFullYear() >= 1900;
  // The next airing at or after now with the same JST weekday (or, without one, the same time of day).
  const today = localDateOf(nowMs, JST);
  let next = Number.NaN;
  for (let offset = 0; offset <= 7; offset += 1) {
    const candidate = Date.UTC(today.year, today.month - 1, today.day + offset, reference.hour, reference.minute) - 9 * 3_600_000;
    if (candidate < nowMs) continue;
    if (weekdayKnown && wallClock(candidate, JST).weekday !== reference.weekday) continue;
    next = candidate;
    break;
  }
  const slot = (zoneName: string): ScheduleSlotData => {
    const clock = wallClock(next, zoneName);
    return { timezone: zoneName, weekday: weekdayKnown ? clock.weekday : null, time: formatTimeOfDay(clock) };
  };
  return { airType, jst: slot(JST), utc: slot('UTC'), local: slot(zone) };
}

function delayOf(airType: AirType, from: string | undefined, until: string | undefined, description: string | null, zone: string): ScheduleDelayData | null {
  const fromMs = parseDate(from);
  const untilMs = parseDate(until);
  if (fromMs === null && untilMs === null) return null;
  return { airType, delayedFrom: timeOrNull(fromMs, zone), delayedUntil: timeOrNull(untilMs, zone), description };
}

const firstMediaType = (list: { name: string }[] | undefined) => toUniversalFormat(list?.[0]?.name);
const imageUrl = (route: string | undefined) => (route ? IMAGE_BASE_URL + route : null);
const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : null);

export function toScheduleInfo(anime: UpstreamAnime, zone: string, nowMs: number): ScheduleInfoData {
  const broadcasts: ScheduleBroadcastData[] = [];
  for (const [airType, time] of [['RAW', anime.jpnTime], ['SUB', anime.subTime], ['DUB', anime.dubTime]] as const) {
    const ms = parseTimestamp(time);
    if (ms !== null) broadcasts.push(toBroadcast(airType, ms, zone, nowMs));
  }
  const delays = [
    delayOf('RAW', anime.delayedFrom, anime.delayedUntil, null, zone),
    delayOf('SUB', anime.subDelayedFrom, anime.subDelayedUntil, null, zone),
    delayOf('DUB', anime.dubDelayedFrom, anime.dubDelayedUntil, null, zone),
  ].filter((d): d is ScheduleDelayData => d !== null);
  const seasonYear = anime.season?.year ? Number(anime.season.year) : (anime.year ?? null);
  return {
    slug: anime.route,
    animeScheduleId: anime.id,
    url: `${SITE_URL}/anime/${anime.route}`,
    title: anime.title,
    englishTitle: anime.names?.english ?? null,
    nativeTitle: anime.names?.native ?? null,
    synonyms: anime.names?.synonyms ?? [],
    status: toUniversalStatus(anime.status),
    statusText: anime.status ?? null,
    format: firstMediaType(anime.mediaTypes),
    episodes: positive(anime.episodes),
    episodeLengthMinutes: positive(anime.lengthMin),
    season: toUniversalSeason(anime.season?.season),
    seasonYear: Number.isFinite(seasonYear) ? seasonYear : null,
    timezone: zone,
    premiere: timeOrNull(parseDate(anime.premier), zone),
    subPremiere: timeOrNull(parseDate(anime.subPremier), zone),
    dubPremiere: timeOrNull(parseDate(anime.dubPremier), zone),
    broadcasts,
    delays,
    streams: streamsOfWebsites(anime.websites),
    imageUrl: imageUrl(anime.imageVersionRoute),
    ...siteIds(anime.websites),
  };
}

export function toScheduleEntry(entry: UpstreamTimetableEntry, zone: string): ScheduleEntryData | null {
  const airsAtMs = parseDate(entry.episodeDate);
  const airType = AIR_TYPES[entry.airType.toLowerCase()];
  if (airsAtMs === null || !airType) return null;
  return {
    slug: entry.route,
    url: `${SITE_URL}/anime/${entry.route}`,
    title: entry.title,
    romajiTitle: entry.romaji ?? null,
    englishTitle: entry.english ?? null,
    nativeTitle: entry.native ?? null,
    airType,
    episodeNumber: entry.episodeNumber,
    firstEpisodeNumber: positive(entry.subtractedEpisodeNumber) ?? entry.episodeNumber,
    airsAt: toScheduleTime(airsAtMs, zone),
    airsAtMs,
    status: toUniversalStatus(entry.status),
    statusText: entry.status ?? null,
    airingStatus: entry.airingStatus ?? null,
    delay: delayOf(airType, entry.delayedFrom, entry.delayedUntil, entry.delayedText ?? null, zone),
    format: firstMediaType(entry.mediaTypes),
    episodes: positive(entry.episodes),
    episodeLengthMinutes: positive(entry.lengthMin),
    donghua: entry.donghua ?? false,
    imageUrl: imageUrl(entry.imageVersionRoute),
    streams: toStreams(entry.streams),
  };
}

/** The episodes of `entries` airing within [start, end), once each, in airing order. */
export function entriesWithin(entries: ScheduleEntryData[], start: number, end: number): ScheduleEntryData[] {
  const seen = new Set<string>();
  return entries
    .filter((e) => e.airsAtMs >= start && e.airsAtMs < end)
    .filter((e) => {
      const key = `${e.slug}|${e.airType}|${e.episodeNumber}|${e.airsAtMs}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.airsAtMs - b.airsAtMs || a.title.localeCompare(b.title));
}

/** The next episode of `slug` at or after `nowMs` among timetable entries, if any. */
export function nextEpisodeOf(entries: ScheduleEntryData[], slug: string, nowMs: number): ScheduleEntryData | null {
  return entries.filter((e) => e.slug === slug && e.airsAtMs >= nowMs).sort((a, b) => a.airsAtMs - b.airsAtMs)[0] ?? null;
}

export function toUpstreamAirType(airType: AirType | 'ALL' | null | undefined): UpstreamAirType {
  return (airType ?? 'ALL').toLowerCase() as UpstreamAirType;
}
