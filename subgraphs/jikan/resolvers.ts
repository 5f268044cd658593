// Resolvers of the jikan subgraph. A failing upstream call makes only its field null; the error
// (SOURCE_* with details.source = 'jikan') goes into the response errors.
import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AppError, badInput, ErrorCode } from '../../src/errors/index.js';
import { Season, toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import type { JikanApi, JikanSeason } from './client.js';
import { MalAnimePage, MalEpisodePage, MalGenre, MalListedAnime, MalReviewPage, MalUserRecommendationPage } from './list-types.js';
import { MalAnime } from './mal-anime.js';
import {
  toAnimePage,
  toCharacter,
  toCharacterRole,
  toEpisode,
  toGenre,
  toListedAnime,
  toMalAnime,
  toMalPagination,
  toPerson,
  toRecommendation,
  toReview,
  toStaffMember,
  toStatistics,
  toUserRecommendation,
  type AnimeReference,
} from './mapper.js';
import { MalCharacter, MalCharacterRole, MalPerson, MalRecommendation, MalStaffMember, MalStatistics } from './people-types.js';
import { Anime, MalGenreKind, MalLink, MalRelation, MalThemeSongs, MalTopFilter, MalTopType, MalWeekday } from './types.js';

/** Runs an upstream call at the resolver boundary: typed errors keep their code, anything else is masked. */
async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGraphQLError(error);
  }
}

function checkPage(page: number | null | undefined): void {
  if (page != null && page < 1) throw badInput('page starts at 1', { field: 'page' });
}

@Resolver(() => Anime)
export class AnimeResolver {
  constructor(private readonly api: JikanApi) {}

  @FieldResolver(() => MalAnime, { nullable: true, description: 'What MyAnimeList says (Jikan v4); null when the anime has no MAL id or MAL has no such entry.' })
  async mal(@Root() anime: AnimeReference): Promise<MalAnime | null> {
    if (anime.preloaded) return anime.preloaded;
    if (anime.malId == null) return null;
    const malId = anime.malId;
    return guarded(async () => {
      try {
        const answer = await this.api.animeFullWithMeta(malId);
        return { ...toMalAnime(answer.data), ...fetchedOf(answer) };
      } catch (error) {
        // A deleted or merged MAL entry: nothing to say, not a failure.
        if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
        throw error;
      }
    });
  }
}

@Resolver(() => MalAnime)
export class MalAnimeResolver {
  constructor(private readonly api: JikanApi) {}

  /** Records from list endpoints lack the /full-only fields; the kit's cache and dedup share one call. */
  private async complete(anime: MalAnime): Promise<MalAnime> {
    return anime.complete ? anime : guarded(async () => toMalAnime(await this.api.animeFull(anime.malId)));
  }

  @FieldResolver(() => [MalRelation], { nullable: true, description: 'Related anime and manga (sequels, adaptations, …).' })
  async relations(@Root() anime: MalAnime): Promise<MalRelation[]> {
    return (await this.complete(anime)).relations ?? [];
  }

  @FieldResolver(() => MalThemeSongs, { nullable: true, description: 'Opening and ending songs.' })
  async theme(@Root() anime: MalAnime): Promise<MalThemeSongs | null> {
    return (await this.complete(anime)).themeSongs ?? null;
  }

  @FieldResolver(() => [MalLink], { nullable: true, description: 'Official site, AniDB, ANN, Wikipedia, … as MAL links them.' })
  async external(@Root() anime: MalAnime): Promise<MalLink[]> {
    return (await this.complete(anime)).external ?? [];
  }

  @FieldResolver(() => [MalLink], { nullable: true, description: 'Streaming services MAL lists (no regions).' })
  async streaming(@Root() anime: MalAnime): Promise<MalLink[]> {
    return (await this.complete(anime)).streaming ?? [];
  }

  @FieldResolver(() => [MalCharacterRole], { nullable: true })
  characters(@Root() anime: MalAnime, @Arg('first', () => Int, { nullable: true, description: 'At most this many, main roles first as MAL orders them.' }) first?: number) {
    // The same bound the REST route declares; a negative count is a mistake, not "none".
    if (first != null && first < 0) throw badInput('first must not be negative', { field: 'first' });
    return guarded(async () => {
      const roles = (await this.api.characters(anime.malId)).map(toCharacterRole);
      return first == null ? roles : roles.slice(0, first);
    });
  }

  @FieldResolver(() => [MalStaffMember], { nullable: true })
  staff(@Root() anime: MalAnime) {
    return guarded(async () => (await this.api.staff(anime.malId)).map(toStaffMember));
  }

  @FieldResolver(() => [MalRecommendation], { nullable: true, description: 'Anime MAL users recommend to fans of this one, most votes first.' })
  recommendations(@Root() anime: MalAnime) {
    return guarded(async () => (await this.api.recommendations(anime.malId)).map(toRecommendation));
  }

  // `episodes` is MAL's episode count (a plain field of the record), so the list has its own name.
  @FieldResolver(() => MalEpisodePage, { nullable: true, description: 'The episode list with titles, air dates and filler/recap flags, 100 a page.' })
  episodeList(@Root() anime: MalAnime, @Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    return guarded(async () => {
      const result = await this.api.episodes(anime.malId, page);
      return { nodes: result.data.map(toEpisode), pagination: toMalPagination(result.pagination, page) };
    });
  }

  @FieldResolver(() => MalReviewPage, { nullable: true, description: 'User reviews, 20 a page, most helpful first as MAL orders them.' })
  reviews(
    @Root() anime: MalAnime,
    @Arg('page', () => Int, { nullable: true }) page?: number,
    @Arg('spoilers', () => Boolean, { nullable: true, description: 'Include reviews marked as spoilers (MAL leaves them out by default).' }) spoilers?: boolean,
    @Arg('preliminary', () => Boolean, { nullable: true, description: 'Include reviews written while the anime aired (left out by default; an airing anime may have no others).' }) preliminary?: boolean,
  ) {
    checkPage(page);
    return guarded(async () => {
      const result = await this.api.reviews(anime.malId, { page, spoilers, preliminary });
      return { nodes: result.data.map(toReview), pagination: toMalPagination(result.pagination, page) };
    });
  }

  @FieldResolver(() => MalStatistics, { nullable: true })
  statistics(@Root() anime: MalAnime) {
    return guarded(async () => toStatistics(await this.api.statistics(anime.malId)));
  }
}

@Resolver()
export class MalQueryResolver {
  constructor(private readonly api: JikanApi) {}

  @Query(() => MalAnimePage, { nullable: true, description: 'A MAL top list, 25 a page by default.' })
  malTop(
    @Arg('type', () => MalTopType, { nullable: true }) type?: MalTopType,
    @Arg('filter', () => MalTopFilter, { nullable: true }) filter?: MalTopFilter,
    @Arg('page', () => Int, { nullable: true }) page?: number,
    @Arg('limit', () => Int, { nullable: true, description: '1–25.' }) limit?: number,
  ) {
    checkPage(page);
    if (limit != null && (limit < 1 || limit > 25)) throw badInput('limit must be between 1 and 25', { field: 'limit' });
    return guarded(async () => toAnimePage(await this.api.top({ type, filter, page, limit }), page));
  }

  @Query(() => MalAnimePage, { nullable: true, description: 'Anime of one season as MAL lists them.' })
  malSeason(@Arg('year', () => Int) year: number, @Arg('season', () => Season) season: Season, @Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    if (year < 1917 || year > 2100) throw badInput('year must be between 1917 and 2100', { field: 'year' });
    return guarded(async () => toAnimePage(await this.api.season(year, season.toLowerCase() as JikanSeason, page), page));
  }

  @Query(() => MalAnimePage, { nullable: true, description: 'The current season on MAL.' })
  malSeasonNow(@Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    return guarded(async () => toAnimePage(await this.api.seasonNow(page), page));
  }

  @Query(() => MalAnimePage, { nullable: true, description: 'Announced anime of coming seasons on MAL.' })
  malSeasonUpcoming(@Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    return guarded(async () => toAnimePage(await this.api.seasonUpcoming(page), page));
  }

  @Query(() => MalAnimePage, { nullable: true, description: 'Airing anime by broadcast day (JST), or all days.' })
  malSchedule(@Arg('day', () => MalWeekday, { nullable: true }) day?: MalWeekday, @Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    return guarded(async () => toAnimePage(await this.api.schedule(day, page), page));
  }

  @Query(() => MalListedAnime, { nullable: true, description: 'A random MAL anime (the pick is cached for minutes).' })
  malRandom() {
    return guarded(async () => toListedAnime(await this.api.random()));
  }

  @Query(() => [MalGenre], { nullable: true, description: 'MAL genres, themes and demographics with anime counts.' })
  malGenres(@Arg('kind', () => MalGenreKind, { nullable: true }) kind?: MalGenreKind) {
    return guarded(async () => (await this.api.genres(kind)).map(toGenre));
  }

  @Query(() => MalUserRecommendationPage, { nullable: true, description: 'The latest user recommendations on MAL.' })
  malRecentRecommendations(@Arg('page', () => Int, { nullable: true }) page?: number) {
    checkPage(page);
    return guarded(async () => {
      const result = await this.api.recentRecommendations(page);
      return { nodes: result.data.map(toUserRecommendation), pagination: toMalPagination(result.pagination, page) };
    });
  }

  @Query(() => MalCharacter, { nullable: true, description: 'A MAL character by id.' })
  malCharacter(@Arg('id', () => Int) id: number) {
    return guarded(async () => toCharacter(await this.api.character(id)));
  }

  @Query(() => MalPerson, { nullable: true, description: 'A MAL person (voice actor, staff) by id.' })
  malPerson(@Arg('id', () => Int) id: number) {
    return guarded(async () => toPerson(await this.api.person(id)));
  }
}
