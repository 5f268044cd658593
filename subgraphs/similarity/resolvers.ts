// Similarity resolvers: `Anime.similar` on the entity (by id), `semanticSearch` and
// `searchByImage` as entry points. Arguments are checked by the service (typed errors).
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { SimilarityResult, SimilarityService } from '../../src/similarity/index.js';
import type { Preferences } from '../../src/users/model.js';
import { preferencesOf } from '../../src/users/preferences.js';
import { Anime, DEFAULT_RESULTS, MAX_RESULTS, SimilarAnime, SimilarityFilter } from './types.js';

const toGraphQL = (results: SimilarityResult[]): SimilarAnime[] => results.map((r) => ({ anime: { id: r.id }, score: r.score, reasons: r.reasons }));

/**
 * Runs a similarity list with a signed-in user's preferences (src/users/preferences.ts): adult
 * entries follow `nsfwAllowed` unless the filter says `includeAdult`, and avoided genres are left
 * out (asked for with room to spare, then cut to `first`). Anonymous requests run as they are.
 */
async function personal(
  context: unknown,
  catalog: Catalog | undefined,
  first: number,
  filter: SimilarityFilter | undefined,
  run: (first: number, filter: SimilarityFilter | undefined) => Promise<SimilarityResult[]>,
): Promise<SimilarityResult[]> {
  const preferences: Preferences | null = await (preferencesOf(context) ?? null);
  if (!preferences) return run(first, filter);
  const chosen: SimilarityFilter | undefined = filter?.includeAdult != null || !preferences.nsfwAllowed ? filter : ({ ...filter, includeAdult: true } as SimilarityFilter);
  const avoided = new Set(preferences.genresAvoided);
  if (!avoided.size || !catalog || !Number.isInteger(first) || first < 1 || first > MAX_RESULTS) return run(first, chosen);
  const results = await run(MAX_RESULTS, chosen);
  return results.filter((r) => !catalog.byId(r.id)?.tags.some((tag) => avoided.has(tag))).slice(0, first);
}

@Resolver(() => Anime)
export class SimilarAnimeResolver {
  constructor(
    private readonly service: SimilarityService,
    private readonly catalog?: Catalog,
  ) {}

  @FieldResolver(() => [SimilarAnime], {
    description: "Anime like this one, best first: shared tags, studio and era, similar synopsis and picture, fused by reciprocal rank. Itself is never listed, nor its own franchise (sequels, films, spin-offs) unless `filter.sameFranchise` is true.",
  })
  async similar(
    @Root() anime: Anime,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first: number,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
    @Ctx() context?: unknown,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await personal(context, this.catalog, first, filter, (n, f) => this.service.similar(anime.id, n, f)));
  }
}

@Resolver()
export class SimilarityQueryResolver {
  constructor(
    private readonly service: SimilarityService,
    private readonly catalog?: Catalog,
  ) {}

  @Query(() => [SimilarAnime], {
    description: 'Anime whose story fits a description in plain words ("a girl and a forest spirit in postwar countryside"): synopsis vectors and word matches over synopses, tags and titles, fused by reciprocal rank.',
  })
  async semanticSearch(
    @Arg('text', () => String, { description: 'The description, 1–2000 characters.' }) text: string,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first?: number,
    @Ctx() context?: unknown,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await personal(context, this.catalog, first ?? DEFAULT_RESULTS, filter, (n, f) => this.service.semanticSearch(text, n, f)));
  }

  @Query(() => [SimilarAnime], {
    description: 'Anime whose picture (poster, key visual) looks like the given image: finds the anime behind a poster or a close screenshot.',
  })
  async searchByImage(
    @Arg('image', () => String, { description: 'An http(s) URL of a JPEG, PNG, WebP or GIF, or a data:image/…;base64, URI.' }) image: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RESULTS, description: 'How many, 1–50.' }) first?: number,
    @Arg('filter', () => SimilarityFilter, { nullable: true }) filter?: SimilarityFilter,
    @Ctx() context?: unknown,
  ): Promise<SimilarAnime[]> {
    return toGraphQL(await personal(context, this.catalog, first ?? DEFAULT_RESULTS, filter, (n, f) => this.service.searchByImage(image, n, f)));
  }
}
