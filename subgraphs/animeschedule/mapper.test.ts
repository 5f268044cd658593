// Mapper behaviour on real AnimeSchedule recordings (test/fixtures/upstream/animeschedule).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnimeFormat, AnimeStatus, Season } from '../../src/domain/index.js';
import { entriesWithin, nextEpisodeOf, parseTimestamp, siteIds, toScheduleEntry, toScheduleInfo, type ScheduleEntryData } from './mapper.js';
import { animePageSchema, animeSchema, timetableSchema } from './upstream.js';

const FIXTURES = resolve(process.cwd(), 'test/fixtures/upstream/animeschedule');
const read = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));
const cowboyBebop = animeSchema.parse(read('anime-cowboy-bebop.json'));
const naruto = animePageSchema.parse(read('anime-anidb-ids-4880.json')).anime[0]!;
const week = (name: string, zone = 'UTC') =>
  timetableSchema.parse(read(name)).map((e) => toScheduleEntry(e, zone)).filter((e): e is ScheduleEntryData => e !== null);
const NOW = Date.parse('2026-09-15T03:00:00Z');

describe('toScheduleInfo', () => {
  it('maps GET /anime/cowboy-bebop (older payload: stream sites as websites keys)', () => {
    const info = toScheduleInfo(cowboyBebop, 'Europe/Berlin', NOW);
    expect(info).toMatchObject({
      slug: 'cowboy-bebop',
      animeScheduleId: 'NoXc',
      url: 'https://animeschedule.net/anime/cowboy-bebop',
      title: 'Cowboy Bebop',
      nativeTitle: 'カウボーイビバップ',
      status: AnimeStatus.COMPLETED,
      statusText: 'Finished',
      format: AnimeFormat.TV,
      episodes: 26,
      episodeLengthMinutes: 24,
      season: Season.SPRING,
      seasonYear: 1998,
      malId: 1,
      anilistId: 1,
      kitsuId: 1,
      anidbId: 23,
      imageUrl: 'https://img.animeschedule.net/production/assets/public/img/anime/jpg/default/cowboy-bebop-f6e5005100.jpg',
      subPremiere: null,
      dubPremiere: null,
      delays: [],
    });
    // premier 1998-04-02T16:00:00Z is 3 April, 01:00 in Japan.
    expect(info.premiere).toMatchObject({ utc: '1998-04-02T16:00:00Z', jst: '1998-04-03T01:00:00+09:00', local: '1998-04-02T18:00:00+02:00' });
    expect(info.streams.map((s) => s.platform)).toEqual(['crunchyroll', 'funimation', 'amazon', 'hulu', 'netflix', 'apple']);
    expect(info.streams[0]).toEqual({ platform: 'crunchyroll', name: 'Crunchyroll', url: 'https://www.crunchyroll.com/cowboy-bebop' });
  });

  it('keeps broadcast slots in JST and UTC and renders them in the zone of the current week', () => {
    const info = toScheduleInfo(cowboyBebop, 'America/New_York', NOW);
    // jpnTime 2020-06-14T16:00:00Z: Monday 01:00 JST = Sunday 16:00 UTC = Sunday 12:00 EDT (in September).
    expect(info.broadcasts[0]).toEqual({
      airType: 'RAW',
      jst: { timezone: 'Asia/Tokyo', weekday: 'MONDAY', time: '01:00' },
      utc: { timezone: 'UTC', weekday: 'SUNDAY', time: '16:00' },
      local: { timezone: 'America/New_York', weekday: 'SUNDAY', time: '12:00' },
    });
    // In January New York is on EST: the same slot is 11:00 there.
    const winter = toScheduleInfo(cowboyBebop, 'America/New_York', Date.parse('2027-01-12T00:00:00Z'));
    expect(winter.broadcasts[0]!.local).toEqual({ timezone: 'America/New_York', weekday: 'SUNDAY', time: '11:00' });
    expect(info.broadcasts.map((b) => b.airType)).toEqual(['RAW', 'SUB', 'DUB']);
    // subTime 2023-03-18T16:01:00Z: Sunday 01:01 JST.
    expect(info.broadcasts[1]!.jst).toEqual({ timezone: 'Asia/Tokyo', weekday: 'SUNDAY', time: '01:01' });
  });

  it('maps GET /anime?anidb-ids=4880 (current payload: websites.streams[]; time-only jpnTime)', () => {
    const info = toScheduleInfo(naruto, 'UTC', NOW);
    expect(info).toMatchObject({ slug: 'naruto-shippuuden', malId: 1735, anilistId: 1735, kitsuId: null, anidbId: 4880, episodes: 500 });
    expect(info.synonyms).toContain('Naruto Shippuden');
    expect(info.streams).toHaveLength(5);
    expect(info.streams[4]).toEqual({ platform: 'bilibili', name: 'Bilibili TV', url: 'https://www.bilibili.tv/en/media/1005195' });
    // jpnTime 0002-01-01T10:30:00Z: a time of day (19:30 JST) with no real date, so no weekday.
    expect(info.broadcasts[0]).toMatchObject({
      airType: 'RAW',
      jst: { timezone: 'Asia/Tokyo', weekday: null, time: '19:30' },
      utc: { timezone: 'UTC', weekday: null, time: '10:30' },
    });
    expect(info.premiere?.jst).toBe('2007-02-15T09:00:00+09:00');
  });

  it('reads MAL, AniList, Kitsu and AniDB ids from website links', () => {
    expect(siteIds(cowboyBebop.websites)).toEqual({ malId: 1, anilistId: 1, kitsuId: 1, anidbId: 23 });
    expect(siteIds(undefined)).toEqual({ malId: null, anilistId: null, kitsuId: null, anidbId: null });
  });

  it('treats 0001-01-01 as not set', () => {
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseTimestamp('0002-01-01T10:30:00Z')).toBe(Date.parse('0002-01-01T10:30:00Z'));
    expect(parseTimestamp('0002-01-01T10:30:00Z', 1900)).toBeNull();
  });
});

describe('toScheduleEntry', () => {
  const w38 = week('timetables-sub-2026-w38.json', 'Asia/Tokyo');

  it('maps every entry of GET /timetables/sub (2026 week 38)', () => {
    expect(w38.map((e) => e.slug)).toEqual([
      'hokuto-no-ken-kenougun-zako-tachi-no-banka-part-2',
      'toumei-na-yoru-ni-kakeru-kimi-to-me-ni-mienai-koi-wo-shita',
      'bleach-sennen-kessen-hen-kashin-tan',
      'ganso-bandori-chan',
      'seihantai-na-kimi-to-boku-2nd-season',
    ]);
    expect(w38[0]).toMatchObject({ airType: 'SUB', episodeNumber: 11, firstEpisodeNumber: 11, episodes: 12, format: AnimeFormat.TV_SHORT, status: AnimeStatus.AIRING, delay: null });
    expect(w38[0]!.streams).toEqual([{ platform: 'youtube', name: 'YouTube', url: 'https://www.youtube.com/playlist?list=PLcPnuVJ3jm6A' }]);
    expect(w38[3]!.streams).toEqual([]);
  });

  it('renders the episode time in UTC, JST and the zone: Bleach airs Monday 15:30 UTC, Tuesday 00:30 JST', () => {
    expect(w38[2]!.airsAt).toEqual({
      utc: '2026-09-14T15:30:00Z',
      jst: '2026-09-15T00:30:00+09:00',
      local: '2026-09-15T00:30:00+09:00',
      timezone: 'Asia/Tokyo',
      localDate: '2026-09-15',
      localWeekday: 'TUESDAY',
      unix: Date.parse('2026-09-14T15:30:00Z') / 1000,
    });
  });

  it('keeps delays with their description', () => {
    expect(w38[2]).toMatchObject({ status: AnimeStatus.HIATUS, statusText: 'Delayed', airingStatus: 'delayed-air' });
    expect(w38[2]!.delay).toMatchObject({ airType: 'SUB', description: 'Delayed', delayedFrom: { utc: '2026-09-14T00:00:00Z' }, delayedUntil: { utc: '2026-10-19T00:00:00Z' } });
    // Ganso carries an old delay window without a display text.
    expect(w38[3]!.delay).toMatchObject({ description: null, delayedFrom: { utc: '2026-01-01T00:00:00Z' } });
  });

  it('reads a multi-episode release (subtractedEpisodeNumber)', () => {
    const [kaguya] = week('timetables-sub-2026-w01.json');
    expect(kaguya).toMatchObject({ episodeNumber: 2, firstEpisodeNumber: 1, format: AnimeFormat.SPECIAL, status: AnimeStatus.COMPLETED });
  });

  it('cuts a local day out of entries and finds the next episode of a slug', () => {
    const start = Date.parse('2026-09-14T15:00:00Z');
    expect(entriesWithin(w38, start, start + 86_400_000).map((e) => e.slug)).toEqual(['bleach-sennen-kessen-hen-kashin-tan']);
    const all = [...week('timetables-sub-2026-w37.json'), ...week('timetables-sub-2026-w38.json')];
    expect(nextEpisodeOf(all, 'seihantai-na-kimi-to-boku-2nd-season', Date.parse('2026-09-14T00:00:00Z'))).toMatchObject({ episodeNumber: 12 });
    expect(nextEpisodeOf(all, 'seihantai-na-kimi-to-boku-2nd-season', Date.parse('2026-09-10T00:00:00Z'))).toMatchObject({ episodeNumber: 11 });
    expect(nextEpisodeOf(all, 'seihantai-na-kimi-to-boku-2nd-season', Date.parse('2026-09-21T00:00:00Z'))).toBeNull();
  });
});
