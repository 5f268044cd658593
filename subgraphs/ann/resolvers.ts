// ANN resolvers: the namespaced `Anime.ann` field (batched through a per-operation loader) and the
// `annNews` feed. Upstream failures become a null field plus a typed error (partial data, never a crash).
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import { canonicalKey } from '../../src/crosswalk/index.js';
import { Platform } from '../../src/domain/index.js';
import { badInput, notFound } from '../../src/errors/index.js';
import { toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import { annLoaderPerOperation, type AnnAnswer, type AnnLoader } from './anime-loader.js';
import type { AnnApi } from './client.js';
import { toAnnAnime, type AnnAnimeRecord } from './mapper.js';
import { titleKeysOf, toNewsItems } from './news.js';
import { Anime, AnnAnime, AnnNewsItem } from './types.js';

export const MAX_NEWS_ITEMS = 100;

/** An entity reference as the gateway hands it over (either key). */
export interface AnnAnimeRef {
  id?: string | null;
  annId?: number | null;
}

/** The catalog's ANN id of an entry, the one the catalog subgraph exposes as `annId` (the lowest). */
function annIdOf(catalog: Catalog, id: string): number | null {
  const record = catalog.byId(id);
  // Some entries list two ANN pages; the catalog subgraph exposes the lowest (platformIdOf there).
  const ids = (record?.platformIds ?? []).filter((p) => p.platform === Platform.ANN && /^\d+$/.test(p.id)).map((p) => Number(p.id));
  return ids.length ? Math.min(...ids) : null;
}

/** Completes a reference by either key from the catalog, so both key fields resolve here. */
export function resolveAnnReference(catalog: Catalog, ref: AnnAnimeRef): Anime {
  if (ref.annId !== null && ref.annId !== undefined) {
    const id = ref.id ?? catalog.byPlatform(Platform.ANN, ref.annId)?.id ?? canonicalKey(Platform.ANN, ref.annId);
    return { id, annId: ref.annId };
  }
  const id = ref.id ?? '';
  return { id, annId: id ? annIdOf(catalog, id) : null };
}

@Resolver(() => Anime)
export class AnnResolver {
  private readonly loaderOf: (context: unknown) => AnnLoader;
  /** The `ann` loads of each operation, so `annCached` in the same operation can share them. */
  private readonly loads = new WeakMap<object, Map<number, Promise<AnnAnswer | null>>>();

  constructor(
    private readonly api: AnnApi,
    private readonly catalog: Catalog,
  ) {
    this.loaderOf = annLoaderPerOperation(api);
  }

  @Directive('@requires(fields: "annId")')
  @FieldResolver(() => AnnAnime, {
    nullable: true,
    description: 'The entry as Anime News Network\'s encyclopedia describes it; null when ANN has no such id or is unavailable.',
  })
  async ann(@Root() anime: Anime, @Ctx() context: unknown): Promise<AnnAnimeRecord | null> {
    if (anime.annId === null || anime.annId === undefined) return null;
    const load = this.loaderOf(context).load(anime.annId);
    if (typeof context === 'object' && context !== null) {
      let loads = this.loads.get(context);
      if (!loads) this.loads.set(context, (loads = new Map()));
      loads.set(anime.annId, load);
    }
    try {
      const answer = await load;
      return answer ? { ...toAnnAnime(answer.data), ...fetchedOf(answer) } : null;
    } catch (error) {
      throw toGraphQLError(error);
    }
  }

  @Directive('@requires(fields: "annId")')
  @FieldResolver(() => AnnAnime, {
    nullable: true,
    description:
      'ANN\'s record only when this operation\'s `ann` or an earlier lone call for this id brought it (cached for CACHE_TTL_DETAILS_S); never calls ANN and never fails. The merged fields read this one, so a merge adds no upstream call.',
  })
  async annCached(@Root() anime: Anime, @Ctx() context: unknown): Promise<AnnAnimeRecord | null> {
    if (anime.annId === null || anime.annId === undefined) return null;
    const inOperation = typeof context === 'object' && context !== null ? this.loads.get(context)?.get(anime.annId) : undefined;
    try {
      const answer = (inOperation ? await inOperation.catch(() => null) : null) ?? (await this.api.cachedAnime(anime.annId));
      return answer ? { ...toAnnAnime(answer.data), ...fetchedOf(answer) } : null;
    } catch {
      // A cache that cannot be read is no answer: the merges go on without ANN.
      return null;
    }
  }

  @Query(() => [AnnNewsItem], {
    nullable: true,
    description: 'Anime News Network\'s latest news (its RSS feed), newest first, each item linked to the catalog anime it names; `animeId` keeps the items naming that anime.',
  })
  async annNews(
    @Arg('first', () => Int, { nullable: true, description: `Items to return, 1–${MAX_NEWS_ITEMS} (default 20).` }) first?: number | null,
    @Arg('animeId', () => ID, { nullable: true, description: 'A catalog id (or alias such as `mal:1`).' }) animeId?: string | null,
  ): Promise<AnnNewsItem[]> {
    try {
      const size = first ?? 20;
      if (!Number.isInteger(size) || size < 1 || size > MAX_NEWS_ITEMS) {
        throw badInput(`first must be between 1 and ${MAX_NEWS_ITEMS}`, { field: 'first', source: 'ann' });
      }
      const wanted = animeId ? this.catalog.byId(animeId) : undefined;
      if (animeId && !wanted) throw notFound(`No anime with id ${animeId}`, { field: 'animeId' });
      const answer = await this.api.news();
      const items = toNewsItems(answer.data, titleKeysOf(this.catalog.records));
      return items
        .filter((item) => !wanted || item.links.some((link) => link.record === wanted))
        .slice(0, size)
        .map((item) => ({
          title: item.title,
          url: item.url,
          guid: item.guid,
          description: item.description,
          publishedAt: item.publishedAt,
          categories: item.categories,
          anime: item.links.map((link) => resolveAnnReference(this.catalog, { id: link.record.id })),
          matchedNames: item.links.map((link) => link.name),
        }));
    } catch (error) {
      throw toGraphQLError(error);
    }
  }
}
