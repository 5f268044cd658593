// Kitsu (JSON:API, https://kitsu.docs.apiary.io): the source description for the upstream kit and
// one function per endpoint this subgraph reads. Everything goes through the kit's SourceClient.
import type { Config } from '../../src/config/index.js';
import type { SourceClient, SourceDefinition, UpstreamKit } from '../../src/http/types.js';
import { kitsuAnimeCollection, kitsuAnimeDocument } from './payloads.js';

export const KITSU_SOURCE_NAME = 'kitsu';

/** The relationships every anime request includes, so one call answers every KitsuAnime field. */
export const KITSU_ANIME_INCLUDE = 'genres,categories,streamingLinks.streamer,mappings';

/** Kitsu caps `page[limit]` at 20 for most resources (hummingbird-me/api-docs, api/parameters/page.yml). */
export const KITSU_MAX_PAGE_SIZE = 20;

/**
 * Kitsu publishes no rate limit. We keep to a conservative 10/s and 300/min (well under what its
 * own web client sends while browsing) and 2 calls in flight, so one busy gateway never looks like
 * abuse; raise them only with Kitsu's consent.
 */
export function kitsuSource(config: Pick<Config, 'KITSU_BASE_URL'>): SourceDefinition {
  return {
    name: KITSU_SOURCE_NAME,
    baseUrl: config.KITSU_BASE_URL,
    rateLimits: [
      { points: 10, durationMs: 1000 },
      { points: 300, durationMs: 60_000 },
    ],
    maxConcurrent: 2,
    // Kitsu's API docs ("Request Headers") ask for the JSON:API media type.
    headers: { accept: 'application/vnd.api+json' },
  };
}

export type KitsuSubtype = 'TV' | 'movie' | 'OVA' | 'ONA' | 'special' | 'music';
export type KitsuStatus = 'current' | 'finished' | 'tba' | 'unreleased' | 'upcoming';
export type KitsuSeason = 'winter' | 'spring' | 'summer' | 'fall';

export interface KitsuSearchQuery {
  text?: string | null;
  /** Kitsu accepts comma-separated lists in every filter. */
  subtype?: KitsuSubtype[] | null;
  status?: KitsuStatus[] | null;
  ageRating?: string[] | null;
  seasonYear?: number | null;
  season?: KitsuSeason | null;
  limit: number;
  offset: number;
}

const list = (values: readonly string[] | null | undefined) => (values && values.length ? values.join(',') : undefined);

/** The Kitsu endpoints this subgraph uses, typed and validated. */
export class KitsuApi {
  readonly client: SourceClient;

  constructor(kit: UpstreamKit, config: Pick<Config, 'KITSU_BASE_URL'>) {
    this.client = kit.client(kitsuSource(config));
  }

  /** `GET /anime/{id}?include=…`: one anime with its genres, categories, streaming links and mappings. */
  anime(kitsuId: number) {
    return this.client.request({
      path: `/anime/${kitsuId}`,
      query: { include: KITSU_ANIME_INCLUDE },
      schema: kitsuAnimeDocument,
      dataClass: 'details',
    });
  }

  /** As anime, with the origin and fetch time of the answer (provenance). */
  animeWithMeta(kitsuId: number) {
    return this.client.requestWithMeta({
      path: `/anime/${kitsuId}`,
      query: { include: KITSU_ANIME_INCLUDE },
      schema: kitsuAnimeDocument,
      dataClass: 'details',
    });
  }

  /** `GET /anime?filter[…]`: one page of a filtered (and with `text`, relevance-ranked) search. */
  search(query: KitsuSearchQuery) {
    return this.client.request({
      path: '/anime',
      query: {
        'filter[text]': query.text?.trim() || undefined,
        'filter[subtype]': list(query.subtype),
        'filter[status]': list(query.status),
        'filter[ageRating]': list(query.ageRating),
        'filter[seasonYear]': query.seasonYear ?? undefined,
        'filter[season]': query.season ?? undefined,
        'page[limit]': query.limit,
        'page[offset]': query.offset,
        include: KITSU_ANIME_INCLUDE,
      },
      schema: kitsuAnimeCollection,
      dataClass: 'search',
    });
  }
}
