// Catalog resolvers: entry points (anime, search, seasonal, franchise) and the Anime fields that
// are computed from the merged record (platform ids, sources, related entries).
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import { NUMERIC_PLATFORMS, Platform, type AnimeRecord } from '../../src/domain/index.js';
import { AnimeSort, Season } from '../../src/graphql/index.js';
import { badInput, notFound } from '../../src/errors/index.js';
import { Anime, AnimeConnection, AnimeFilter, CatalogInfo, KEY_FIELDS, PlatformLink, RelatedAnime, SLUG_KEY_FIELDS, StreamingOffer } from './types.js';
import { findByKeys, LOOKUP_ARGS, type AnimeLookup } from './lookup.js';
import { excludedTags, preferencesOf, titleIn, withPreferredExclusions } from '../../src/users/preferences.js';
import type { Preferences } from '../../src/users/model.js';

/** `compute(preferences)` now for anonymous requests, after the one load for a user's (src/users/preferences.ts). */
function withPreferences<T>(context: unknown, compute: (preferences: Preferences | null) => T): T | Promise<T> {
  const loading = preferencesOf(context);
  return loading ? loading.then(compute) : compute(null);
}

export function platformIdOf(record: AnimeRecord, platform: Platform): string | null {
  const ids = record.platformIds.filter((p) => p.platform === platform).map((p) => p.id);
  if (ids.length === 0) return null;
  // Some entries list two ids on one platform (e.g. two ANN pages): expose the lowest, stably.
  return ids.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))[0]!;
}

function intIdOf(record: AnimeRecord, platform: Platform): number | null {
  const id = platformIdOf(record, platform);
  return id !== null && NUMERIC_PLATFORMS.has(platform) && /^\d+$/.test(id) ? Number(id) : null;
}

@Resolver(() => Anime)
export class AnimeResolver {
  constructor(private readonly catalog: Catalog) {}

  @Query(() => Anime, {
    nullable: true,
    description: 'One anime by exactly one of its ids: the canonical id (or any `<platform>:<id>` alias) or a platform id.',
  })
  anime(
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('malId', () => Int, { nullable: true }) malId?: number,
    @Arg('anilistId', () => Int, { nullable: true }) anilistId?: number,
    @Arg('kitsuId', () => Int, { nullable: true }) kitsuId?: number,
    @Arg('anidbId', () => Int, { nullable: true }) anidbId?: number,
    @Arg('annId', () => Int, { nullable: true }) annId?: number,
    @Arg('animePlanetId', () => String, { nullable: true }) animePlanetId?: string,
    @Arg('livechartId', () => Int, { nullable: true }) livechartId?: number,
    @Arg('anisearchId', () => Int, { nullable: true }) anisearchId?: number,
    @Arg('animecountdownId', () => Int, { nullable: true }) animecountdownId?: number,
  ): AnimeRecord {
    const lookup: AnimeLookup = { id, malId, anilistId, kitsuId, anidbId, annId, animePlanetId, livechartId, anisearchId, animecountdownId };
    const given = LOOKUP_ARGS.filter((name) => lookup[name] !== undefined && lookup[name] !== null);
    if (given.length !== 1) throw badInput(`anime() takes exactly one id argument; got ${given.length ? given.join(', ') : 'none'}`);
    const record = findByKeys(this.catalog, lookup);
    if (!record) throw notFound(`No anime with ${given[0]} ${JSON.stringify(lookup[given[0]!])} in the catalog`, { argument: given[0] });
    return record;
  }

  @Query(() => AnimeConnection, { description: 'Title search (any language, spelling, typos) with filters, sorts and cursor pagination.' })
  search(
    @Arg('query', () => String, { nullable: true, description: 'Words of a title in any script; empty lists everything that passes the filter.' })
    query?: string,
    @Arg('filter', () => AnimeFilter, { nullable: true }) filter?: AnimeFilter,
    @Arg('sort', () => AnimeSort, { nullable: true }) sort?: AnimeSort,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' }) after?: string,
    @Ctx() context?: unknown,
  ) {
    // A signed-in user's adult and avoided-genre exclusions; avoided genres only when browsing (a
    // title search names what it wants).
    return withPreferences(context, (preferences) => {
      const excluded = excludedTags(preferences, { avoidGenres: !query?.trim(), include: filter?.tagsInclude });
      return this.catalog.search({ query, filter: withPreferredExclusions(filter, excluded), sort, first, after });
    });
  }

  @Query(() => AnimeConnection, { description: 'Everything that started in one season, in broadcast order.' })
  seasonal(
    @Arg('year', () => Int) year: number,
    @Arg('season', () => Season) season: Season,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Ctx() context?: unknown,
  ) {
    if (year < 1900 || year > 2100) throw badInput('year must be between 1900 and 2100', { field: 'year' });
    return withPreferences(context, (preferences) => {
      const own: AnimeFilter = { yearFrom: year, yearTo: year, season };
      const filter = withPreferredExclusions(own, excludedTags(preferences, { avoidGenres: true }));
      return this.catalog.search({ filter, sort: AnimeSort.OLDEST, first, after });
    });
  }

  @FieldResolver(() => String, {
    description:
      "Display title: MyAnimeList's main title, else the anime-offline-database title, else English, else a romanisation of the Japanese title; never an ALL-CAPS or decorated styling (kept in synonyms).",
  })
  title(@Root() a: AnimeRecord, @Ctx() context: unknown): string | Promise<string> {
    // A signed-in user's titleLanguage picks titleEnglish/titleRomaji/titleJapanese when the entry has it.
    return withPreferences(context, (preferences) => titleIn(a, preferences?.titleLanguage));
  }

  @Query(() => [Anime], { description: 'The franchise of an entry (every entry connected by relations) in release order: a watch order.' })
  franchise(@Arg('id', () => ID) id: string): AnimeRecord[] {
    const record = this.catalog.byId(id);
    if (!record) throw notFound(`No anime with id ${JSON.stringify(id)} in the catalog`, { argument: 'id' });
    return this.catalog.franchise(record);
  }

  @Query(() => CatalogInfo, { description: 'Size of the catalog and what each provider loaded or skipped.' })
  catalogInfo(): CatalogInfo {
    return { entries: this.catalog.size, sources: this.catalog.reports.map((r) => ({ ...r })) };
  }

  @FieldResolver(() => Int, { nullable: true }) malId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.malId); }
  @FieldResolver(() => Int, { nullable: true }) anilistId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.anilistId); }
  @FieldResolver(() => Int, { nullable: true }) kitsuId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.kitsuId); }
  @FieldResolver(() => Int, { nullable: true }) anidbId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.anidbId); }
  @FieldResolver(() => Int, { nullable: true }) annId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.annId); }
  @FieldResolver(() => Int, { nullable: true }) livechartId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.livechartId); }
  @FieldResolver(() => Int, { nullable: true }) anisearchId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.anisearchId); }
  @FieldResolver(() => Int, { nullable: true }) animecountdownId(@Root() a: AnimeRecord) { return intIdOf(a, KEY_FIELDS.animecountdownId); }
  @FieldResolver(() => String, { nullable: true, description: 'Anime-Planet slug.' })
  animePlanetId(@Root() a: AnimeRecord) { return platformIdOf(a, SLUG_KEY_FIELDS.animePlanetId); }
  @FieldResolver(() => Int, { nullable: true }) bangumiId(@Root() a: AnimeRecord) { return intIdOf(a, Platform.BANGUMI); }
  @FieldResolver(() => Int, { nullable: true }) annictId(@Root() a: AnimeRecord) { return intIdOf(a, Platform.ANNICT); }
  @FieldResolver(() => Int, { nullable: true }) syobocalId(@Root() a: AnimeRecord) { return intIdOf(a, Platform.SYOBOCAL); }
  @FieldResolver(() => Int, { nullable: true }) simklId(@Root() a: AnimeRecord) { return intIdOf(a, Platform.SIMKL); }
  @FieldResolver(() => String, { nullable: true }) notifyMoeId(@Root() a: AnimeRecord) { return platformIdOf(a, Platform.NOTIFY_MOE); }
  @FieldResolver(() => String, { nullable: true }) imdbId(@Root() a: AnimeRecord) { return platformIdOf(a, Platform.IMDB); }

  @FieldResolver(() => [PlatformLink], { description: 'Every platform id of the entry, unknown sites included (as OTHER).' })
  platformIds(@Root() a: AnimeRecord): PlatformLink[] {
    return a.platformIds;
  }

  @FieldResolver(() => [String], { description: 'Source URLs, one per platform page.' })
  sources(@Root() a: AnimeRecord): string[] {
    return a.platformIds.map((p) => p.url);
  }

  @FieldResolver(() => [RelatedAnime], { description: 'Entries related to this one that are in the catalog.' })
  related(@Root() a: AnimeRecord) {
    return this.catalog.related(a);
  }

  @FieldResolver(() => [StreamingOffer], { description: 'Regional offers known to the catalog; `region` keeps offers for that ISO code or with no region data.' })
  streamingOffers(@Root() a: AnimeRecord, @Arg('region', () => String, { nullable: true }) region?: string, @Ctx() context?: unknown): StreamingOffer[] | Promise<StreamingOffer[]> {
    // Without `region`, a signed-in user's region.
    return withPreferences(context, (preferences) => {
      const code = (region || preferences?.region)?.toUpperCase();
      if (!code) return a.streaming;
      return a.streaming.filter((s) => s.regions.length === 0 || s.regions.includes(code));
    });
  }
}
