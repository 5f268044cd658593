import { ErrorCode } from '../../src/errors/index.js';
import {
  formatInZone,
  isoWeekMonday,
  isoWeekOf,
  localDayInterval,
  parseTimeZone,
  startOfLocalDay,
  utcWeeksCovering,
  wallClock,
  weeksInIsoYear,
} from './time.js';

describe('parseTimeZone', () => {
  it.each([
    [undefined, 'UTC'],
    ['UTC', 'UTC'],
    ['Asia/Tokyo', 'Asia/Tokyo'],
    ['asia/tokyo', 'Asia/Tokyo'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ])('accepts %p as %p', (input, expected) => {
    expect(parseTimeZone(input)).toBe(expected);
  });

  it.each(['Mars/Olympus_Mons', '+09:00', 'JST', '', 'Asia/Tokyo; drop'])('refuses %p with BAD_USER_INPUT', (input) => {
    expect(() => parseTimeZone(input)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });
});

describe('ISO weeks', () => {
  it.each([
    [{ year: 2025, month: 12, day: 31 }, { year: 2026, week: 1 }],
    [{ year: 2026, month: 9, day: 14 }, { year: 2026, week: 38 }],
    [{ year: 2026, month: 9, day: 13 }, { year: 2026, week: 37 }],
    [{ year: 2021, month: 1, day: 3 }, { year: 2020, week: 53 }],
  ])('%p is in %p', (date, week) => {
    expect(isoWeekOf(date)).toEqual(week);
  });

  it('finds the Monday of a week and the number of weeks in a year', () => {
    expect(isoWeekMonday({ year: 2026, week: 38 })).toEqual({ year: 2026, month: 9, day: 14 });
    expect(isoWeekMonday({ year: 2026, week: 1 })).toEqual({ year: 2025, month: 12, day: 29 });
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
  });

  it('lists the UTC weeks a local day touches (JST Monday starts on Sunday in UTC)', () => {
    const jstMonday = localDayInterval({ year: 2026, month: 9, day: 14 }, 'Asia/Tokyo');
    expect(new Date(jstMonday.start).toISOString()).toBe('2026-09-13T15:00:00.000Z');
    expect(utcWeeksCovering(jstMonday)).toEqual([
      { year: 2026, week: 37 },
      { year: 2026, week: 38 },
    ]);
    expect(utcWeeksCovering(localDayInterval({ year: 2026, month: 9, day: 15 }, 'UTC'))).toEqual([{ year: 2026, week: 38 }]);
  });
});

describe('zones', () => {
  it('renders one instant in UTC, JST and a DST zone', () => {
    const ms = Date.parse('2026-09-14T15:30:00Z');
    expect(formatInZone(ms, 'UTC')).toBe('2026-09-14T15:30:00Z');
    expect(formatInZone(ms, 'Asia/Tokyo')).toBe('2026-09-15T00:30:00+09:00');
    expect(formatInZone(ms, 'America/New_York')).toBe('2026-09-14T11:30:00-04:00');
    expect(formatInZone(ms, 'Asia/Kolkata')).toBe('2026-09-14T21:00:00+05:30');
    expect(wallClock(ms, 'Asia/Tokyo').weekday).toBe('TUESDAY');
    expect(wallClock(ms, 'UTC').weekday).toBe('MONDAY');
  });

  it('finds local midnight across a DST change (New York, 8 March 2026: 23 hours)', () => {
    const start = startOfLocalDay({ year: 2026, month: 3, day: 8 }, 'America/New_York');
    expect(new Date(start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    const day = localDayInterval({ year: 2026, month: 3, day: 8 }, 'America/New_York');
    expect((day.end - day.start) / 3_600_000).toBe(23);
  });
});
