// The main series a title names: "watch order for Demon Slayer", "Attack on Titan sequels" ask
// about the franchise whose first TV series is the way in, not about the film or recap whose name
// matched the words best. The franchise is the title series first (entries whose main or English
// title names the same series, src/similarity/title-series.ts), then the catalog's relation graph,
// which can reach across a crossover into another work's franchise.
import type { Catalog } from '../catalog/index.js';
import { AnimeFormat, type AnimeRecord } from '../domain/index.js';
import { TitleSeriesIndex } from '../similarity/title-series.js';

const series = new WeakMap<Catalog, TitleSeriesIndex>();

function seriesIndex(catalog: Catalog): TitleSeriesIndex {
  let index = series.get(catalog);
  if (!index) series.set(catalog, (index = new TitleSeriesIndex(catalog.records)));
  return index;
}

const released = (r: AnimeRecord) => r.startDate ?? (r.year != null ? `${r.year}-99` : '9999');

function firstTv(records: Iterable<AnimeRecord>): AnimeRecord | null {
  let first: AnimeRecord | null = null;
  for (const r of records) if (r.format === AnimeFormat.TV && (!first || released(r) < released(first))) first = r;
  return first;
}

function seriesMembers(catalog: Catalog, record: AnimeRecord): AnimeRecord[] {
  return seriesIndex(catalog)
    .seriesOf(record)
    .map((id) => catalog.byId(id))
    .filter((r): r is AnimeRecord => !!r);
}

/** Whether two entries are of one franchise: one title series, or linked by the catalog's relations. */
export function sameFranchise(catalog: Catalog, a: AnimeRecord, b: AnimeRecord): boolean {
  return seriesMembers(catalog, a).includes(b) || catalog.franchise(a).includes(b);
}

/** The first TV series of the record's own title series, or null when it has none. */
export function seriesMain(catalog: Catalog, record: AnimeRecord): AnimeRecord | null {
  return firstTv(seriesMembers(catalog, record));
}

/**
 * The first TV series of the franchise the record belongs to, unless the entry named exactly (the
 * record, or a member of its series `named` accepts) came out before it: a franchise that began as
 * a film or an OVA starts there ("Ghost in the Shell" is the 1995 film, not Stand Alone Complex).
 * The record itself when the franchise has no TV series.
 */
export function franchiseMain(catalog: Catalog, record: AnimeRecord, named: (member: AnimeRecord) => boolean = () => false): AnimeRecord {
  const members = seriesMembers(catalog, record);
  const tv = firstTv(members) ?? firstTv(catalog.franchise(record));
  const origin = [record, ...members.filter(named)].reduce((a, b) => (released(b) < released(a) ? b : a));
  return tv && released(tv) <= released(origin) ? tv : origin;
}
