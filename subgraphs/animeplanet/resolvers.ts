// Anime-Planet resolver: `Anime.animePlanet` reads the page only when the field is selected.
// A missing entry is null; blocks, layout changes and outages are typed errors (partial data).
import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { cachedPageOrNull, pageOrNull } from '../scraped/read.js';
import { ANIMEPLANET_SLUG, type AnimePlanetApi } from './client.js';
import type { AnimePlanetAnimeRecord } from './parser.js';
import { Anime, AnimePlanetAnime } from './types.js';

export interface AnimePlanetRef {
  animePlanetId?: string | null;
}

@Resolver(() => Anime)
export class AnimePlanetResolver {
  constructor(private readonly api: AnimePlanetApi) {}

  @Directive('@requires(fields: "animePlanetId")')
  @FieldResolver(() => AnimePlanetAnime, { nullable: true, description: 'The entry as its Anime-Planet page shows it; null when Anime-Planet has no such entry.' })
  async animePlanet(@Root() anime: AnimePlanetRef): Promise<AnimePlanetAnimeRecord | null> {
    const slug = anime.animePlanetId;
    if (!slug || !ANIMEPLANET_SLUG.test(slug)) return null;
    return pageOrNull(() => this.api.anime(slug));
  }

  @Directive('@requires(fields: "animePlanetId")')
  @FieldResolver(() => AnimePlanetAnime, {
    nullable: true,
    description: 'Anime-Planet\'s page only if an earlier `animePlanet` read cached it (days); never calls Anime-Planet and never fails. The merged fields read this one: scraping is for fields a client asks for.',
  })
  async animePlanetCached(@Root() anime: AnimePlanetRef): Promise<AnimePlanetAnimeRecord | null> {
    const slug = anime.animePlanetId;
    if (!slug || !ANIMEPLANET_SLUG.test(slug)) return null;
    return cachedPageOrNull(() => this.api.cachedAnime(slug));
  }
}
