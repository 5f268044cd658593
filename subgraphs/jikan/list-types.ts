// Pages of MAL lists (top, seasons, schedule) and the small MAL catalogues (genres, recent
// recommendations), and the paged lists of one anime (episodes, reviews). Entries are Anime
// references the gateway completes from the catalog.
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

@ObjectType({ description: 'One episode as MAL lists it.' })
export class MalEpisode {
  @Field(() => Int, { description: 'Episode number (MAL numbers the episodes of an entry from 1).' }) number!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleJapanese!: string | null;
  @Field(() => String, { nullable: true, description: 'The Japanese title in Latin letters.' }) titleRomaji!: string | null;
  @Field(() => String, { nullable: true, description: 'First air date, ISO 8601.' }) aired!: string | null;
  @Field(() => Float, { nullable: true, description: "MAL users' average episode score, 1–5." }) score!: number | null;
  @Field(() => Boolean, { nullable: true }) filler!: boolean | null;
  @Field(() => Boolean, { nullable: true }) recap!: boolean | null;
  @Field(() => String, { nullable: true, description: 'The episode page on MAL.' }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'The discussion thread on MAL.' }) forumUrl!: string | null;
}

@ObjectType({ description: 'A page of the episode list, 100 a page.' })
export class MalEpisodePage {
  @Field(() => [MalEpisode]) nodes!: MalEpisode[];
  @Field(() => MalPagination) pagination!: MalPagination;
}

@ObjectType({ description: 'Per-aspect scores, 1–10, of reviews written before MAL dropped them in 2022.' })
export class MalReviewScores {
  @Field(() => Int, { nullable: true }) story!: number | null;
  @Field(() => Int, { nullable: true }) animation!: number | null;
  @Field(() => Int, { nullable: true }) sound!: number | null;
  @Field(() => Int, { nullable: true }) character!: number | null;
  @Field(() => Int, { nullable: true }) enjoyment!: number | null;
}

@ObjectType({ description: 'A user review on MAL.' })
export class MalReview {
  @Field(() => Int) malId!: number;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601.' }) date!: string | null;
  @Field(() => String, { nullable: true, description: 'The review text as MAL gives it (plain text).' }) text!: string | null;
  @Field(() => Int, { nullable: true, description: "The reviewer's overall score, 1–10." }) score!: number | null;
  @Field(() => MalReviewScores, { nullable: true, description: 'Per-aspect scores; null for reviews in the current MAL format.' }) scores!: MalReviewScores | null;
  @Field(() => Int, { nullable: true, description: 'Users who found it helpful (older reviews) or reacted to it (current MAL).' }) votes!: number | null;
  @Field(() => [String], { description: 'MAL tags such as "Recommended" or "Mixed Feelings"; empty for older reviews.' }) tags!: string[];
  @Field(() => Boolean, { nullable: true }) spoiler!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Written while the anime was still airing.' }) preliminary!: boolean | null;
  @Field(() => Int, { nullable: true }) episodesWatched!: number | null;
  @Field(() => String, { nullable: true }) username!: string | null;
}

@ObjectType({ description: 'A page of reviews, 20 a page.' })
export class MalReviewPage {
  @Field(() => [MalReview]) nodes!: MalReview[];
  @Field(() => MalPagination) pagination!: MalPagination;
}
