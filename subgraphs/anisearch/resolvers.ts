// aniSearch resolver: `Anime.livechart` reads the page only when the field is selected. A
// missing entry is null; blocks, layout changes and outages are typed errors (partial data).
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import type { AnisearchApi } from './client.js';
import type { AnisearchAnimeRecord } from './parser.js';
import { Anime, AnisearchAnime } from './types.js';

export interface AnisearchRef {
  anisearchId?: number | null;
}

@Resolver(() => Anime)
export class AnisearchResolver {
  constructor(private readonly api: AnisearchApi) {}

  @FieldResolver(() => AnisearchAnime, { nullable: true, description: 'The entry as its aniSearch page shows it; null when aniSearch has no such entry.' })
  async anisearch(@Root() anime: AnisearchRef): Promise<AnisearchAnimeRecord | null> {
    const id = anime.anisearchId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    try {
      const answer = await this.api.anime(id);
      return { ...answer.data, ...fetchedOf(answer) };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw toGraphQLError(error);
    }
  }

  @FieldResolver(() => AnisearchAnime, {
    nullable: true,
    description: 'aniSearch\'s page only if an earlier `anisearch` read cached it (days); never calls aniSearch and never fails. The merged fields read this one: scraping is for fields a client asks for.',
  })
  async anisearchCached(@Root() anime: AnisearchRef): Promise<AnisearchAnimeRecord | null> {
    const id = anime.anisearchId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    const answer = await this.api.cachedAnime(id);
    return answer ? { ...answer.data, ...fetchedOf(answer) } : null;
  }
}
