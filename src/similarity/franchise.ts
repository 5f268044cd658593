// An anime's own franchise as `similar` leaves it out: the catalog's relation graph (what the
// `franchise` field lists) plus its title series, because most catalog entries list no relations.
import type { Catalog } from '../catalog/index.js';
import type { AnimeRecord } from '../domain/index.js';
import { TitleSeriesIndex } from './title-series.js';

export class FranchiseMembers {
  private readonly series: TitleSeriesIndex;

  constructor(private readonly catalog: Catalog) {
    this.series = new TitleSeriesIndex(catalog.records);
  }

  /** Ids of the anime's franchise, itself included. */
  of(record: AnimeRecord): string[] {
    return [...new Set([...this.catalog.franchise(record).map((member) => member.id), ...this.series.seriesOf(record)])];
  }
}
