// AniDB resolver: the namespaced `Anime.anidb` field. Upstream failures (AniDB not configured,
// banned, over its daily budget, garbled) become a null field plus a typed error (partial data).
import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf, type Fetched } from '../../src/graphql/provenance.js';
import type { AnidbApi } from './client.js';
import { toAnidbAnime, type AnidbAnimeRecord } from './mapper.js';
import { Anime, AnidbAnime } from './types.js';

export interface AnidbAnimeRef {
  id?: string | null;
  anidbId?: number | null;
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === ErrorCode.NOT_FOUND;

@Resolver(() => Anime)
export class AnidbResolver {
  constructor(
    private readonly api: AnidbApi,
    private readonly now: () => Date,
  ) {}

  @Directive('@requires(fields: "anidbId")')
  @FieldResolver(() => AnidbAnime, {
    nullable: true,
    description: 'The entry as AniDB describes it; null when AniDB has no such id or is unavailable (not configured, banned, over its daily budget).',
  })
  async anidb(@Root() anime: AnidbAnimeRef): Promise<(AnidbAnimeRecord & Fetched) | null> {
    if (anime.anidbId === null || anime.anidbId === undefined) return null;
    try {
      const answer = await this.api.animeWithMeta(anime.anidbId);
      return { ...toAnidbAnime(answer.data, this.now()), ...fetchedOf(answer) };
    } catch (error) {
      // An id the catalog knows but AniDB no longer serves is absence, not failure.
      if (isNotFound(error)) return null;
      throw toGraphQLError(error);
    }
  }

  @Directive('@requires(fields: "anidbId")')
  @FieldResolver(() => AnidbAnime, {
    nullable: true,
    description:
      'AniDB\'s record only if an earlier `anidb` call cached it (days); never calls AniDB and never fails. The merged fields read this one: AniDB\'s budget (1 call per 2 s, a daily cap) cannot serve every merge.',
  })
  async anidbCached(@Root() anime: AnidbAnimeRef): Promise<(AnidbAnimeRecord & Fetched) | null> {
    if (anime.anidbId === null || anime.anidbId === undefined) return null;
    const answer = await this.api.cachedAnime(anime.anidbId);
    return answer ? { ...toAnidbAnime(answer.data, this.now()), ...fetchedOf(answer) } : null;
  }
}
