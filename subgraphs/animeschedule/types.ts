// GraphQL shapes of the animeschedule subgraph: the Anime entity by its MAL key with one namespaced
// `schedule` field, and Schedule* types (prefixed: every subgraph shares one namespace).
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Season } from '../../src/graphql/index.js';

export enum ScheduleAirType {
  RAW = 'RAW',
  SUB = 'SUB',
  DUB = 'DUB',
  ALL = 'ALL',
}
registerEnumType(ScheduleAirType, {
  name: 'ScheduleAirType',
  description: 'Which release: RAW is the Japanese broadcast, SUB the subtitled stream, DUB the English dub; ALL (arguments only) every kind.',
});

export enum ScheduleWeekday {
  SUNDAY = 'SUNDAY',
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
}
registerEnumType(ScheduleWeekday, { name: 'ScheduleWeekday' });

@ObjectType({ description: 'One instant, kept in UTC and JST and rendered in the requested time zone (ISO 8601 with offset).' })
export class ScheduleTime {
  @Field(() => String, { description: 'e.g. 2026-09-14T15:30:00Z' })
  utc!: string;
  @Field(() => String, { description: 'Japan time, e.g. 2026-09-15T00:30:00+09:00' })
  jst!: string;
  @Field(() => String, { description: 'In `timezone`.' })
  local!: string;
  @Field(() => String, { description: 'The IANA zone `local` is rendered in.' })
  timezone!: string;
  @Field(() => String, { description: 'The calendar date in `timezone` (YYYY-MM-DD).' })
  localDate!: string;
  @Field(() => ScheduleWeekday)
  localWeekday!: ScheduleWeekday;
  @Field(() => Float, { description: 'Unix time, seconds.' })
  unix!: number;
}

@ObjectType({ description: 'A weekly slot (weekday and HH:mm) in one time zone.' })
export class ScheduleSlot {
  @Field(() => String)
  timezone!: string;
  @Field(() => ScheduleWeekday, { nullable: true, description: 'Null when AnimeSchedule gives a time of day but no weekday.' })
  weekday!: ScheduleWeekday | null;
  @Field(() => String, { description: 'HH:mm, 24-hour.' })
  time!: string;
}

@ObjectType({ description: 'When a release airs each week, in JST, UTC and the requested zone (with the DST of the current week).' })
export class ScheduleBroadcast {
  @Field(() => ScheduleAirType)
  airType!: ScheduleAirType;
  @Field(() => ScheduleSlot)
  jst!: ScheduleSlot;
  @Field(() => ScheduleSlot)
  utc!: ScheduleSlot;
  @Field(() => ScheduleSlot)
  local!: ScheduleSlot;
}

@ObjectType({ description: 'A break in the schedule of one release.' })
export class ScheduleDelay {
  @Field(() => ScheduleAirType)
  airType!: ScheduleAirType;
  @Field(() => ScheduleTime, { nullable: true })
  delayedFrom!: ScheduleTime | null;
  @Field(() => ScheduleTime, { nullable: true, description: 'Null while no return date is announced.' })
  delayedUntil!: ScheduleTime | null;
  @Field(() => String, { nullable: true, description: 'AnimeSchedule\'s display text ("Delayed"), when it gives one.' })
  description!: string | null;
}

@ObjectType({ description: 'Where the anime (or episode) streams.' })
export class ScheduleStream {
  @Field(() => String, { description: 'AnimeSchedule platform key: crunchyroll, netflix, hulu, …' })
  platform!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  url!: string;
}

@ObjectType({ description: 'One anime in the catalog, by its MyAnimeList id (resolved by the catalog subgraph).' })
@Directive('@key(fields: "malId")')
export class Anime {
  @Field(() => Int, { nullable: true })
  malId!: number | null;
}

@ObjectType({ description: 'One episode slot of a weekly AnimeSchedule timetable.' })
export class ScheduleEntry {
  @Field(() => String, { description: 'AnimeSchedule slug (route).' })
  slug!: string;
  @Field(() => String)
  url!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { nullable: true })
  romajiTitle!: string | null;
  @Field(() => String, { nullable: true })
  englishTitle!: string | null;
  @Field(() => String, { nullable: true })
  nativeTitle!: string | null;
  @Field(() => ScheduleAirType)
  airType!: ScheduleAirType;
  @Field(() => Int, { description: 'The episode (the last one when several air together).' })
  episodeNumber!: number;
  @Field(() => Int, { description: 'The first episode when several air together, else episodeNumber.' })
  firstEpisodeNumber!: number;
  @Field(() => ScheduleTime)
  airsAt!: ScheduleTime;
  @Field(() => AnimeStatus)
  status!: AnimeStatus;
  @Field(() => String, { nullable: true, description: 'AnimeSchedule\'s own status word (Ongoing, Delayed, Finished, …).' })
  statusText!: string | null;
  @Field(() => String, { nullable: true, description: 'aired, unaired, delayed-air, … as AnimeSchedule says.' })
  airingStatus!: string | null;
  @Field(() => ScheduleDelay, { nullable: true })
  delay!: ScheduleDelay | null;
  @Field(() => AnimeFormat)
  format!: AnimeFormat;
  @Field(() => Int, { nullable: true, description: 'Total episodes, when known.' })
  episodes!: number | null;
  @Field(() => Int, { nullable: true })
  episodeLengthMinutes!: number | null;
  @Field(() => Boolean)
  donghua!: boolean;
  @Field(() => String, { nullable: true })
  imageUrl!: string | null;
  @Field(() => [ScheduleStream])
  streams!: ScheduleStream[];
}

@ObjectType({ description: 'The AnimeSchedule view of one anime: broadcast slots, premieres, delays, streams.' })
export class ScheduleInfo {
  @Field(() => String, { description: 'AnimeSchedule slug (route).' })
  slug!: string;
  @Field(() => String)
  animeScheduleId!: string;
  @Field(() => String)
  url!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { nullable: true })
  englishTitle!: string | null;
  @Field(() => String, { nullable: true })
  nativeTitle!: string | null;
  @Field(() => [String])
  synonyms!: string[];
  @Field(() => AnimeStatus)
  status!: AnimeStatus;
  @Field(() => String, { nullable: true })
  statusText!: string | null;
  @Field(() => AnimeFormat)
  format!: AnimeFormat;
  @Field(() => Int, { nullable: true })
  episodes!: number | null;
  @Field(() => Int, { nullable: true })
  episodeLengthMinutes!: number | null;
  @Field(() => Season, { nullable: true })
  season!: Season | null;
  @Field(() => Int, { nullable: true })
  seasonYear!: number | null;
  @Field(() => String, { description: 'The IANA zone local times are rendered in.' })
  timezone!: string;
  @Field(() => ScheduleTime, { nullable: true, description: 'First Japanese broadcast.' })
  premiere!: ScheduleTime | null;
  @Field(() => ScheduleTime, { nullable: true })
  subPremiere!: ScheduleTime | null;
  @Field(() => ScheduleTime, { nullable: true })
  dubPremiere!: ScheduleTime | null;
  @Field(() => [ScheduleBroadcast])
  broadcasts!: ScheduleBroadcast[];
  @Field(() => [ScheduleDelay])
  delays!: ScheduleDelay[];
  @Field(() => [ScheduleStream])
  streams!: ScheduleStream[];
  @Field(() => String, { nullable: true })
  imageUrl!: string | null;
  @Field(() => Int, { nullable: true, description: 'Linked ids as AnimeSchedule lists them.' })
  malId!: number | null;
  @Field(() => Int, { nullable: true })
  anilistId!: number | null;
  @Field(() => Int, { nullable: true })
  kitsuId!: number | null;
  @Field(() => Int, { nullable: true })
  anidbId!: number | null;
}

@ObjectType({ description: 'One ISO week of a timetable as lived in `timezone` (local Monday 00:00 to the next Monday 00:00).' })
export class ScheduleWeek {
  @Field(() => Int)
  year!: number;
  @Field(() => Int)
  week!: number;
  @Field(() => String)
  timezone!: string;
  @Field(() => ScheduleAirType)
  airType!: ScheduleAirType;
  @Field(() => ScheduleTime)
  startsAt!: ScheduleTime;
  @Field(() => ScheduleTime, { description: 'Exclusive.' })
  endsAt!: ScheduleTime;
  @Field(() => [ScheduleEntry], { description: 'In airing order.' })
  entries!: ScheduleEntry[];
}

@ObjectType({ description: 'One local day of a timetable in `timezone`.' })
export class ScheduleDay {
  @Field(() => String, { description: 'YYYY-MM-DD in `timezone`.' })
  date!: string;
  @Field(() => ScheduleWeekday)
  weekday!: ScheduleWeekday;
  @Field(() => String)
  timezone!: string;
  @Field(() => ScheduleAirType)
  airType!: ScheduleAirType;
  @Field(() => ScheduleTime)
  startsAt!: ScheduleTime;
  @Field(() => ScheduleTime, { description: 'Exclusive.' })
  endsAt!: ScheduleTime;
  @Field(() => [ScheduleEntry], { description: 'In airing order.' })
  entries!: ScheduleEntry[];
}
