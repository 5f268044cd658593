// MalAnime: one MyAnimeList entry as Jikan returns it, with the universal enums beside the raw
// MAL words. Characters, staff, recommendations and statistics are separate calls (resolvers.ts).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Season } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import {
  MalBroadcast,
  MalDateRange,
  MalEntity,
  MalImages,
  MalLink,
  MalRelation,
  MalThemeSongs,
  MalTitle,
  MalTrailer,
} from './types.js';

@ObjectType({ description: 'What MyAnimeList says about an anime (via Jikan v4).' })
export class MalAnime {
  @Field(() => Int) malId!: number;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
  @Field(() => MalTrailer, { nullable: true }) trailer!: MalTrailer | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether MAL moderators approved the entry.' }) approved!: boolean | null;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEnglish!: string | null;
  @Field(() => String, { nullable: true }) titleJapanese!: string | null;
  @Field(() => [String]) titleSynonyms!: string[];
  @Field(() => [MalTitle], { description: 'Every title with its kind (Default, Synonym, Japanese, English, …).' }) titles!: MalTitle[];
  @Field(() => String, { nullable: true, description: 'The MAL type as written (TV, Movie, OVA, …).' }) type!: string | null;
  @Field(() => AnimeFormat) format!: AnimeFormat;
  @Field(() => String, { nullable: true, description: 'Source material (Original, Manga, Light novel, …).' }) source!: string | null;
  @Field(() => Int, { nullable: true }) episodes!: number | null;
  @Field(() => String, { nullable: true, description: 'The MAL status as written (Finished Airing, …).' }) statusText!: string | null;
  @Field(() => AnimeStatus) status!: AnimeStatus;
  @Field(() => Boolean, { nullable: true }) airing!: boolean | null;
  @Field(() => MalDateRange, { nullable: true }) aired!: MalDateRange | null;
  @Field(() => String, { nullable: true, description: 'As MAL writes it, e.g. "24 min per ep".' }) duration!: string | null;
  @Field(() => Int, { nullable: true, description: 'Length of one episode in seconds, parsed from `duration`.' }) durationSeconds!: number | null;
  @Field(() => String, { nullable: true, description: 'Age rating, e.g. "R - 17+ (violence & profanity)".' }) rating!: string | null;
  @Field(() => Float, { nullable: true, description: 'MAL score, 1–10.' }) score!: number | null;
  @Field(() => Int, { nullable: true }) scoredBy!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank by score; null when MAL does not rank the entry.' }) rank!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank by members.' }) popularity!: number | null;
  @Field(() => Int, { nullable: true }) members!: number | null;
  @Field(() => Int, { nullable: true }) favorites!: number | null;
  @Field(() => String, { nullable: true }) synopsis!: string | null;
  @Field(() => String, { nullable: true }) background!: string | null;
  @Field(() => Season, { nullable: true }) season!: Season | null;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => MalBroadcast, { nullable: true }) broadcast!: MalBroadcast | null;
  @Field(() => [MalEntity]) producers!: MalEntity[];
  @Field(() => [MalEntity]) licensors!: MalEntity[];
  @Field(() => [MalEntity]) studios!: MalEntity[];
  @Field(() => [MalEntity]) genres!: MalEntity[];
  @Field(() => [MalEntity]) explicitGenres!: MalEntity[];
  @Field(() => [MalEntity]) themes!: MalEntity[];
  @Field(() => [MalEntity]) demographics!: MalEntity[];

  @Field(() => DateTime, { nullable: true, description: 'When Jikan produced this record (cache entries keep the time of the original call); null for list items.' })
  fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true, description: 'Whether this record came live, from the cache or stale; null for list items.' })
  origin?: SourceOrigin | null;

  // Resolved by MalAnimeResolver: list endpoints do not carry them, so they may need /full.
  relations?: MalRelation[];
  themeSongs?: MalThemeSongs;
  external?: MalLink[];
  streaming?: MalLink[];
  /** True when built from /anime/{id}/full (the four fields above are present). */
  complete!: boolean;
}
