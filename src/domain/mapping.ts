// Pure mappings from source vocabularies to the universal enums.
import { AnimeFormat, AnimeStatus, Season } from './anime.js';

const FORMAT_WORDS: Record<string, AnimeFormat> = {
  tv: AnimeFormat.TV,
  tv_short: AnimeFormat.TV_SHORT,
  movie: AnimeFormat.MOVIE,
  film: AnimeFormat.MOVIE,
  special: AnimeFormat.SPECIAL,
  tv_special: AnimeFormat.SPECIAL,
  ova: AnimeFormat.OVA,
  oad: AnimeFormat.OVA,
  ona: AnimeFormat.ONA,
  web: AnimeFormat.ONA,
  music: AnimeFormat.MUSIC,
  pv: AnimeFormat.SPECIAL,
  cm: AnimeFormat.SPECIAL,
};

export function toUniversalFormat(value: string | null | undefined): AnimeFormat {
  if (!value) return AnimeFormat.UNKNOWN;
  return FORMAT_WORDS[value.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? AnimeFormat.UNKNOWN;
}

const STATUS_WORDS: Record<string, AnimeStatus> = {
  finished: AnimeStatus.COMPLETED,
  finished_airing: AnimeStatus.COMPLETED,
  completed: AnimeStatus.COMPLETED,
  ongoing: AnimeStatus.AIRING,
  releasing: AnimeStatus.AIRING,
  currently_airing: AnimeStatus.AIRING,
  airing: AnimeStatus.AIRING,
  current: AnimeStatus.AIRING,
  upcoming: AnimeStatus.UPCOMING,
  not_yet_released: AnimeStatus.UPCOMING,
  not_yet_aired: AnimeStatus.UPCOMING,
  unreleased: AnimeStatus.UPCOMING,
  tba: AnimeStatus.UPCOMING,
  cancelled: AnimeStatus.CANCELLED,
  hiatus: AnimeStatus.HIATUS,
  // AnimeSchedule: a running show on a break (delayedFrom/delayedUntil say how long).
  delayed: AnimeStatus.HIATUS,
};

export function toUniversalStatus(value: string | null | undefined): AnimeStatus {
  if (!value) return AnimeStatus.UNKNOWN;
  return STATUS_WORDS[value.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? AnimeStatus.UNKNOWN;
}

export function toUniversalSeason(value: string | null | undefined): Season | null {
  switch (value?.trim().toUpperCase()) {
    case 'WINTER':
      return Season.WINTER;
    case 'SPRING':
      return Season.SPRING;
    case 'SUMMER':
      return Season.SUMMER;
    case 'FALL':
    case 'AUTUMN':
      return Season.FALL;
    default:
      return null;
  }
}

/** The anime season a broadcast month (1–12) belongs to: Jan–Mar winter, Apr–Jun spring, … */
export function seasonOfMonth(month: number): Season {
  if (month <= 3) return Season.WINTER;
  if (month <= 6) return Season.SPRING;
  if (month <= 9) return Season.SUMMER;
  return Season.FALL;
}
