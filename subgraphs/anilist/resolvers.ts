// Resolvers: the `anilist` field of Anime (batched by id), and the `anilistSearch` entry point.
// Upstream failures become GraphQL errors on a nullable field: partial data, never a crash.
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Season, toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import type { AnilistApi } from './client.js';
import { toAnilistMedia } from './mapper.js';
import { mediaLoaderPerOperation, type MediaLoader } from './media-loader.js';
import { pageCursor, toSearchVariables, type AnilistSearchInput } from './search-variables.js';
import { Anime, AnilistMedia, AnilistMediaSort, AnilistSearchPage } from './types.js';
import type { AnilistMediaPayload } from './upstream.js';

@ArgsType()
export class AnilistSearchArgs implements AnilistSearchInput {
  @Field(() => String, { nullable: true, description: 'Title text, any language AniList knows.' })
  search?: string | null;
  @Field(() => [AnimeFormat], { nullable: true, description: 'Any of these formats (UNKNOWN cannot be filtered on).' })
  formatIn?: AnimeFormat[] | null;
  @Field(() => [AnimeStatus], { nullable: true, description: 'Any of these statuses (UNKNOWN cannot be filtered on).' })
  statusIn?: AnimeStatus[] | null;
  @Field(() => Int, { nullable: true, description: 'Lowest averageScore, 0–100, inclusive.' })
  scoreMin?: number | null;
  @Field(() => Int, { nullable: true, description: 'Highest averageScore, 0–100, inclusive.' })
  scoreMax?: number | null;
  @Field(() => Int, { nullable: true, description: 'Fewest users with it on a list, inclusive.' })
  popularityMin?: number | null;
  @Field(() => Int, { nullable: true })
  popularityMax?: number | null;
  @Field(() => [String], { nullable: true, description: 'All of these AniList genres.' })
  genreIn?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'None of these AniList genres.' })
  genreNotIn?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'All of these AniList tags.' })
  tagIn?: string[] | null;
  @Field(() => Season, { nullable: true })
  season?: Season | null;
  @Field(() => Int, { nullable: true })
  seasonYear?: number | null;
  @Field(() => Int, { nullable: true, description: 'Fewest episodes, inclusive.' })
  episodesMin?: number | null;
  @Field(() => Int, { nullable: true, description: 'Most episodes, inclusive.' })
  episodesMax?: number | null;
  @Field(() => [AnilistMediaSort], { nullable: true })
  sort?: AnilistMediaSort[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: adult entries only; default false (none).' })
  isAdult?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Page number, from 1 (default 1).' })
  page?: number | null;
  @Field(() => Int, { nullable: true, description: 'Page size, 1–50 (default 20).' })
  perPage?: number | null;
  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page (instead of page).' })
  after?: string | null;
}

@Resolver(() => Anime)
export class AnilistResolver {
  private readonly mediaLoaderOf: (context: unknown) => MediaLoader;

  constructor(
    private readonly api: AnilistApi,
    private readonly now: () => Date,
  ) {
    this.mediaLoaderOf = mediaLoaderPerOperation(api);
  }

  @FieldResolver(() => AnilistMedia, { nullable: true, description: 'What AniList says about this anime; null when it has no AniList id or AniList is unavailable (see errors).' })
  async anilist(@Root() anime: Anime, @Ctx() context: unknown): Promise<AnilistMedia | null> {
    if (anime.anilistId == null) return null;
    try {
      const answer = await this.mediaLoaderOf(context).load(anime.anilistId);
      return answer ? { ...toAnilistMedia(answer.data, this.now()), ...fetchedOf(answer) } : null;
    } catch (error) {
      throw toGraphQLError(error);
    }
  }

  @Query(() => AnilistSearchPage, { nullable: true, description: "Search AniList's anime with its own filters and sorts; each hit is an Anime entity plus AniList's data." })
  async anilistSearch(@Args() args: AnilistSearchArgs): Promise<AnilistSearchPage> {
    try {
      const variables = toSearchVariables(args);
      const page = await this.api.search(variables);
      const now = this.now();
      const results = (page.media ?? [])
        .filter((m): m is AnilistMediaPayload => m !== null)
        .map((m) => ({ anime: { anilistId: m.id }, media: toAnilistMedia(m, now) }));
      const currentPage = page.pageInfo?.currentPage ?? variables.page;
      const cursor = results.length ? pageCursor(currentPage) : null;
      return {
        results,
        pageInfo: { hasNextPage: Boolean(page.pageInfo?.hasNextPage), hasPreviousPage: currentPage > 1, startCursor: cursor, endCursor: cursor },
        currentPage,
        perPage: page.pageInfo?.perPage ?? variables.perPage,
        total: page.pageInfo?.total ?? null,
        lastPage: page.pageInfo?.lastPage ?? null,
      };
    } catch (error) {
      throw toGraphQLError(error);
    }
  }
}
