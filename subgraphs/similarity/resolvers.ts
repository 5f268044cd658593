// Similarity resolvers: `Anime.similar` on the entity (by id), `semanticSearch` and
// `searchByImage` as entry points. Arguments are checked by the service (typed errors).
import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SimilarityResult, SimilarityService } from '../../src/similarity/index.js';
import { Anime, DEFAULT_RESULTS, SimilarAnime, SimilarityFilter } from './types.js';

const toGraphQL = (results: SimilarityResult[]): SimilarAnime[] => results.map((r) => ({ anime: { id: r.id }, score: r.score, reasons: r.reasons }));

@Resolver(() => Anime)
export class SimilarAnimeResolver {
  constructor(private readonly service: SimilarityService) {}

  @FieldResolver(() => [SimilarAnime], {
    description: "Anime like this one, best first: shared tags, studio and era, similar synopsis and picture, fused by reciprocal rank. Itself is never listed, nor its own franchise (sequels, films, spin-offs) unless `filter.sameFranchise` is true.",
  })
  async similar(
    @Root() anime: Anime,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first: number,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await this.service.similar(anime.id, first, filter));
  }
}

@Resolver()
export class SimilarityQueryResolver {
  constructor(private readonly service: SimilarityService) {}

  @Query(() => [SimilarAnime], {
    description: 'Anime whose story fits a description in plain words ("a girl and a forest spirit in postwar countryside"): synopsis vectors and word matches over synopses, tags and titles, fused by reciprocal rank.',
  })
  async semanticSearch(
    @Arg('text', () => String, { description: 'The description, 1–2000 characters.' }) text: string,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first?: number,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await this.service.semanticSearch(text, first ?? DEFAULT_RESULTS, filter));
  }

  @Query(() => [SimilarAnime], {
    description: 'Anime whose picture (poster, key visual) looks like the given image: finds the anime behind a poster or a close screenshot.',
  })
  async searchByImage(
    @Arg('image', () => String, { description: 'An http(s) URL of a JPEG, PNG, WebP or GIF, or a data:image/…;base64, URI.' }) image: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first?: number,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await this.service.searchByImage(image, first ?? DEFAULT_RESULTS, filter));
  }
}
