// LiveChart resolvers: `Anime.livechart` reads the page only when the field is selected, and
// `livechartSeason` reads a season chart. A missing entry or season is null; blocks, layout changes
// and outages are typed errors (partial data).
import { Arg, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import { parseSourceUrl } from '../../src/crosswalk/index.js';
import { Platform, type AnimeRecord } from '../../src/domain/index.js';
import { badInput } from '../../src/errors/index.js';
import { Season, toGraphQLError } from '../../src/graphql/index.js';
import { cachedPageOrNull, pageOrNull } from '../scraped/read.js';
import type { LivechartApi } from './client.js';
import type { LivechartAnimeRecord } from './parser.js';
import type { LivechartSeasonEntryRecord } from './season.js';
import { Anime, LivechartAnime, LivechartSeason } from './types.js';

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

// The catalog's seasonal query accepts the same years.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// The card's own links to other databases, tried in this order when the catalog lacks the LiveChart id.
const LINK_PREFERENCE = [Platform.MAL, Platform.ANILIST, Platform.KITSU, Platform.ANIDB];

/**
 * The catalog entry of a season card: by its LiveChart id, else by the ids LiveChart itself links
 * (MyAnimeList, AniList, Kitsu, AniDB), a crosswalk the page states. A candidate that lists another
 * LiveChart id is a different entry and is not linked.
 */
export function catalogEntryOf(catalog: Catalog, entry: Pick<LivechartSeasonEntryRecord, 'id' | 'links'>): AnimeRecord | null {
  const direct = catalog.byPlatform(Platform.LIVECHART, entry.id);
  if (direct) return direct;
  const linked = entry.links.map((link) => parseSourceUrl(link.url));
  for (const platform of LINK_PREFERENCE) {
    for (const ref of linked.filter((l) => l.platform === platform)) {
      const record = catalog.byPlatform(platform, ref.id);
      const livechartIds = record?.platformIds.filter((p) => p.platform === Platform.LIVECHART).map((p) => p.id) ?? [];
      if (record && (livechartIds.length === 0 || livechartIds.includes(String(entry.id)))) return record;
    }
  }
  return null;
}

@Resolver(() => LivechartSeason)
export class LivechartSeasonResolver {
  constructor(
    private readonly api: LivechartApi,
    private readonly catalog: Catalog,
  ) {}

  @Query(() => LivechartSeason, {
    nullable: true,
    description:
      'LiveChart\'s chart of one season (every format), read from livechart.me (robots.txt obeyed, one request per SCRAPE_MIN_INTERVAL_MS; cached for hours while the season runs, for days after): each anime with its premiere and how precise it is, the release it counts down to, tags, studios, source, episodes, synopsis and links, linked to the catalog. Null when LiveChart has no such season.',
  })
  async livechartSeason(
    @Arg('year', () => Int) year: number,
    @Arg('season', () => Season) season: Season,
  ): Promise<LivechartSeason | null> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw toGraphQLError(badInput(`year must be between ${MIN_YEAR} and ${MAX_YEAR}`, { field: 'year', source: 'livechart' }));
    }
    const chart = await pageOrNull(() => this.api.season(year, season));
    if (!chart) return null;
    return {
      ...chart,
      entries: chart.entries.map((entry) => {
        const record = catalogEntryOf(this.catalog, entry);
        return { ...entry, anime: record ? { id: record.id } : null };
      }),
    };
  }
}
