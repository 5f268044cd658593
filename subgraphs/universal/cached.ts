// The merges' cache-only sources: AniDB, ANN and the scraped sites (Anime-Planet, LiveChart,
// aniSearch). Their budgets (AniDB one call per 2 s and a daily cap, one page per site every few
// seconds) cannot serve every merge, so a merge reads what a client's own `anidb`, `ann`,
// `animePlanet`… field left in the upstream kit's cache (memory, and Redis when configured, so
// every replica sees it). It never calls those sources and never fails because of them.
//
// These reads happen here, in-process, rather than through `@requires` of the sources' `…Cached`
// fields: each such requirement multiplied the query planner's work (docs/decisions.md, "AniDB,
// ANN and the scraped sites join by id"). The gateway runs a source's fetch in the plan step
// before universal's, so a source asked in the same operation is in the cache by then.
import type { Config } from '../../src/config/index.js';
import type { Fetched } from '../../src/graphql/provenance.js';
import { fetchedOf } from '../../src/graphql/provenance.js';
import type { UpstreamKit } from '../../src/http/types.js';
import { AnidbApi } from '../anidb/client.js';
import { toAnidbAnime, type AnidbAnimeRecord } from '../anidb/mapper.js';
import { ANIMEPLANET_SLUG, AnimePlanetApi } from '../animeplanet/client.js';
import type { AnimePlanetAnimeRecord } from '../animeplanet/parser.js';
import { AnisearchApi } from '../anisearch/client.js';
import type { AnisearchAnimeRecord } from '../anisearch/parser.js';
import { AnnApi } from '../ann/client.js';
import { toAnnAnime, type AnnAnimeRecord } from '../ann/mapper.js';
import { LivechartApi } from '../livechart/client.js';
import { cachedPageOrNull } from '../scraped/read.js';
import type { LivechartAnimeRecord } from '../livechart/parser.js';
import type { AnimeRepresentation } from './sources.js';

export type CachedConfig = ConstructorParameters<typeof AnidbApi>[1] &
  ConstructorParameters<typeof AnnApi>[1] &
  ConstructorParameters<typeof AnimePlanetApi>[1] &
  ConstructorParameters<typeof LivechartApi>[1] &
  ConstructorParameters<typeof AnisearchApi>[1];

/** What the cache holds for one anime, per cache-only source (null: nothing cached, or no id). */
export interface CachedRecords {
  anidb: (AnidbAnimeRecord & Fetched) | null;
  ann: (AnnAnimeRecord & Fetched) | null;
  animePlanet: (AnimePlanetAnimeRecord & Fetched) | null;
  livechart: (LivechartAnimeRecord & Fetched) | null;
  anisearch: (AnisearchAnimeRecord & Fetched) | null;
}

export const NO_CACHED_RECORDS: CachedRecords = { anidb: null, ann: null, animePlanet: null, livechart: null, anisearch: null };

/** A cache that cannot be read (Redis away, an entry a newer parser rejects) is no answer. */
async function quietly<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

export class CachedSourceReader {
  private readonly anidb: AnidbApi;
  private readonly ann: AnnApi;
  private readonly animePlanet: AnimePlanetApi;
  private readonly livechart: LivechartApi;
  private readonly anisearch: AnisearchApi;
  /**
   * One read per anime per operation (found by the operation's context object): every merged
   * field of an anime reads the same records, and a cached scraped page costs a cheerio parse per
   * read. Per operation, so a page cached by the next operation is seen by it.
   */
  private readonly reads = new WeakMap<object, Map<object, Promise<CachedRecords>>>();

  constructor(
    kit: UpstreamKit,
    config: CachedConfig,
    private readonly now: () => Date,
  ) {
    this.anidb = new AnidbApi(kit, config);
    this.ann = new AnnApi(kit, config);
    this.animePlanet = new AnimePlanetApi(kit, config);
    this.livechart = new LivechartApi(kit, config);
    this.anisearch = new AnisearchApi(kit, config);
  }

  read(a: AnimeRepresentation, context: unknown): Promise<CachedRecords> {
    if (typeof context !== 'object' || context === null) return this.readAll(a);
    let operation = this.reads.get(context);
    if (!operation) this.reads.set(context, (operation = new Map()));
    let records = operation.get(a);
    if (!records) operation.set(a, (records = this.readAll(a)));
    return records;
  }

  private async readAll(a: CachedSourceIds): Promise<CachedRecords> {
    const [anidb, ann, animePlanet, livechart, anisearch] = await Promise.all([
      a.anidbId != null ? quietly(async () => this.withFetched(await this.anidb.cachedAnime(a.anidbId!), (d) => toAnidbAnime(d, this.now()))) : null,
      a.annId != null ? quietly(async () => this.withFetched(await this.ann.cachedAnime(a.annId!), toAnnAnime)) : null,
      // The pages are read as the scraped subgraph's `…Cached` fields read them.
      a.animePlanetId && ANIMEPLANET_SLUG.test(a.animePlanetId) ? quietly(() => cachedPageOrNull(() => this.animePlanet.cachedAnime(a.animePlanetId!))) : null,
      a.livechartId != null ? quietly(() => cachedPageOrNull(() => this.livechart.cachedAnime(a.livechartId!))) : null,
      a.anisearchId != null ? quietly(() => cachedPageOrNull(() => this.anisearch.cachedAnime(a.anisearchId!))) : null,
    ]);
    return { anidb, ann, animePlanet, livechart, anisearch };
  }

  private withFetched<D, R extends object>(
    answer: { data: D; origin: Parameters<typeof fetchedOf>[0]['origin']; fetchedAt: Parameters<typeof fetchedOf>[0]['fetchedAt'] } | null,
    map: (data: D) => R,
  ): (R & Fetched) | null {
    return answer ? { ...map(answer.data), ...fetchedOf(answer) } : null;
  }
}

type CachedSourceIds = Pick<AnimeRepresentation, 'anidbId' | 'annId' | 'animePlanetId' | 'livechartId' | 'anisearchId'>;
