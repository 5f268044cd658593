// GraphQL shape of the kitsu subgraph: the Anime entity by its Kitsu key, extended with the
// namespaced `kitsu` field, and the Kitsu* types it returns.
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Platform, Season } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import type { KitsuAnimeRecord } from './mapper.js';

export enum KitsuAgeRating {
  G = 'G',
  PG = 'PG',
  R = 'R',
  R18 = 'R18',
}
registerEnumType(KitsuAgeRating, { name: 'KitsuAgeRating', description: 'Kitsu age rating: G all ages, PG children, R 17+, R18 adults only.' });

@ObjectType()
@Directive('@key(fields: "kitsuId")')
export class Anime {
  @Field(() => Int, { nullable: true })
  kitsuId!: number | null;
}

@ObjectType({ description: 'A title of the entry in one locale, as Kitsu keys it (en, en_jp romaji, ja_jp, en_us…).' })
export class KitsuTitle {
  @Field(() => String)
  locale!: string;
  @Field(() => String)
  title!: string;
}

@ObjectType({ description: 'How many Kitsu users gave one rating.' })
export class KitsuRatingFrequency {
  @Field(() => Int, { description: 'Rating in twentieths (2–20): 20 is 10/10, 2 is 1/10.' })
  rating!: number;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'One image in the sizes Kitsu serves (cover images have no medium).' })
export class KitsuImage {
  @Field(() => String, { nullable: true }) tiny!: string | null;
  @Field(() => String, { nullable: true }) small!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) large!: string | null;
  @Field(() => String, { nullable: true }) original!: string | null;
}

@ObjectType()
export class KitsuGenre {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) slug!: string | null;
}

@ObjectType({ description: 'A Kitsu category (its tag system: genres, themes, settings…).' })
export class KitsuCategory {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) slug!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'A legal streaming offer listed by Kitsu.' })
export class KitsuStreamingLink {
  @Field(() => String, { nullable: true, description: 'The service (Crunchyroll, Hulu, Netflix…).' })
  streamer!: string | null;
  @Field(() => String)
  url!: string;
  @Field(() => [String], { description: 'Subtitle languages as Kitsu lists them (e.g. "en").' })
  subs!: string[];
  @Field(() => [String], { description: 'Dub languages as Kitsu lists them (e.g. "ja").' })
  dubs!: string[];
  @Field(() => [String], { description: 'Regions of the offer when Kitsu sends them; empty when it says nothing.' })
  regions!: string[];
}

@ObjectType({ description: 'An id of this entry on another site, as Kitsu maps it.' })
export class KitsuMapping {
  @Field(() => String, { description: 'Kitsu\'s site key: "myanimelist/anime", "anidb", "anilist/anime", "thetvdb/series"…' })
  externalSite!: string;
  @Field(() => String)
  externalId!: string;
  @Field(() => Platform, { description: 'The platform of the site; OTHER for sites the crosswalk does not know.' })
  platform!: Platform;
  @Field(() => String, { nullable: true })
  url!: string | null;
}

@ObjectType({ description: 'The entry as Kitsu (kitsu.app) describes it.' })
export class KitsuAnime implements KitsuAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String, { nullable: true }) slug!: string | null;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) canonicalTitle!: string | null;
  @Field(() => [KitsuTitle]) titles!: KitsuTitle[];
  @Field(() => String, { nullable: true }) titleEnglish!: string | null;
  @Field(() => String, { nullable: true, description: 'The en_jp title.' }) titleRomaji!: string | null;
  @Field(() => String, { nullable: true }) titleJapanese!: string | null;
  @Field(() => [String]) abbreviatedTitles!: string[];
  @Field(() => String, { nullable: true }) synopsis!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Float, { nullable: true, description: 'Kitsu\'s average rating, 0–100 (null until enough users rated).' })
  averageRating!: number | null;
  @Field(() => Float, { nullable: true, description: 'averageRating normalized to 0–10.' })
  score!: number | null;
  @Field(() => Int, { nullable: true }) ratingRank!: number | null;
  @Field(() => Int, { nullable: true }) popularityRank!: number | null;
  @Field(() => Int, { nullable: true }) userCount!: number | null;
  @Field(() => Int, { nullable: true }) favoritesCount!: number | null;
  @Field(() => [KitsuRatingFrequency]) ratingFrequencies!: KitsuRatingFrequency[];
  @Field(() => String, { nullable: true, description: 'G, PG, R or R18.' }) ageRating!: string | null;
  @Field(() => String, { nullable: true }) ageRatingGuide!: string | null;
  @Field(() => String, { nullable: true, description: 'Kitsu\'s own subtype (TV, movie, OVA, ONA, special, music).' })
  subtype!: string | null;
  @Field(() => AnimeFormat) format!: AnimeFormat;
  @Field(() => String, { nullable: true, description: 'Kitsu\'s own status (current, finished, tba, unreleased, upcoming).' })
  kitsuStatus!: string | null;
  @Field(() => AnimeStatus) status!: AnimeStatus;
  @Field(() => Int, { nullable: true }) episodeCount!: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes per episode.' }) episodeLength!: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes in all.' }) totalLength!: number | null;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) startDate!: string | null;
  @Field(() => String, { nullable: true }) endDate!: string | null;
  @Field(() => Season, { nullable: true, description: 'Season of startDate.' }) season!: Season | null;
  @Field(() => Int, { nullable: true, description: 'Year of startDate.' }) year!: number | null;
  @Field(() => String, { nullable: true, description: 'Kitsu\'s "to be announced" note for unscheduled entries.' }) tba!: string | null;
  @Field(() => KitsuImage, { nullable: true }) posterImage!: KitsuImage | null;
  @Field(() => KitsuImage, { nullable: true }) coverImage!: KitsuImage | null;
  @Field(() => Boolean, { nullable: true }) nsfw!: boolean | null;
  @Field(() => String, { nullable: true }) youtubeVideoId!: string | null;
  @Field(() => [KitsuGenre]) genres!: KitsuGenre[];
  @Field(() => [KitsuCategory]) categories!: KitsuCategory[];
  @Field(() => [KitsuStreamingLink]) streamingLinks!: KitsuStreamingLink[];
  @Field(() => [KitsuMapping]) mappings!: KitsuMapping[];
  @Field(() => DateTime, { nullable: true, description: 'When Kitsu produced this record (cache entries keep the time of the original call); null for search hits.' })
  fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true, description: 'Whether this record came live, from the cache or stale; null for search hits.' })
  origin?: SourceOrigin | null;
}

@ObjectType({ description: 'One search hit: the entity reference (completed by the catalog) and Kitsu\'s own record.' })
export class KitsuSearchHit {
  @Field(() => Anime) anime!: Anime;
  @Field(() => KitsuAnime) kitsu!: KitsuAnime;
}

@ObjectType({ description: 'One page of a Kitsu search (offset pagination, as Kitsu pages).' })
export class KitsuSearchPage {
  @Field(() => [KitsuSearchHit]) items!: KitsuSearchHit[];
  @Field(() => Int, { nullable: true, description: 'All matches (Kitsu meta.count).' }) total!: number | null;
  @Field(() => Int) page!: number;
  @Field(() => Int) perPage!: number;
  @Field(() => Boolean) hasNextPage!: boolean;
}
