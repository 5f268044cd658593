// `viewer.recommendations`: the signed-in user's personal recommendations (src/users/recommend),
// each with its score and the reasons in words. Resolved on the Viewer that `Query.viewer` made
// from the request's own key, so it can only ever be the caller's.
import { Arg, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Store } from '../../src/store/index.js';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS, Recommender, type SimilaritySource } from '../../src/users/recommend/index.js';
import { Anime, Viewer } from './types.js';

@ObjectType({ description: 'An anime recommended to the signed-in user, and why.' })
export class Recommendation {
  @Field(() => Float, { description: "0–1: how much of the evidence the user's list could give this anime got. Popular fill-ins (for short or empty lists) score below every personal one." })
  score!: number;
  @Field(() => [String], { description: 'Why, strongest first: e.g. "Recommended by MyAnimeList users who liked Cowboy Bebop (90 recommendations)", "Similar to Trigun (tags: action, comedy, sci-fi)", "Matches genres you like: space".' })
  reasons!: string[];
  @Field(() => Anime)
  anime!: Anime;
}

@Resolver(() => Viewer)
export class RecommendationsResolver {
  constructor(private readonly recommender: Recommender) {}

  @FieldResolver(() => [Recommendation], {
    description: `Anime for the signed-in user: neighbours (content and MyAnimeList users' recommendations) of what they rated 7+ or are watching, never anything on their list, no adult entries unless preferences allow them, no avoided genres, liked genres lifted. Best first; ties by id.`,
  })
  async recommendations(@Root() viewer: Viewer, @Arg('first', () => Int, { defaultValue: DEFAULT_RECOMMENDATIONS, description: `How many, 1–${MAX_RECOMMENDATIONS}.` }) first: number): Promise<Recommendation[]> {
    const found = await this.recommender.recommend(viewer, first);
    return found.map((r) => ({ score: r.score, reasons: r.reasons, anime: { id: r.animeId } }));
  }
}

/** The resolver and its instance, for buildUsersSchema's container. */
export function recommendationResolvers(services: { catalog: Catalog; store: () => Promise<Store>; similarity: () => SimilaritySource; cooccurrenceMinUsers?: number }): Array<[Function, object]> {
  return [[RecommendationsResolver, new RecommendationsResolver(new Recommender(services))]];
}
