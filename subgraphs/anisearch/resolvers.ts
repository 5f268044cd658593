// aniSearch resolver: `Anime.anisearch` reads the page only when the field is selected. A
// missing entry is null; blocks, layout changes and outages are typed errors (partial data).
import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { cachedPageOrNull, pageOrNull } from '../scraped/read.js';
import type { AnisearchApi } from './client.js';
import type { AnisearchAnimeRecord } from './parser.js';
import { Anime, AnisearchAnime } from './types.js';

export interface AnisearchRef {
  anisearchId?: number | null;
}

@Resolver(() => Anime)
export class AnisearchResolver {
  constructor(private readonly api: AnisearchApi) {}

  @Directive('@requires(fields: "anisearchId")')
  @FieldResolver(() => AnisearchAnime, { nullable: true, description: 'The entry as its aniSearch page shows it; null when aniSearch has no such entry.' })
  async anisearch(@Root() anime: AnisearchRef): Promise<AnisearchAnimeRecord | null> {
    const id = anime.anisearchId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    return pageOrNull(() => this.api.anime(id));
  }

  @Directive('@requires(fields: "anisearchId")')
  @FieldResolver(() => AnisearchAnime, {
    nullable: true,
    description: 'aniSearch\'s page only if an earlier `anisearch` read cached it (days); never calls aniSearch and never fails. The merged fields read this one: scraping is for fields a client asks for.',
  })
  async anisearchCached(@Root() anime: AnisearchRef): Promise<AnisearchAnimeRecord | null> {
    const id = anime.anisearchId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    return cachedPageOrNull(() => this.api.cachedAnime(id));
  }
}
