// LiveChart resolver: `Anime.livechart` reads the page only when the field is selected. A
// missing entry is null; blocks, layout changes and outages are typed errors (partial data).
import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { cachedPageOrNull, pageOrNull } from '../scraped/read.js';
import type { LivechartApi } from './client.js';
import type { LivechartAnimeRecord } from './parser.js';
import { Anime, LivechartAnime } from './types.js';

export interface LivechartRef {
  livechartId?: number | null;
}

@Resolver(() => Anime)
export class LivechartResolver {
  constructor(private readonly api: LivechartApi) {}

  @Directive('@requires(fields: "livechartId")')
  @FieldResolver(() => LivechartAnime, { nullable: true, description: 'The entry as its LiveChart page shows it; null when LiveChart has no such entry.' })
  async livechart(@Root() anime: LivechartRef): Promise<LivechartAnimeRecord | null> {
    const id = anime.livechartId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    return pageOrNull(() => this.api.anime(id));
  }

  @Directive('@requires(fields: "livechartId")')
  @FieldResolver(() => LivechartAnime, {
    nullable: true,
    description: 'LiveChart\'s page only if an earlier `livechart` read cached it (days); never calls LiveChart and never fails. The merged fields read this one: scraping is for fields a client asks for.',
  })
  async livechartCached(@Root() anime: LivechartRef): Promise<LivechartAnimeRecord | null> {
    const id = anime.livechartId;
    if (id === null || id === undefined || !Number.isInteger(id) || id < 1) return null;
    return cachedPageOrNull(() => this.api.cachedAnime(id));
  }
}
