// Jikan v4 (an unofficial MyAnimeList API): the source description for the upstream kit and one
// function per endpoint this subgraph reads. Everything goes through the kit's SourceClient.
import type { Config } from '../../src/config/index.js';
import type { SourceClient, SourceDefinition, UpstreamKit } from '../../src/http/types.js';
import {
  animePageResponse,
  animeResponse,
  characterResponse,
  charactersResponse,
  episodesResponse,
  genresResponse,
  personResponse,
  recentRecommendationsResponse,
  recommendationsResponse,
  reviewsResponse,
  staffResponse,
  statisticsResponse,
} from './payloads.js';

export const JIKAN_SOURCE_NAME = 'jikan';

/** Jikan's published limits (https://docs.api.jikan.moe/#section/Information/Rate-Limiting): 3/s and 60/min. */
export function jikanSource(config: Pick<Config, 'JIKAN_BASE_URL'>): SourceDefinition {
  return {
    name: JIKAN_SOURCE_NAME,
    baseUrl: config.JIKAN_BASE_URL,
    rateLimits: [
      { points: 3, durationMs: 1000 },
      { points: 60, durationMs: 60_000 },
    ],
    maxConcurrent: 2,
  };
}

export type JikanTopFilter = 'airing' | 'upcoming' | 'bypopularity' | 'favorite';
export type JikanGenreFilter = 'genres' | 'explicit_genres' | 'themes' | 'demographics';
export type JikanSeason = 'winter' | 'spring' | 'summer' | 'fall';
export type JikanWeekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday' | 'unknown' | 'other';

/** The Jikan endpoints this subgraph uses, typed and validated. */
export class JikanApi {
  readonly client: SourceClient;

  constructor(kit: UpstreamKit, config: Pick<Config, 'JIKAN_BASE_URL'>) {
    this.client = kit.client(jikanSource(config));
  }

  animeFull(malId: number) {
    return this.client.request({ path: `/anime/${malId}/full`, schema: animeResponse, dataClass: 'details' }).then((r) => r.data);
  }

  /** As animeFull, with when the answer was produced and whether it came from the cache (provenance). */
  async animeFullWithMeta(malId: number) {
    const answer = await this.client.requestWithMeta({ path: `/anime/${malId}/full`, schema: animeResponse, dataClass: 'details' });
    return { ...answer, data: answer.data.data };
  }

  characters(malId: number) {
    return this.client.request({ path: `/anime/${malId}/characters`, schema: charactersResponse, dataClass: 'details' }).then((r) => r.data);
  }

  staff(malId: number) {
    return this.client.request({ path: `/anime/${malId}/staff`, schema: staffResponse, dataClass: 'details' }).then((r) => r.data);
  }

  recommendations(malId: number) {
    return this.client
      .request({ path: `/anime/${malId}/recommendations`, schema: recommendationsResponse, dataClass: 'details' })
      .then((r) => r.data);
  }

  /** Episodes of airing anime are added weekly: the page class, not details. */
  episodes(malId: number, page?: number | null) {
    return this.client.request({ path: `/anime/${malId}/episodes`, query: { page }, schema: episodesResponse, dataClass: 'page' });
  }

  /** Jikan leaves out spoiler and preliminary (written while airing) reviews unless asked for. */
  reviews(malId: number, options: { page?: number | null; spoilers?: boolean | null; preliminary?: boolean | null }) {
    return this.client.request({ path: `/anime/${malId}/reviews`, query: { ...options }, schema: reviewsResponse, dataClass: 'page' });
  }

  statistics(malId: number) {
    return this.client.request({ path: `/anime/${malId}/statistics`, schema: statisticsResponse, dataClass: 'page' }).then((r) => r.data);
  }

  top(query: { type?: string | null; filter?: JikanTopFilter | null; page?: number | null; limit?: number | null }) {
    return this.client.request({ path: '/top/anime', query, schema: animePageResponse, dataClass: 'page' });
  }

  season(year: number, season: JikanSeason, page?: number | null) {
    return this.client.request({ path: `/seasons/${year}/${season}`, query: { page }, schema: animePageResponse, dataClass: 'page' });
  }

  seasonNow(page?: number | null) {
    return this.client.request({ path: '/seasons/now', query: { page }, schema: animePageResponse, dataClass: 'page' });
  }

  seasonUpcoming(page?: number | null) {
    return this.client.request({ path: '/seasons/upcoming', query: { page }, schema: animePageResponse, dataClass: 'page' });
  }

  schedule(day?: JikanWeekday | null, page?: number | null) {
    return this.client.request({ path: '/schedules', query: { filter: day, page }, schema: animePageResponse, dataClass: 'page' });
  }

  /** Cached for the shortest lifetime (search class): a random pick may repeat for that long. */
  random() {
    return this.client.request({ path: '/random/anime', schema: animeResponse, dataClass: 'search' }).then((r) => r.data);
  }

  genres(filter?: JikanGenreFilter | null) {
    return this.client.request({ path: '/genres/anime', query: { filter }, schema: genresResponse, dataClass: 'catalog' }).then((r) => r.data);
  }

  recentRecommendations(page?: number | null) {
    return this.client.request({ path: '/recommendations/anime', query: { page }, schema: recentRecommendationsResponse, dataClass: 'page' });
  }

  character(id: number) {
    return this.client.request({ path: `/characters/${id}/full`, schema: characterResponse, dataClass: 'details' }).then((r) => r.data);
  }

  person(id: number) {
    return this.client.request({ path: `/people/${id}/full`, schema: personResponse, dataClass: 'details' }).then((r) => r.data);
  }
}
