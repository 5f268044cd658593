// Schedule questions answered from AnimeSchedule: a MAL id's schedule, a week's timetable, what airs
// today in a time zone. Timetables are always fetched in UTC and cut to the local day or week here,
// so every zone shares one cached copy per UTC week and the JST/UTC date line is handled in one place.
import { AppError, badInput, ErrorCode } from '../../src/errors/index.js';
import type { AnimeScheduleApi } from './client.js';
import {
  entriesWithin,
  nextEpisodeOf,
  siteIds,
  toScheduleEntry,
  toScheduleInfo,
  toScheduleTime,
  toUpstreamAirType,
  type AirType,
  type ScheduleEntryData,
  type ScheduleInfoData,
  type ScheduleTimeData,
} from './mapper.js';
import {
  addDays,
  formatDate,
  isoWeekMonday,
  isoWeekOf,
  localDateOf,
  localDayInterval,
  startOfLocalDay,
  utcWeeksCovering,
  wallClock,
  weeksInIsoYear,
  type Interval,
  type IsoWeek,
  type WeekdayName,
} from './time.js';

export interface ScheduleWeekData {
  year: number;
  week: number;
  timezone: string;
  airType: AirType | 'ALL';
  startsAt: ScheduleTimeData;
  endsAt: ScheduleTimeData;
  entries: ScheduleEntryData[];
}

export interface ScheduleDayData {
  date: string;
  weekday: WeekdayName;
  timezone: string;
  airType: AirType | 'ALL';
  startsAt: ScheduleTimeData;
  endsAt: ScheduleTimeData;
  entries: ScheduleEntryData[];
}

/** ScheduleInfo plus what its lazy fields need (the zone and the clock it was rendered with). */
export type ScheduleInfoRoot = ScheduleInfoData & { nowMs: number };

const isNotFound = (error: unknown) => error instanceof AppError && error.code === ErrorCode.NOT_FOUND;

export class ScheduleService {
  constructor(
    private readonly api: AnimeScheduleApi,
    private readonly now: () => Date,
  ) {}

  /** The schedule of the anime AnimeSchedule links to `malId`; null when it links none. */
  async scheduleByMalId(malId: number, zone: string): Promise<ScheduleInfoRoot | null> {
    let matches;
    try {
      matches = await this.api.findAnimeByMalId(malId);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    // The filter is AnimeSchedule's; keep only an entry whose own MAL link says this id.
    const anime = matches.find((a) => siteIds(a.websites).malId === malId);
    return anime ? this.info(anime, zone) : null;
  }

  async scheduleBySlug(slug: string, zone: string): Promise<ScheduleInfoRoot | null> {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(slug)) throw badInput('slug must be an AnimeSchedule route such as "cowboy-bebop"', { field: 'slug' });
    try {
      return this.info(await this.api.fetchAnime(slug), zone);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** The MAL id AnimeSchedule links to a slug (for timetable entries); null when none. */
  async malIdOfSlug(slug: string): Promise<number | null> {
    try {
      return siteIds((await this.api.fetchAnime(slug)).websites).malId;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private info(anime: Parameters<typeof toScheduleInfo>[0], zone: string): ScheduleInfoRoot {
    const nowMs = this.now().getTime();
    return { ...toScheduleInfo(anime, zone, nowMs), nowMs };
  }

  /** The next episode of `slug` in this week's or next week's timetable. */
  async nextEpisode(slug: string, airType: AirType | 'ALL', zone: string, nowMs: number): Promise<ScheduleEntryData | null> {
    const thisWeek = isoWeekOf(localDateOf(nowMs, 'UTC'));
    const nextWeek = isoWeekOf(addDays(isoWeekMonday(thisWeek), 7));
    for (const week of [thisWeek, nextWeek]) {
      const found = nextEpisodeOf(await this.entries(airType, [week], zone), slug, nowMs);
      if (found) return found;
    }
    return null;
  }

  /** ISO week `week` of `year` as lived in `zone`: local Monday 00:00 to the next Monday 00:00. */
  async week(weekArg: string | null | undefined, yearArg: number | null | undefined, zone: string, airType: AirType | 'ALL'): Promise<ScheduleWeekData> {
    const target = this.resolveWeek(weekArg, yearArg, zone);
    const monday = isoWeekMonday(target);
    const interval: Interval = { start: startOfLocalDay(monday, zone), end: startOfLocalDay(addDays(monday, 7), zone) };
    const entries = entriesWithin(await this.entries(airType, utcWeeksCovering(interval), zone), interval.start, interval.end);
    return { ...target, timezone: zone, airType, startsAt: toScheduleTime(interval.start, zone), endsAt: toScheduleTime(interval.end, zone), entries };
  }

  /** What airs on today's date in `zone` (by the injected clock). */
  async today(zone: string, airType: AirType | 'ALL'): Promise<ScheduleDayData> {
    const nowMs = this.now().getTime();
    const date = localDateOf(nowMs, zone);
    const interval = localDayInterval(date, zone);
    const entries = entriesWithin(await this.entries(airType, utcWeeksCovering(interval), zone), interval.start, interval.end);
    return {
      date: formatDate(date),
      weekday: wallClock(nowMs, zone).weekday,
      timezone: zone,
      airType,
      startsAt: toScheduleTime(interval.start, zone),
      endsAt: toScheduleTime(interval.end, zone),
      entries,
    };
  }

  /** Timetable entries of UTC weeks; a week AnimeSchedule has no timetable for (404) is empty. */
  private async entries(airType: AirType | 'ALL', weeks: IsoWeek[], zone: string): Promise<ScheduleEntryData[]> {
    const pages = await Promise.all(
      weeks.map((w) =>
        this.api.fetchTimetable(toUpstreamAirType(airType), w.year, w.week).catch((error: unknown) => {
          if (isNotFound(error)) return [];
          throw error;
        }),
      ),
    );
    return pages.flat().flatMap((entry) => toScheduleEntry(entry, zone) ?? []);
  }

  private resolveWeek(weekArg: string | null | undefined, yearArg: number | null | undefined, zone: string): IsoWeek {
    const current = isoWeekOf(localDateOf(this.now().getTime(), zone));
    const text = (weekArg ?? 'current').trim().toLowerCase();
    const relative: Record<string, number> = { current: 0, this: 0, next: 7, previous: -7, last: -7 };
    if (text in relative) {
      if (yearArg != null) throw badInput('year goes with a week number, not with "current", "next" or "previous"', { field: 'year' });
      return isoWeekOf(addDays(isoWeekMonday(current), relative[text]!));
    }
    const match = /^(?:(\d{4})-?w)?(\d{1,2})$/.exec(text);
    if (!match) throw badInput('week must be an ISO week number (1–53), "2026-W38", "current", "next" or "previous"', { field: 'week' });
    const year = match[1] ? Number(match[1]) : (yearArg ?? current.year);
    if (match[1] && yearArg != null && yearArg !== year) throw badInput(`week says ${year} but year says ${yearArg}`, { field: 'year' });
    if (year < 1900 || year > 2100) throw badInput('year must be between 1900 and 2100', { field: 'year' });
    const week = Number(match[2]);
    // AnimeSchedule answers an out-of-range week with another week's data, so refuse it here.
    if (week < 1 || week > weeksInIsoYear(year)) throw badInput(`${year} has ISO weeks 1–${weeksInIsoYear(year)}`, { field: 'week' });
    return { year, week };
  }
}
