// GraphQL shape of the anidb subgraph: the Anime entity by its AniDB key, extended with the
// namespaced `anidb` field, and the Anidb* types it returns.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Platform } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import {
  AnidbEpisodeKind,
  type AnidbAnimeRecord,
  type AnidbCreatorRecord,
  type AnidbEpisodeRecord,
  type AnidbRatingRecord,
  type AnidbRelationRecord,
  type AnidbResourceRecord,
  type AnidbTagRecord,
  type AnidbTitleRecord,
} from './mapper.js';

registerEnumType(AnidbEpisodeKind, {
  name: 'AnidbEpisodeKind',
  description: 'AniDB episode kinds: REGULAR (1, 2, …), SPECIAL (S1…), CREDIT (openings/endings, C1…), TRAILER (T1…), PARODY (P1…), OTHER (O1…).',
});

// Joined by the catalog id, with AniDB's id required from the catalog (not keyed by `anidbId`:
// docs/decisions.md, "AniDB, ANN and the scraped sites join by id").
@ObjectType()
@Directive('@key(fields: "id")')
export class Anime {
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { nullable: true })
  @Directive('@external')
  anidbId!: number | null;
}

@ObjectType({ description: 'A title as AniDB lists it, with its language and kind.' })
export class AnidbTitle implements AnidbTitleRecord {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'AniDB language code: x-jat (romaji), ja, en, zh-Hans, …' }) language!: string | null;
  @Field(() => String, { nullable: true, description: 'main, official, synonym or short; null for episode titles.' }) type!: string | null;
}

@ObjectType({ description: 'An AniDB rating (1–10) and how many votes it averages.' })
export class AnidbRating implements AnidbRatingRecord {
  @Field(() => Float, { description: '1–10, as AniDB shows it.' }) value!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
}

@ObjectType({ description: 'AniDB\'s three ratings of the anime.' })
export class AnidbRatings {
  @Field(() => AnidbRating, { nullable: true, description: 'Votes cast after the anime ended (AniDB\'s main rating).' }) permanent!: AnidbRating | null;
  @Field(() => AnidbRating, { nullable: true, description: 'Votes cast while it was airing.' }) temporary!: AnidbRating | null;
  @Field(() => AnidbRating, { nullable: true, description: 'The average of AniDB reviews.' }) review!: AnidbRating | null;
}

@ObjectType({ description: 'An AniDB tag with its weight.' })
export class AnidbTag implements AnidbTagRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) name!: string;
  @Field(() => Int, { nullable: true, description: '0–600 (AniDB\'s weight: 600 central to the anime, 0 not weighted).' }) weight!: number | null;
  @Field(() => Boolean, { description: 'Marked as a spoiler (locally or globally).' }) spoiler!: boolean;
  @Field(() => Boolean) verified!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'A person or company credited on the anime, with the role AniDB gives.' })
export class AnidbCreator implements AnidbCreatorRecord {
  @Field(() => Int, { nullable: true, description: 'AniDB creator id.' }) id!: number | null;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Direction, Music, Original Work, Animation Work (the studio), …' }) role!: string;
}

@ObjectType({ description: 'A page about the anime on another site, as AniDB links it.' })
export class AnidbResource implements AnidbResourceRecord {
  @Field(() => Int, { description: 'AniDB resource type number.' }) type!: number;
  @Field(() => String, { nullable: true, description: 'The site, when the type is known (MyAnimeList, Anime News Network, Wikipedia (English), …).' }) site!: string | null;
  @Field(() => Platform, { description: 'The crosswalk platform of the id; OTHER for sites without one.' }) platform!: Platform;
  @Field(() => [String], { description: 'The site\'s ids or page names for the anime.' }) identifiers!: string[];
  @Field(() => String, { nullable: true }) url!: string | null;
}

@ObjectType({ description: 'An anime AniDB relates to this one.' })
export class AnidbRelation implements AnidbRelationRecord {
  @Field(() => Int) anidbId!: number;
  @Field(() => String, { nullable: true, description: 'Sequel, Prequel, Side Story, Summary, …' }) relation!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
}

@ObjectType({ description: 'An episode as AniDB lists it.' })
export class AnidbEpisode implements AnidbEpisodeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String, { description: 'As AniDB numbers it: "1", "S1", "C1", "T1", …' }) number!: string;
  @Field(() => AnidbEpisodeKind) kind!: AnidbEpisodeKind;
  @Field(() => Int, { nullable: true, description: 'The number without its kind prefix.' }) index!: number | null;
  @Field(() => Int, { nullable: true }) lengthMinutes!: number | null;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) airDate!: string | null;
  @Field(() => AnidbRating, { nullable: true }) rating!: AnidbRating | null;
  @Field(() => String, { nullable: true, description: 'The English title, else the romaji one.' }) title!: string | null;
  @Field(() => [AnidbTitle]) titles!: AnidbTitle[];
}

@ObjectType({ description: 'The entry as AniDB (anidb.net) describes it.' })
export class AnidbAnime implements AnidbAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String, { description: 'AniDB\'s main title (usually romaji).' }) title!: string;
  @Field(() => [AnidbTitle], { description: 'Every title AniDB knows, in every language, with its type.' }) titles!: AnidbTitle[];
  @Field(() => String, { nullable: true }) titleEnglish!: string | null;
  @Field(() => String, { nullable: true }) titleJapanese!: string | null;
  @Field(() => String, { nullable: true }) titleRomaji!: string | null;
  @Field(() => String, { nullable: true, description: 'AniDB\'s own type (TV Series, Movie, OVA, Web, TV Special, …).' }) type!: string | null;
  @Field(() => AnimeFormat) format!: AnimeFormat;
  @Field(() => AnimeStatus, { description: 'From the start and end dates.' }) status!: AnimeStatus;
  @Field(() => Int, { nullable: true }) episodeCount!: number | null;
  @Field(() => String, { nullable: true, description: 'ISO date; YYYY-MM or YYYY when AniDB knows no more.' }) startDate!: string | null;
  @Field(() => String, { nullable: true }) endDate!: string | null;
  @Field(() => Boolean, { description: 'Adult (18+) content.' }) restricted!: boolean;
  @Field(() => String, { nullable: true }) officialSite!: string | null;
  @Field(() => String, { nullable: true, description: 'AniDB\'s description with its link markup.' }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'The description as plain text.' }) synopsis!: string | null;
  @Field(() => AnidbRatings) ratings!: AnidbRatings;
  @Field(() => Float, { nullable: true, description: 'The permanent rating (else the temporary one), 0–10.' }) score!: number | null;
  @Field(() => [AnidbTag]) tags!: AnidbTag[];
  @Field(() => [AnidbCreator]) creators!: AnidbCreator[];
  @Field(() => [String], { description: 'The studios (creators credited for Animation Work).' }) studios!: string[];
  @Field(() => [AnidbResource], { description: 'External pages and ids (MyAnimeList, Anime News Network, Wikipedia, …).' }) resources!: AnidbResource[];
  @Field(() => [AnidbRelation]) relations!: AnidbRelation[];
  @Field(() => String, { nullable: true }) picture!: string | null;
  @Field(() => [AnidbEpisode], { description: 'Regular episodes first, then specials, credits, trailers, parodies, others.' }) episodes!: AnidbEpisode[];
  @Field(() => DateTime, { nullable: true, description: 'When AniDB produced this record (cache entries keep the time of the original call).' })
  fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true, description: 'Whether this record came live, from the cache or stale.' })
  origin?: SourceOrigin | null;
}
