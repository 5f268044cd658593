// Time zone arithmetic for schedules: IANA zone validation, wall-clock parts of an instant in a
// zone, local midnights, ISO 8601 weeks. Pure functions over epoch milliseconds (Intl only).
import { badInput } from '../../src/errors/index.js';

export const JST = 'Asia/Tokyo';
const DAY_MS = 86_400_000;
/** Japan has kept UTC+9 since 1888 and has no DST; fixed arithmetic avoids Intl's pre-1888 LMT. */
const JST_OFFSET_MS = 9 * 3_600_000;

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** A calendar date (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  weekday: WeekdayName;
  /** Offset from UTC in minutes (east positive). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The canonical IANA name of `zone` ('utc' → 'UTC', 'asia/tokyo' → 'Asia/Tokyo'); BAD_USER_INPUT
 * when it is not a zone name (offsets like '+09:00' and abbreviations like 'JST' are refused too).
 */
export function parseTimeZone(zone: string | null | undefined, argument = 'timezone'): string {
  const name = (zone ?? 'UTC').trim();
  const refuse = () =>
    badInput(`${JSON.stringify(zone)} is not an IANA time zone; use a name such as "Asia/Tokyo", "Europe/Berlin" or "UTC"`, {
      field: argument,
    });
  if (!/^(UTC|GMT|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/i.test(name)) throw refuse();
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Fix the case ('asia/tokyo'), keep the caller's name where ICU prefers an alias of it.
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    throw refuse();
  }
}

export function wallClock(ms: number, zone: string): WallClock {
  if (zone === JST) return fixedWallClock(ms, JST_OFFSET_MS);
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = utcMs(parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  return fixedWallClock(ms, offsetMinutes * 60_000);
}

function fixedWallClock(ms: number, offsetMs: number): WallClock {
  const shifted = new Date(ms + offsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: WEEKDAYS[shifted.getUTCDay()]!,
    offsetMinutes: Math.round(offsetMs / 60_000),
  };
}

/** Date.UTC without its 0–99 → 1900–1999 year mapping (AnimeSchedule writes years 1 and 2). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 with the zone's offset: `2026-09-15T00:30:00+09:00` (`Z` for UTC). */
export function formatInZone(ms: number, zone: string): string {
  const c = wallClock(ms, zone);
  const offset =
    zone === 'UTC' ? 'Z' : `${c.offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(c.offsetMinutes) / 60))}:${pad(Math.abs(c.offsetMinutes) % 60)}`;
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${offset}`;
}

export function formatDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function formatTimeOfDay(c: Pick<WallClock, 'hour' | 'minute'>): string {
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(utcMs(date.year, date.month, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The instant a local calendar day starts in `zone` (DST-safe: two passes over the offset). */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const wall = utcMs(date.year, date.month, date.day);
  let guess = wall - wallClock(wall, zone).offsetMinutes * 60_000;
  guess = wall - wallClock(guess, zone).offsetMinutes * 60_000;
  return guess;
}

/** A half-open interval of instants [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export function localDayInterval(date: LocalDate, zone: string): Interval {
  return { start: startOfLocalDay(date, zone), end: startOfLocalDay(addDays(date, 1), zone) };
}

export interface IsoWeek {
  year: number;
  week: number;
}

/** The ISO 8601 week (Monday first; week 1 holds the year's first Thursday) of a date. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return { year, week };
}

/** The Monday that starts ISO week `week` of `year`. */
export function isoWeekMonday({ year, week }: IsoWeek): LocalDate {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1) + (week - 1) * 7);
  const d = new Date(monday);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weeksInIsoYear(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

/** The ISO weeks (in UTC) an interval of instants touches, in order. */
export function utcWeeksCovering(interval: Interval): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let day = Math.floor(interval.start / DAY_MS) * DAY_MS; day < interval.end; day += DAY_MS) {
    const d = new Date(day);
    const week = isoWeekOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    if (!weeks.some((w) => w.year === week.year && w.week === week.week)) weeks.push(week);
  }
  return weeks;
}

/** The local date of an instant in a zone. */
export function localDateOf(ms: number, zone: string): LocalDate {
  const { year, month, day } = wallClock(ms, zone);
  return { year, month, day };
}
