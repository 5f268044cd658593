// Kitsu resolvers: the namespaced `Anime.kitsu` field and the `kitsuSearch` entry point. Upstream
// failures become a null field plus a typed error (partial data, never a crash).
import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AppError, badInput, ErrorCode } from '../../src/errors/index.js';
import { AnimeFormat, AnimeStatus, Season, toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import { KITSU_MAX_PAGE_SIZE, type KitsuApi, type KitsuSeason, type KitsuStatus, type KitsuSubtype } from './client.js';
import { indexIncluded, toKitsuAnime, type KitsuAnimeRecord } from './mapper.js';
import { Anime, KitsuAgeRating, KitsuAnime, KitsuSearchPage } from './types.js';

/** An entity reference; search hits carry the record they were built from, so `kitsu` costs no call. */
export interface KitsuAnimeRef {
  kitsuId?: number | null;
  kitsuRecord?: KitsuAnimeRecord;
}

const SUBTYPES: Partial<Record<AnimeFormat, KitsuSubtype>> = {
  [AnimeFormat.TV]: 'TV',
  [AnimeFormat.MOVIE]: 'movie',
  [AnimeFormat.OVA]: 'OVA',
  [AnimeFormat.ONA]: 'ONA',
  [AnimeFormat.SPECIAL]: 'special',
  [AnimeFormat.MUSIC]: 'music',
};

// Kitsu splits "not yet aired" three ways; the universal UPCOMING means any of them.
const STATUSES: Partial<Record<AnimeStatus, KitsuStatus[]>> = {
  [AnimeStatus.AIRING]: ['current'],
  [AnimeStatus.COMPLETED]: ['finished'],
  [AnimeStatus.UPCOMING]: ['upcoming', 'unreleased', 'tba'],
};

function kitsuSubtype(format: AnimeFormat): KitsuSubtype {
  const subtype = SUBTYPES[format];
  if (!subtype) throw badInput(`Kitsu has no subtype for format ${format}`, { field: 'subtype', source: 'kitsu' });
  return subtype;
}

function kitsuStatuses(status: AnimeStatus): KitsuStatus[] {
  const statuses = STATUSES[status];
  if (!statuses) throw badInput(`Kitsu has no status for ${status}`, { field: 'status', source: 'kitsu' });
  return statuses;
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === ErrorCode.NOT_FOUND;

@Resolver(() => Anime)
export class KitsuResolver {
  constructor(private readonly api: KitsuApi) {}

  @FieldResolver(() => KitsuAnime, { nullable: true, description: 'The entry as Kitsu describes it; null when Kitsu has no such id or is unavailable.' })
  async kitsu(@Root() anime: KitsuAnimeRef): Promise<KitsuAnimeRecord | null> {
    if (anime.kitsuRecord) return anime.kitsuRecord;
    if (anime.kitsuId === null || anime.kitsuId === undefined) return null;
    try {
      const answer = await this.api.animeWithMeta(anime.kitsuId);
      return { ...toKitsuAnime(answer.data.data, indexIncluded(answer.data.included), true), ...fetchedOf(answer) };
    } catch (error) {
      // An id the catalog knows but Kitsu no longer serves is absence, not failure.
      if (isNotFound(error)) return null;
      throw toGraphQLError(error);
    }
  }

  @Query(() => KitsuSearchPage, {
    nullable: true,
    description: 'Search Kitsu: title text (relevance-ranked) and filters. Hits reference the Anime entity by kitsuId.',
  })
  async kitsuSearch(
    @Arg('text', () => String, { nullable: true }) text?: string | null,
    @Arg('subtype', () => [AnimeFormat], { nullable: true, description: 'TV, MOVIE, OVA, ONA, SPECIAL or MUSIC.' }) subtype?: AnimeFormat[] | null,
    @Arg('status', () => [AnimeStatus], { nullable: true, description: 'AIRING, COMPLETED or UPCOMING.' }) status?: AnimeStatus[] | null,
    @Arg('ageRating', () => [KitsuAgeRating], { nullable: true }) ageRating?: KitsuAgeRating[] | null,
    @Arg('seasonYear', () => Int, { nullable: true }) seasonYear?: number | null,
    @Arg('season', () => Season, { nullable: true }) season?: Season | null,
    @Arg('page', () => Int, { nullable: true, description: '1-based page number (default 1).' }) page?: number | null,
    @Arg('perPage', () => Int, { nullable: true, description: `Page size, 1–${KITSU_MAX_PAGE_SIZE} (default 10).` }) perPage?: number | null,
  ): Promise<KitsuSearchPage> {
    const pageNumber = page ?? 1;
    const size = perPage ?? 10;
    try {
      if (!Number.isInteger(pageNumber) || pageNumber < 1) throw badInput('page must be 1 or more', { field: 'page', source: 'kitsu' });
      if (size < 1 || size > KITSU_MAX_PAGE_SIZE) {
        throw badInput(`perPage must be between 1 and ${KITSU_MAX_PAGE_SIZE}`, { field: 'perPage', source: 'kitsu' });
      }
      if (seasonYear !== null && seasonYear !== undefined && (seasonYear < 1900 || seasonYear > 2100)) {
        throw badInput('seasonYear must be between 1900 and 2100', { field: 'seasonYear', source: 'kitsu' });
      }
      const result = await this.api.search({
        text,
        subtype: subtype?.map(kitsuSubtype),
        status: status ? [...new Set(status.flatMap(kitsuStatuses))] : null,
        ageRating,
        seasonYear,
        season: season ? (season.toLowerCase() as KitsuSeason) : null,
        limit: size,
        offset: (pageNumber - 1) * size,
      });
      const index = indexIncluded(result.included);
      const items = result.data.map((resource) => {
        const kitsu = toKitsuAnime(resource, index);
        return { anime: { kitsuId: kitsu.id, kitsuRecord: kitsu }, kitsu };
      });
      const total = result.meta?.count ?? null;
      return {
        items,
        total,
        page: pageNumber,
        perPage: size,
        hasNextPage: Boolean(result.links?.next) || (total !== null && pageNumber * size < total),
      };
    } catch (error) {
      throw toGraphQLError(error);
    }
  }
}
