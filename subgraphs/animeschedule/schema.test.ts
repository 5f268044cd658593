// The animeschedule subgraph end to end: GraphQL operations against its schema, with the upstream
// kit pointed at the loopback replay server serving real AnimeSchedule v3 recordings, and clocks
// fixed relative to recorded episode dates.
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { AnimeScheduleApi } from './client.js';
import { buildAnimeScheduleSchema } from './schema.js';
import { ScheduleService } from './service.js';

const fixture = (name: string) => resolve(projectRoot(), 'test/fixtures/upstream/animeschedule', name);
const TOKEN = 'replay-token';

let replay: ReplayServer;
const kits: UpstreamKitWithStats[] = [];
let clock = new Date('2026-09-15T03:00:00Z');

/** A fresh kit (empty cache) and schema; retries off so fault tests are quick. */
async function scheduleSchema(env: Record<string, string> = { ANIMESCHEDULE_TOKEN: TOKEN }): Promise<GraphQLSchema> {
  const config = loadConfig({ ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`, LOG_LEVEL: 'silent', ...env });
  const kit = createUpstreamKit(config, { namespace: `animeschedule-test-${kits.length}`, policy: { maxAttempts: 1, breakerThreshold: 100 } });
  kits.push(kit);
  return buildAnimeScheduleSchema({ upstream: kit, config, now: () => clock });
}

async function run(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: {} });
}

const data = <T>(result: ExecutionResult) => {
  expect(result.errors).toBeUndefined();
  return result.data as T;
};

type Entry = { slug: string; episodeNumber: number; airsAt: { utc: string; local: string; localWeekday: string } };
type Day = { scheduleToday: { date: string; weekday: string; startsAt: { utc: string }; entries: Entry[] } };
const TODAY = `query ($tz: String) { scheduleToday(timezone: $tz, airType: SUB) {
  date weekday timezone startsAt { utc } endsAt { utc } entries { slug episodeNumber airsAt { utc local localWeekday } } } }`;
/** The distinct UTC weeks fetched (repeats are the kit cache's business, not this subgraph's). */
const timetableRequests = () => [
  ...new Set(replay.requests.filter((r) => r.path === '/v3/timetables/sub').map((r) => `${r.query.get('year')}-W${r.query.get('week')}`)),
];

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: '/v3/anime/cowboy-bebop', file: fixture('anime-cowboy-bebop.json') });
  // The recording answers `?anidb-ids=4880`; its one match links MAL 1735, so it is also the answer for `?mal-ids=1735`.
  replay.route({ method: 'GET', path: '/v3/anime', match: (r) => r.query.get('mal-ids') === '1735', file: fixture('anime-anidb-ids-4880.json') });
  replay.route({
    method: 'GET',
    path: '/v3/anime',
    match: (r) => r.query.get('mal-ids') === '99999999',
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    file: fixture('anime-not-found.txt'),
  });
  for (const [week, file] of [
    ['1', 'timetables-sub-2026-w01.json'],
    ['37', 'timetables-sub-2026-w37.json'],
    ['38', 'timetables-sub-2026-w38.json'],
  ] as const) {
    replay.route({
      method: 'GET',
      path: '/v3/timetables/sub',
      match: (r) => r.query.get('year') === '2026' && r.query.get('week') === week && r.query.get('tz') === 'UTC',
      file: fixture(file),
    });
  }
  replay.route({
    method: 'GET',
    path: '/v3/timetables/sub',
    match: (r) => r.query.get('year') === '2030',
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    file: fixture('timetables-not-found.txt'),
  });
});
afterEach(() => replay.reset());
afterAll(async () => {
  await Promise.all(kits.map((k) => k.close()));
  await replay.close();
});

describe('animeschedule subgraph schema', () => {
});

describe('Anime.schedule via _entities', () => {
  const ENTITY = `query ($malId: Int, $tz: String) { _entities(representations: [{ __typename: "Anime", malId: $malId }]) {
    ... on Anime { malId schedule(timezone: $tz) {
      slug animeScheduleId url title nativeTitle synonyms status statusText format episodes episodeLengthMinutes season seasonYear timezone
      premiere { utc jst local } subPremiere { utc } dubPremiere { utc }
      broadcasts { airType jst { weekday time } utc { weekday time } local { timezone weekday time } }
      delays { airType } streams { platform name url } imageUrl malId anilistId kitsuId anidbId anime { malId } } } } }`;

  it('resolves a MAL id to its AnimeSchedule entry with GET /anime?mal-ids=', async () => {
    const schema = await scheduleSchema();
    const result = data<{ _entities: [{ malId: number; schedule: Record<string, unknown> }] }>(
      await run(schema, ENTITY, { malId: 1735, tz: 'Europe/Berlin' }),
    );
    expect(result._entities[0]).toMatchObject({
      malId: 1735,
      schedule: {
        slug: 'naruto-shippuuden',
        animeScheduleId: 'Vr3M',
        url: 'https://animeschedule.net/anime/naruto-shippuuden',
        title: 'Naruto: Shippuuden',
        nativeTitle: 'ナルト- 疾風伝',
        status: 'COMPLETED',
        statusText: 'Finished',
        format: 'TV',
        episodes: 500,
        episodeLengthMinutes: 23,
        season: 'WINTER',
        seasonYear: 2007,
        timezone: 'Europe/Berlin',
        premiere: { utc: '2007-02-15T00:00:00Z', jst: '2007-02-15T09:00:00+09:00', local: '2007-02-15T01:00:00+01:00' },
        subPremiere: null,
        dubPremiere: null,
        delays: [],
        malId: 1735,
        anilistId: 1735,
        kitsuId: null,
        anidbId: 4880,
        anime: { malId: 1735 },
      },
    });
    const schedule = result._entities[0].schedule as { broadcasts: unknown[]; streams: { platform: string }[] };
    expect(schedule.broadcasts[0]).toEqual({
      airType: 'RAW',
      jst: { weekday: null, time: '19:30' },
      utc: { weekday: null, time: '10:30' },
      local: { timezone: 'Europe/Berlin', weekday: null, time: '12:30' },
    });
    // subTime 2023-03-31T10:31:00Z: Friday 19:31 JST.
    expect(schedule.broadcasts[1]).toMatchObject({ airType: 'SUB', jst: { weekday: 'FRIDAY', time: '19:31' }, utc: { weekday: 'FRIDAY', time: '10:31' } });
    expect(schedule.streams.map((s) => s.platform)).toEqual(['apple', 'crunchyroll', 'hulu', 'netflix', 'bilibili']);
    expect(replay.requests).toHaveLength(1);
    expect(replay.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(replay.requests[0]!.query.get('mal-ids')).toBe('1735');
  });

  it('resolves to null when AnimeSchedule lists no anime for the MAL id (404), and asks nothing without an id', async () => {
    const schema = await scheduleSchema();
    const result = data<{ _entities: { malId: number | null; schedule: unknown }[] }>(await run(schema, ENTITY, { malId: 99999999 }));
    expect(result._entities).toEqual([{ malId: 99999999, schedule: null }]);
    replay.reset();
    const none = data<{ _entities: { schedule: unknown }[] }>(await run(schema, ENTITY, { malId: null }));
    expect(none._entities).toEqual([{ malId: null, schedule: null }]);
    expect(replay.requests).toHaveLength(0);
  });

  it('refuses an invalid time zone with BAD_USER_INPUT before calling AnimeSchedule', async () => {
    const schema = await scheduleSchema();
    const result = await run(schema, ENTITY, { malId: 1735, tz: 'Tokyo Time' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    expect((result.data as { _entities: unknown[] })._entities).toEqual([{ malId: 1735, schedule: null }]);
    expect(replay.requests).toHaveLength(0);
  });

  it('without ANIMESCHEDULE_TOKEN: UNAUTHORIZED saying what to set, partial data, no request sent', async () => {
    const schema = await scheduleSchema({});
    const result = await run(schema, ENTITY, { malId: 1735 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toContain('ANIMESCHEDULE_TOKEN');
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED', source: 'animeschedule' });
    expect((result.data as { _entities: unknown[] })._entities).toEqual([{ malId: 1735, schedule: null }]);
    const today = await run(schema, TODAY, { tz: 'UTC' });
    expect(today.data).toEqual({ scheduleToday: null });
    expect(today.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(replay.requests).toHaveLength(0);
  });

  it('keeps the entity and reports SOURCE_UNAVAILABLE when AnimeSchedule answers 503', async () => {
    const schema = await scheduleSchema();
    replay.fault({ path: '/v3/anime' }, { status: 503 });
    const result = await run(schema, ENTITY, { malId: 1735 });
    expect((result.data as { _entities: unknown[] })._entities).toEqual([{ malId: 1735, schedule: null }]);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'animeschedule' });
  });

  it('reports SOURCE_BAD_RESPONSE for a garbled body', async () => {
    const schema = await scheduleSchema();
    replay.fault({ path: '/v3/anime' }, { garbage: true });
    const result = await run(schema, ENTITY, { malId: 1735 });
    expect((result.data as { _entities: unknown[] })._entities).toEqual([{ malId: 1735, schedule: null }]);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'animeschedule' });
  });
});

describe('scheduleAnime', () => {
  const BY_SLUG = `query ($slug: String!, $tz: String) { scheduleAnime(slug: $slug, timezone: $tz) {
    slug title status format season seasonYear episodes premiere { jst local localWeekday }
    broadcasts { airType jst { weekday time } utc { weekday time } local { weekday time } }
    streams { platform name url } malId anilistId kitsuId anidbId anime { malId } nextEpisode { episodeNumber } } }`;

  it('reads GET /anime/{slug}: broadcasts in JST, UTC and the zone, streams, ids, catalog reference', async () => {
    const schema = await scheduleSchema();
    const result = data<{ scheduleAnime: Record<string, unknown> }>(await run(schema, BY_SLUG, { slug: 'cowboy-bebop', tz: 'America/Los_Angeles' }));
    expect(result.scheduleAnime).toMatchObject({
      slug: 'cowboy-bebop',
      title: 'Cowboy Bebop',
      status: 'COMPLETED',
      format: 'TV',
      season: 'SPRING',
      seasonYear: 1998,
      episodes: 26,
      premiere: { jst: '1998-04-03T01:00:00+09:00', local: '1998-04-02T08:00:00-08:00', localWeekday: 'THURSDAY' },
      malId: 1,
      anilistId: 1,
      kitsuId: 1,
      anidbId: 23,
      anime: { malId: 1 },
      nextEpisode: null,
    });
    // jpnTime Monday 01:00 JST is Sunday 16:00 UTC and, with September's PDT, Sunday 09:00 in Los Angeles.
    expect((result.scheduleAnime.broadcasts as unknown[])[0]).toEqual({
      airType: 'RAW',
      jst: { weekday: 'MONDAY', time: '01:00' },
      utc: { weekday: 'SUNDAY', time: '16:00' },
      local: { weekday: 'SUNDAY', time: '09:00' },
    });
    expect(result.scheduleAnime.streams).toContainEqual({ platform: 'netflix', name: 'Netflix', url: 'https://www.netflix.com/title/80001305' });
    // A finished anime has no next episode: no timetable is fetched.
    expect(replay.requests.map((r) => r.path)).toEqual(['/v3/anime/cowboy-bebop']);
  });

  it('is null for an unknown slug and refuses a malformed one', async () => {
    const schema = await scheduleSchema();
    expect(data<{ scheduleAnime: unknown }>(await run(schema, BY_SLUG, { slug: 'no-such-anime-recorded' })).scheduleAnime).toBeNull();
    const bad = await run(schema, BY_SLUG, { slug: '../timetables' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
  });
});

describe('scheduleToday across the JST/UTC date line (fixed clocks, recorded 2026 week 37/38 timetables)', () => {
  it('Bleach ep 9 airs 2026-09-14T15:30Z: "today" on Tuesday in Tokyo, on Monday in UTC', async () => {
    clock = new Date('2026-09-14T16:00:00Z'); // Tuesday 01:00 in Tokyo, Monday 16:00 in UTC
    const schema = await scheduleSchema();
    const tokyo = data<Day>(await run(schema, TODAY, { tz: 'Asia/Tokyo' })).scheduleToday;
    expect(tokyo).toMatchObject({ date: '2026-09-15', weekday: 'TUESDAY', startsAt: { utc: '2026-09-14T15:00:00Z' } });
    expect(tokyo.entries).toEqual([
      {
        slug: 'bleach-sennen-kessen-hen-kashin-tan',
        episodeNumber: 9,
        airsAt: { utc: '2026-09-14T15:30:00Z', local: '2026-09-15T00:30:00+09:00', localWeekday: 'TUESDAY' },
      },
    ]);
    const utc = data<Day>(await run(schema, TODAY, { tz: 'UTC' })).scheduleToday;
    expect(utc).toMatchObject({ date: '2026-09-14', weekday: 'MONDAY' });
    expect(utc.entries.map((e) => [e.slug, e.airsAt.local])).toEqual([
      ['hokuto-no-ken-kenougun-zako-tachi-no-banka-part-2', '2026-09-14T11:05:00Z'],
      ['toumei-na-yoru-ni-kakeru-kimi-to-me-ni-mienai-koi-wo-shita', '2026-09-14T12:30:00Z'],
      ['bleach-sennen-kessen-hen-kashin-tan', '2026-09-14T15:30:00Z'],
    ]);
    // Both days lie in UTC week 38.
    expect(timetableRequests()).toEqual(['2026-W38']);
  });

  it('Monday in Tokyo starts on Sunday in UTC: two UTC weeks are read and cut to the JST day', async () => {
    clock = new Date('2026-09-14T14:00:00Z'); // Monday 23:00 in Tokyo
    const schema = await scheduleSchema();
    const tokyo = data<Day>(await run(schema, TODAY, { tz: 'Asia/Tokyo' })).scheduleToday;
    expect(tokyo).toMatchObject({ date: '2026-09-14', weekday: 'MONDAY', startsAt: { utc: '2026-09-13T15:00:00Z' } });
    expect(tokyo.entries.map((e) => [e.slug, e.airsAt.local])).toEqual([
      ['hokuto-no-ken-kenougun-zako-tachi-no-banka-part-2', '2026-09-14T20:05:00+09:00'],
      ['toumei-na-yoru-ni-kakeru-kimi-to-me-ni-mienai-koi-wo-shita', '2026-09-14T21:30:00+09:00'],
    ]);
    expect(timetableRequests().sort()).toEqual(['2026-W37', '2026-W38']);
    // Los Angeles is still on Monday morning: the same three Monday-UTC episodes as UTC.
    const la = data<Day>(await run(schema, TODAY, { tz: 'America/Los_Angeles' })).scheduleToday;
    expect(la).toMatchObject({ date: '2026-09-14', startsAt: { utc: '2026-09-14T07:00:00Z' } });
    expect(la.entries.map((e) => e.airsAt.local)).toEqual(['2026-09-14T04:05:00-07:00', '2026-09-14T05:30:00-07:00', '2026-09-14T08:30:00-07:00']);
  });

  it('an episode at 00:00 JST on New Year\'s Day is "today" on 1 January in Tokyo and on 31 December in UTC (ISO week 2026-W01)', async () => {
    clock = new Date('2025-12-31T20:00:00Z');
    const schema = await scheduleSchema();
    const tokyo = data<Day>(await run(schema, TODAY, { tz: 'Asia/Tokyo' })).scheduleToday;
    expect(tokyo).toMatchObject({ date: '2026-01-01', weekday: 'THURSDAY' });
    expect(tokyo.entries).toEqual([
      {
        slug: 'kaguya-sama-wa-kokurasetai-otona-e-no-kaidan',
        episodeNumber: 2,
        airsAt: { utc: '2025-12-31T15:00:00Z', local: '2026-01-01T00:00:00+09:00', localWeekday: 'THURSDAY' },
      },
    ]);
    const utc = data<Day>(await run(schema, TODAY, { tz: 'UTC' })).scheduleToday;
    expect(utc).toMatchObject({ date: '2025-12-31', weekday: 'WEDNESDAY' });
    expect(utc.entries.map((e) => e.slug)).toEqual(['kaguya-sama-wa-kokurasetai-otona-e-no-kaidan']);
    expect(timetableRequests()).toEqual(['2026-W1']);
  });

  it('one minute before midnight JST the New Year\'s episode is not yet "today" in Tokyo (the day ends exclusive)', async () => {
    clock = new Date('2025-12-31T14:59:00Z'); // 31 December, 23:59 in Tokyo
    const schema = await scheduleSchema();
    const tokyo = data<Day>(await run(schema, TODAY, { tz: 'Asia/Tokyo' })).scheduleToday;
    expect(tokyo).toMatchObject({ date: '2025-12-31', weekday: 'WEDNESDAY' });
    expect(tokyo.entries).toEqual([]);
  });
});

describe('scheduleTimetable', () => {
  const WEEK = `query ($week: String, $year: Int, $tz: String) { scheduleTimetable(week: $week, year: $year, timezone: $tz, airType: SUB) {
    year week timezone airType startsAt { utc local } endsAt { utc }
    entries { slug title romajiTitle englishTitle nativeTitle airType episodeNumber firstEpisodeNumber episodes episodeLengthMinutes
      status statusText airingStatus format donghua imageUrl url
      airsAt { utc jst local localDate localWeekday unix }
      delay { airType description delayedFrom { utc } delayedUntil { utc jst } }
      streams { platform name url } } } }`;
  type Week = { scheduleTimetable: { year: number; week: number; startsAt: { utc: string; local: string }; entries: Record<string, unknown>[] } };

  it('serves week 38 in UTC from one GET /timetables/sub?year=2026&week=38&tz=UTC, every field mapped', async () => {
    clock = new Date('2026-09-15T03:00:00Z');
    const schema = await scheduleSchema();
    const result = data<Week>(await run(schema, WEEK, { week: '38', year: 2026, tz: 'UTC' })).scheduleTimetable;
    expect(result).toMatchObject({ year: 2026, week: 38, timezone: 'UTC', airType: 'SUB', startsAt: { utc: '2026-09-14T00:00:00Z' }, endsAt: { utc: '2026-09-21T00:00:00Z' } });
    expect(result.entries).toHaveLength(5);
    expect(result.entries[2]).toEqual({
      slug: 'bleach-sennen-kessen-hen-kashin-tan',
      title: 'BLEACH: Sennen Kessen-hen - Kashin-tan',
      romajiTitle: 'BLEACH: Sennen Kessen-hen - Kashin-tan',
      englishTitle: 'BLEACH: Thousand-Year Blood War - The Calamity',
      nativeTitle: 'BLEACH 千年血戦篇-禍進譚-',
      airType: 'SUB',
      episodeNumber: 9,
      firstEpisodeNumber: 9,
      episodes: 10,
      episodeLengthMinutes: 24,
      status: 'HIATUS',
      statusText: 'Delayed',
      airingStatus: 'delayed-air',
      format: 'TV',
      donghua: false,
      imageUrl: 'https://img.animeschedule.net/production/assets/public/img/anime/jpg/default/bleach-sennen-kessen-hen-kashin-tan-f6f55ab4137d9ca1e73b7f8d74341751.jpg',
      url: 'https://animeschedule.net/anime/bleach-sennen-kessen-hen-kashin-tan',
      airsAt: {
        utc: '2026-09-14T15:30:00Z',
        jst: '2026-09-15T00:30:00+09:00',
        local: '2026-09-14T15:30:00Z',
        localDate: '2026-09-14',
        localWeekday: 'MONDAY',
        unix: 1789399800,
      },
      delay: {
        airType: 'SUB',
        description: 'Delayed',
        delayedFrom: { utc: '2026-09-14T00:00:00Z' },
        delayedUntil: { utc: '2026-10-19T00:00:00Z', jst: '2026-10-19T09:00:00+09:00' },
      },
      streams: [
        { platform: 'apple', name: 'Apple TV', url: 'https://apple.co/4pD39X7' },
        { platform: 'hulu', name: 'Hulu', url: 'https://www.hulu.com/series/bleach-thousand-year-blood-war-02a3c8c0-4f1d-4610-bbb4-5b8e9468d7b1' },
        { platform: 'youtube', name: 'YouTube', url: 'https://www.youtube.com/playlist?list=PLYDN8muP8huc' },
        { platform: 'disney', name: 'Disney+', url: 'https://www.disneyplus.com/series/bleach-thousand-year-blood-war/4Afet1Q421gy' },
      ],
    });
    expect(timetableRequests()).toEqual(['2026-W38']);
    expect(replay.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('serves the Tokyo week (Monday 00:00 JST = Sunday 15:00 UTC) from UTC weeks 37 and 38', async () => {
    const schema = await scheduleSchema();
    const result = data<Week>(await run(schema, WEEK, { week: '2026-W38', tz: 'Asia/Tokyo' })).scheduleTimetable;
    expect(result.startsAt).toEqual({ utc: '2026-09-13T15:00:00Z', local: '2026-09-14T00:00:00+09:00' });
    // Week 37's Seihantai ep 11 (Sunday 13th, 17:30 JST) falls in the JST week before; all five of week 38 stay.
    expect(result.entries.map((e) => [e.slug, e.episodeNumber])).toEqual([
      ['hokuto-no-ken-kenougun-zako-tachi-no-banka-part-2', 11],
      ['toumei-na-yoru-ni-kakeru-kimi-to-me-ni-mienai-koi-wo-shita', 11],
      ['bleach-sennen-kessen-hen-kashin-tan', 9],
      ['ganso-bandori-chan', 50],
      ['seihantai-na-kimi-to-boku-2nd-season', 12],
    ]);
    expect(timetableRequests().sort()).toEqual(['2026-W37', '2026-W38']);
  });

  it('resolves "current" with the clock in the zone, and a week without timetable (404) is empty', async () => {
    clock = new Date('2026-09-13T20:00:00Z'); // Sunday in UTC, already Monday of week 38 in Tokyo
    const schema = await scheduleSchema();
    const tokyo = data<Week>(await run(schema, WEEK, { week: 'current', tz: 'Asia/Tokyo' })).scheduleTimetable;
    expect([tokyo.year, tokyo.week]).toEqual([2026, 38]);
    const utc = data<Week>(await run(schema, WEEK, { tz: 'UTC' })).scheduleTimetable;
    expect([utc.year, utc.week, utc.entries.length]).toEqual([2026, 37, 2]);
    const empty = data<Week>(await run(schema, WEEK, { week: '45', year: 2030, tz: 'UTC' })).scheduleTimetable;
    expect(empty.entries).toEqual([]);
  });

  it('refuses weeks that are not ISO weeks, and bad zones, before calling AnimeSchedule', async () => {
    const schema = await scheduleSchema();
    for (const [variables, field] of [
      [{ week: '54', year: 2026 }, 'week'],
      [{ week: '53', year: 2025 }, 'week'],
      [{ week: 'someday' }, 'week'],
      [{ week: 'next', year: 2026 }, 'year'],
      [{ week: '2026-W38', year: 2025 }, 'year'],
      [{ week: '38', tz: 'Nowhere/Special' }, 'timezone'],
    ] as const) {
      const result = await run(schema, WEEK, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.data).toEqual({ scheduleTimetable: null });
    }
    expect(replay.requests).toHaveLength(0);
  });

  it('returns null plus SOURCE_RATE_LIMITED when AnimeSchedule keeps answering 429', async () => {
    const schema = await scheduleSchema();
    replay.fault({ path: '/v3/timetables/sub' }, { status: 429, retryAfterS: 3600 });
    const result = await run(schema, WEEK, { week: '38', year: 2026, tz: 'UTC' });
    expect(result.data).toEqual({ scheduleTimetable: null });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'SOURCE_RATE_LIMITED', source: 'animeschedule' });
  });

  it('links an entry to the catalog through GET /anime/{slug}; null when AnimeSchedule has no such page', async () => {
    const schema = await scheduleSchema();
    const result = data<{ scheduleTimetable: { entries: { slug: string; anime: unknown }[] } }>(
      await run(schema, `{ scheduleTimetable(week: "38", year: 2026, timezone: "UTC", airType: SUB) { entries { slug anime { malId } } } }`),
    );
    // No /anime/{slug} recording exists for these slugs: the replay server answers 404.
    expect(result.scheduleTimetable.entries.every((e) => e.anime === null)).toBe(true);
    expect(replay.requests.filter((r) => r.path.startsWith('/v3/anime/')).map((r) => r.path).sort()).toEqual(
      result.scheduleTimetable.entries.map((e) => `/v3/anime/${e.slug}`).sort(),
    );
  });
});

describe('ScheduleInfo.nextEpisode (no recording pairs an ongoing /anime payload with a timetable, so the service is driven by slug)', () => {
  function service() {
    const config = loadConfig({ ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`, ANIMESCHEDULE_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
    const kit = createUpstreamKit(config, { namespace: `animeschedule-test-${kits.length}`, policy: { maxAttempts: 1 } });
    kits.push(kit);
    return new ScheduleService(new AnimeScheduleApi(kit, config), () => clock);
  }

  it('finds the next episode in this UTC week, else in the next one', async () => {
    const schedule = service();
    const inThisWeek = await schedule.nextEpisode('seihantai-na-kimi-to-boku-2nd-season', 'SUB', 'Asia/Tokyo', Date.parse('2026-09-10T00:00:00Z'));
    expect(inThisWeek).toMatchObject({ episodeNumber: 11, airsAt: { local: '2026-09-13T17:30:00+09:00' } });
    expect(timetableRequests()).toEqual(['2026-W37']);
    // Episode 11 aired at 08:30 UTC on Sunday 13th: the rest of week 37 has nothing, week 38 has episode 12.
    const inNextWeek = await schedule.nextEpisode('seihantai-na-kimi-to-boku-2nd-season', 'SUB', 'UTC', Date.parse('2026-09-13T10:00:00Z'));
    expect(inNextWeek).toMatchObject({ episodeNumber: 12, airsAt: { utc: '2026-09-20T08:30:00Z' }, delay: { description: 'Delayed' } });
    expect(timetableRequests()).toEqual(['2026-W37', '2026-W38']);
  });

  it('is null when neither week lists the slug', async () => {
    expect(await service().nextEpisode('cowboy-bebop', 'SUB', 'UTC', Date.parse('2026-09-14T00:00:00Z'))).toBeNull();
  });
});
