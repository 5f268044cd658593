// Pages of MAL lists (top, seasons, schedule) and the small MAL catalogues (genres, recent
// recommendations). Entries are Anime references the gateway completes from the catalog.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Anime, MalImages } from './types.js';

@ObjectType({ description: 'Where a MAL page sits: MAL pages are numbered from 1.' })
export class MalPagination {
  @Field(() => Int, { description: 'The page returned (the one asked for, or 1).' }) currentPage!: number;
  @Field(() => Int, { nullable: true }) lastVisiblePage!: number | null;
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Int, { nullable: true, description: 'All entries of the list, when MAL says.' }) total!: number | null;
}

@ObjectType({ description: 'An anime in a MAL list, with its MAL rank and score.' })
export class MalListedAnime {
  @Field(() => Anime) anime!: Anime;
  @Field(() => Int) malId!: number;
  @Field(() => String) title!: string;
  @Field(() => Int, { nullable: true, description: 'Rank by score on MAL.' }) rank!: number | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Int, { nullable: true }) members!: number | null;
}

@ObjectType({ description: 'A page of a MAL anime list.' })
export class MalAnimePage {
  @Field(() => [MalListedAnime]) nodes!: MalListedAnime[];
  @Field(() => MalPagination) pagination!: MalPagination;
}

@ObjectType({ description: 'A MAL genre, theme or demographic with how many anime carry it.' })
export class MalGenre {
  @Field(() => Int) malId!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => Int, { nullable: true }) count!: number | null;
}

@ObjectType({ description: 'One anime of a user recommendation pair.' })
export class MalRecommendedAnime {
  @Field(() => Anime) anime!: Anime;
  @Field(() => String) title!: string;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
}

@ObjectType({ description: 'A user recommendation: "if you liked one, watch the other".' })
export class MalUserRecommendation {
  @Field(() => String, { description: 'MAL id of the pair, "<malId>-<malId>".' }) id!: string;
  @Field(() => [MalRecommendedAnime]) entries!: MalRecommendedAnime[];
  @Field(() => String, { nullable: true }) content!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601.' }) date!: string | null;
  @Field(() => String, { nullable: true }) username!: string | null;
}

@ObjectType()
export class MalUserRecommendationPage {
  @Field(() => [MalUserRecommendation]) nodes!: MalUserRecommendation[];
  @Field(() => MalPagination) pagination!: MalPagination;
}
