// The in-memory catalog: merged records, lookups by any platform id, title search with filters,
// seasonal lists and franchise (relation graph) in watch order.
import { canonicalTag, Platform, RelationKind, Season, type AnimeRecord } from '../domain/index.js';
import { parseCanonicalId, splitCanonicalKey } from '../crosswalk/index.js';
import type { ProviderReport } from './providers/types.js';
import { TitleIndex, type TitleIndexSnapshot } from './search/title-index.js';
import { badInput } from '../errors/index.js';
import { AnimeSort, matchesFilter, paginate, sortRecords, validateFilter, type AnimeFilterInput, type Page } from './search/query.js';

export interface SearchParams {
  query?: string | null;
  filter?: AnimeFilterInput | null;
  sort?: AnimeSort | null;
  first?: number | null;
  after?: string | null;
}

export interface RelatedAnime {
  anime: AnimeRecord;
  kind: RelationKind;
}

export interface CatalogBuildOptions {
  /**
   * The title index computed before over the same records (title-index-cache.ts checks that by
   * its key); one that does not fit them throws TitleIndexSnapshotError.
   */
  titleIndex?: TitleIndexSnapshot;
}

export const MAX_QUERY_LENGTH = 200;
const MAX_FRANCHISE_SIZE = 300;
const SEASON_MONTH: Record<Season, string> = { WINTER: '01', SPRING: '04', SUMMER: '07', FALL: '10' };

export class Catalog {
  /**
   * Every record by each of its platform ids, one map per platform, keyed by the id strings the
   * records hold (~72k entries; a single map by `<platform>:<id>` made a key string of each, ~2 MB).
   */
  private readonly byPlatformId = new Map<Platform, Map<string, AnimeRecord>>();
  /** Records whose id names no platform (bangumi-data entries without one: `bangumi-data:<hash>`). */
  private readonly byOtherId = new Map<string, AnimeRecord>();
  private readonly links = new Map<AnimeRecord, RelatedAnime[]>();
  private readonly titles: TitleIndex;

  constructor(
    readonly records: readonly AnimeRecord[],
    readonly reports: readonly ProviderReport[],
    options: CatalogBuildOptions = {},
  ) {
    for (const record of records) {
      // A record's own canonical id is its own even where an earlier record has the same alias.
      const own = splitCanonicalKey(record.id);
      if (own) this.idsOf(own.platform).set(own.id, record);
      else this.byOtherId.set(record.id, record);
      for (const pid of record.platformIds) {
        if (pid.platform === Platform.OTHER) continue;
        const ids = this.idsOf(pid.platform);
        if (!ids.has(pid.id)) ids.set(pid.id, record);
      }
    }
    this.linkRelations();
    // The index reads a narrower view of the records (IndexedRecord); they are these records.
    this.titles = new TitleIndex(records, (record) => this.related(record as AnimeRecord), options.titleIndex);
  }

  private idsOf(platform: Platform): Map<string, AnimeRecord> {
    let ids = this.byPlatformId.get(platform);
    if (!ids) this.byPlatformId.set(platform, (ids = new Map()));
    return ids;
  }

  /** What the title index computed, for the on-disk cache (title-index-cache.ts). */
  titleIndexSnapshot(): TitleIndexSnapshot {
    return this.titles.snapshot();
  }

  get size(): number {
    return this.records.length;
  }

  /** By canonical id, or any `<platform>:<id>` alias (so ids survive catalog updates). */
  byId(id: string): AnimeRecord | undefined {
    const key = splitCanonicalKey(id);
    const exact = key ? this.byPlatformId.get(key.platform)?.get(key.id) : this.byOtherId.get(id);
    if (exact) return exact;
    const parsed = parseCanonicalId(id);
    return parsed ? this.byPlatform(parsed.platform, parsed.id) : undefined;
  }

  byPlatform(platform: Platform, id: string | number): AnimeRecord | undefined {
    return this.byPlatformId.get(platform)?.get(String(id));
  }

  search(params: SearchParams): Page<AnimeRecord> {
    validateFilter(params.filter);
    const text = params.query?.trim() ?? '';
    if (text.length > MAX_QUERY_LENGTH) throw badInput(`query is longer than ${MAX_QUERY_LENGTH} characters`, { field: 'query' });
    const candidates = text ? this.titles.find(text).map((hit) => this.records[hit.index]!) : [...this.records];
    const filter = withCanonicalTags(params.filter);
    const matching = candidates.filter((record) => matchesFilter(record, filter));
    const sort = params.sort ?? (text ? AnimeSort.RELEVANCE : AnimeSort.TITLE);
    return paginate(sortRecords(matching, sort), params.first, params.after);
  }

  seasonal(year: number, season: Season): AnimeRecord[] {
    return sortRecords(
      this.records.filter((r) => r.year === year && r.season === season),
      AnimeSort.OLDEST,
    );
  }

  related(record: AnimeRecord): RelatedAnime[] {
    return this.links.get(record) ?? [];
  }

  /** Every entry connected to this one by relations, in release (watch) order. */
  franchise(record: AnimeRecord): AnimeRecord[] {
    const seen = new Set<AnimeRecord>([record]);
    const queue = [record];
    while (queue.length && seen.size < MAX_FRANCHISE_SIZE) {
      for (const { anime } of this.related(queue.shift()!)) {
        if (!seen.has(anime)) {
          seen.add(anime);
          queue.push(anime);
        }
      }
    }
    return [...seen].sort((a, b) => releaseKey(a).localeCompare(releaseKey(b)) || a.title.localeCompare(b.title));
  }

  // Relations point at platform ids; both directions are kept because most sources list a link
  // on one side only.
  private linkRelations(): void {
    const add = (from: AnimeRecord, to: AnimeRecord, kind: RelationKind) => {
      const list = this.links.get(from) ?? [];
      if (!list.some((r) => r.anime === to)) list.push({ anime: to, kind });
      this.links.set(from, list);
    };
    for (const record of this.records) {
      for (const relation of record.relations) {
        const target = this.byPlatform(relation.target.platform, relation.target.id);
        if (!target || target === record) continue;
        add(record, target, relation.kind);
        add(target, record, inverse(relation.kind));
      }
    }
  }
}

/** Record tags are canonical (domain/genres.ts); the filter's tags are read the same way, so "Sci Fi" finds "sci-fi". */
function withCanonicalTags(filter: AnimeFilterInput | null | undefined): AnimeFilterInput | null | undefined {
  if (!filter?.tagsInclude?.length && !filter?.tagsExclude?.length) return filter;
  return { ...filter, tagsInclude: filter.tagsInclude?.map(canonicalTag), tagsExclude: filter.tagsExclude?.map(canonicalTag) };
}

function releaseKey(record: AnimeRecord): string {
  if (record.startDate) return record.startDate;
  if (record.year != null) return `${record.year}-${record.season ? SEASON_MONTH[record.season] : '12'}-99`;
  return '9999';
}

function inverse(kind: RelationKind): RelationKind {
  if (kind === RelationKind.SEQUEL) return RelationKind.PREQUEL;
  if (kind === RelationKind.PREQUEL) return RelationKind.SEQUEL;
  return kind;
}
