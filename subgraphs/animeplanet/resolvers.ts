// Anime-Planet resolver: `Anime.animePlanet` reads the page only when the field is selected.
// A missing entry is null; blocks, layout changes and outages are typed errors (partial data).
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import { ANIMEPLANET_SLUG, type AnimePlanetApi } from './client.js';
import type { AnimePlanetAnimeRecord } from './parser.js';
import { Anime, AnimePlanetAnime } from './types.js';

export interface AnimePlanetRef {
  animePlanetId?: string | null;
}

@Resolver(() => Anime)
export class AnimePlanetResolver {
  constructor(private readonly api: AnimePlanetApi) {}

  @FieldResolver(() => AnimePlanetAnime, { nullable: true, description: 'The entry as its Anime-Planet page shows it; null when Anime-Planet has no such entry.' })
  async animePlanet(@Root() anime: AnimePlanetRef): Promise<AnimePlanetAnimeRecord | null> {
    const slug = anime.animePlanetId;
    if (!slug || !ANIMEPLANET_SLUG.test(slug)) return null;
    try {
      const answer = await this.api.anime(slug);
      return { ...answer.data, ...fetchedOf(answer) };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw toGraphQLError(error);
    }
  }

  @FieldResolver(() => AnimePlanetAnime, {
    nullable: true,
    description: 'Anime-Planet\'s page only if an earlier `animePlanet` read cached it (days); never calls Anime-Planet and never fails. The merged fields read this one: scraping is for fields a client asks for.',
  })
  async animePlanetCached(@Root() anime: AnimePlanetRef): Promise<AnimePlanetAnimeRecord | null> {
    const slug = anime.animePlanetId;
    if (!slug || !ANIMEPLANET_SLUG.test(slug)) return null;
    const answer = await this.api.cachedAnime(slug);
    return answer ? { ...answer.data, ...fetchedOf(answer) } : null;
  }
}
