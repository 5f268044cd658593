// Resolvers of the animeschedule subgraph: the `schedule` field of Anime (by MAL id), the timetable
// queries, and the lazy fields that cost an upstream call only when selected.
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { preferencesOf } from '../../src/users/preferences.js';
import type { ScheduleEntryData } from './mapper.js';
import { parseTimeZone } from './time.js';
import type { ScheduleInfoRoot, ScheduleService } from './service.js';
import { Anime, ScheduleAirType, ScheduleDay, ScheduleEntry, ScheduleInfo, ScheduleWeek } from './types.js';

export interface AnimeReference {
  malId: number | null;
}

const TIMEZONE_HELP = 'IANA time zone for local times, e.g. "Asia/Tokyo", "Europe/Berlin"; default: the signed-in user\'s preferred zone, else UTC.';

/** `timezone` when given, else the signed-in user's preferred zone (checked when saved), else UTC. */
async function zoneOf(timezone: string | null | undefined, context: unknown): Promise<string> {
  if (timezone != null) return parseTimeZone(timezone);
  return parseTimeZone((await preferencesOf(context))?.timeZone ?? null);
}
const airTypeOf = (value: ScheduleAirType | null | undefined, fallback: ScheduleAirType) => value ?? fallback;

@Resolver(() => Anime)
export class AnimeScheduleResolver {
  constructor(private readonly service: ScheduleService) {}

  @FieldResolver(() => ScheduleInfo, {
    nullable: true,
    description: 'Broadcast times, delays, streams and next episode from AnimeSchedule; null when it does not list this anime.',
  })
  async schedule(
    @Root() anime: AnimeReference,
    @Arg('timezone', () => String, { nullable: true, description: TIMEZONE_HELP }) timezone?: string,
    @Ctx() context?: unknown,
  ): Promise<ScheduleInfoRoot | null> {
    const zone = await zoneOf(timezone, context);
    if (anime.malId == null) return null;
    return this.service.scheduleByMalId(anime.malId, zone);
  }

  @Query(() => ScheduleInfo, { nullable: true, description: 'One anime by its AnimeSchedule slug (route); null when unknown.' })
  async scheduleAnime(
    @Arg('slug', () => String) slug: string,
    @Arg('timezone', () => String, { nullable: true, description: TIMEZONE_HELP }) timezone?: string,
    @Ctx() context?: unknown,
  ): Promise<ScheduleInfoRoot | null> {
    return this.service.scheduleBySlug(slug, await zoneOf(timezone, context));
  }

  @Query(() => ScheduleWeek, { nullable: true, description: 'A week of AnimeSchedule\'s timetable, cut to the local week of `timezone`; null (with an error) when AnimeSchedule fails.' })
  async scheduleTimetable(
    @Arg('week', () => String, { nullable: true, description: 'ISO week number ("38"), "2026-W38", "current" (default), "next" or "previous".' })
    week?: string,
    @Arg('year', () => Int, { nullable: true, description: 'ISO week-year of a week number; default: this one in `timezone`.' }) year?: number,
    @Arg('timezone', () => String, { nullable: true, description: TIMEZONE_HELP }) timezone?: string,
    @Arg('airType', () => ScheduleAirType, { nullable: true, description: 'Default ALL.' }) airType?: ScheduleAirType,
    @Ctx() context?: unknown,
  ) {
    return this.service.week(week, year, await zoneOf(timezone, context), airTypeOf(airType, ScheduleAirType.ALL));
  }

  @Query(() => ScheduleDay, { nullable: true, description: 'Episodes airing today, "today" being the current date in `timezone`; null (with an error) when AnimeSchedule fails.' })
  async scheduleToday(
    @Arg('timezone', () => String, { nullable: true, description: TIMEZONE_HELP }) timezone?: string,
    @Arg('airType', () => ScheduleAirType, { nullable: true, description: 'Default ALL.' }) airType?: ScheduleAirType,
    @Ctx() context?: unknown,
  ) {
    return this.service.today(await zoneOf(timezone, context), airTypeOf(airType, ScheduleAirType.ALL));
  }
}

@Resolver(() => ScheduleInfo)
export class ScheduleInfoResolver {
  constructor(private readonly service: ScheduleService) {}

  @FieldResolver(() => Anime, { nullable: true, description: 'The catalog entry, by the MAL id AnimeSchedule links.' })
  anime(@Root() info: ScheduleInfoRoot): AnimeReference | null {
    return info.malId === null ? null : { malId: info.malId };
  }

  @FieldResolver(() => ScheduleEntry, {
    nullable: true,
    description: 'The next episode in this or next week\'s timetable (one timetable call per week, shared by every anime); null when finished.',
  })
  async nextEpisode(
    @Root() info: ScheduleInfoRoot,
    @Arg('airType', () => ScheduleAirType, { nullable: true, description: 'Default RAW (the Japanese broadcast).' }) airType?: ScheduleAirType,
  ): Promise<ScheduleEntryData | null> {
    if (info.statusText?.toLowerCase() === 'finished') return null;
    return this.service.nextEpisode(info.slug, airTypeOf(airType, ScheduleAirType.RAW), info.timezone, info.nowMs);
  }
}

@Resolver(() => ScheduleEntry)
export class ScheduleEntryResolver {
  constructor(private readonly service: ScheduleService) {}

  @FieldResolver(() => Anime, {
    nullable: true,
    description: 'The catalog entry, by the MAL id AnimeSchedule links to this slug (one cached anime call per slug).',
  })
  async anime(@Root() entry: ScheduleEntryData): Promise<AnimeReference | null> {
    const malId = await this.service.malIdOfSlug(entry.slug);
    return malId === null ? null : { malId };
  }
}
