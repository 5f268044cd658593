// Parts that many records hold alike, held once, and parts that can be derived, not held:
// - every record names its providers with their licences (five distinct pairs across the bundled
//   catalog, ~40k objects), and most streaming offers carry one of a dozen region lists, one of
//   ~30 services and a start date many offers share;
// - most records have no studios, producers or relations, and many no streaming offers, synonyms
//   or tags: ~67k empty lists;
// - every platform id (an entry's own and its relations' targets) carried its URL, which platform
//   and id determine (~60k strings).
// The shared ones are frozen, so code that would change one record's provider, regions or empty
// list through them fails at once instead of changing them all; code that changes a record
// assigns a new list (enrichment.ts does).
//
// The records cache (derived-cache.ts) writes records in this form, with providers and region
// lists as positions in tables and empty lists written as 0, and `RecordParts.restore` fills one
// record in as soon as its line is parsed: what it replaces dies young, instead of ~7 MB of
// objects that JSON.parse made for all records surviving into the old generation first.
import { withDerivedUrl } from '../crosswalk/index.js';
import type { AnimeRecord, ProviderRef } from '../domain/index.js';

const EMPTY: string[] = Object.freeze([]) as unknown as string[];

/** The list fields an encoded record writes as 0 when empty. */
const LIST_FIELDS = ['synonyms', 'tags', 'studios', 'producers', 'relations', 'streaming', 'platformIds'] as const;

/**
 * A record as the records cache holds it: providers and regions by position, an empty list as 0.
 * The 0 keeps the field in its place: JSON.parse then makes every record with the fields in the
 * merge's order, one shape with derived records (one hidden class for V8, the same JSON), which a
 * left-out field added back at the end would not be.
 */
export type EncodedRecord = Omit<AnimeRecord, 'providers' | 'streaming' | (typeof LIST_FIELDS)[number]> & {
  [F in Exclude<(typeof LIST_FIELDS)[number], 'streaming'>]: AnimeRecord[F] | 0;
} & {
  providers: number[];
  streaming: Array<Omit<AnimeRecord['streaming'][number], 'regions'> & { regions: number }> | 0;
};

/** The tables encoded records point into. */
export interface PartTables {
  providers: Array<[provider: string, licence: string]>;
  regions: string[][];
}

/** One table of each shared part, filled as records are shared or read back. */
export class RecordParts {
  private readonly providers = new Map<string, { ref: ProviderRef; at: number }>();
  private readonly regions = new Map<string, { list: string[]; at: number }>();
  private readonly strings = new Map<string, string>();
  private readonly providerList: ProviderRef[] = [];
  private readonly regionList: string[][] = [];

  /** Parts for reading records back: the tables they were written with. */
  static fromTables(tables: PartTables): RecordParts {
    const parts = new RecordParts();
    for (const [provider, licence] of tables.providers) parts.provider({ provider, licence });
    for (const list of tables.regions) parts.regionsOf(list);
    return parts;
  }

  tables(): PartTables {
    return { providers: this.providerList.map((ref) => [ref.provider, ref.licence]), regions: this.regionList.map((list) => [...list]) };
  }

  /** Shares `record`'s repeated parts and drops its derivable URLs, in place. */
  share(record: AnimeRecord): void {
    record.providers = record.providers.map((ref) => this.provider(ref).ref);
    for (const offer of record.streaming) {
      offer.regions = this.regionsOf(offer.regions).list;
      this.internStrings(offer);
    }
    deriveUrls(record);
    // platformIds is left out: the crosswalk overlay adds to a record's own list.
    for (const field of LIST_FIELDS) if (field !== 'platformIds' && record[field].length === 0) (record as unknown as Record<string, unknown>)[field] = EMPTY;
  }

  /** `record` as the records cache writes it (after `share`). */
  encode(record: AnimeRecord): EncodedRecord {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) out[field] = Array.isArray(value) && value.length === 0 ? 0 : value;
    out['providers'] = record.providers.map((ref) => this.provider(ref).at);
    if (record.streaming.length > 0) out['streaming'] = record.streaming.map((offer) => ({ ...offer, regions: this.regionsOf(offer.regions).at }));
    return out as unknown as EncodedRecord;
  }

  /** An encoded record, parsed, made whole again in place (throws on a position out of range). */
  restore(encoded: EncodedRecord): AnimeRecord {
    const record = encoded as unknown as AnimeRecord;
    const fields = record as unknown as Record<string, unknown>;
    for (const field of LIST_FIELDS) if (fields[field] === 0 || fields[field] === undefined) fields[field] = field === 'platformIds' ? [] : EMPTY;
    const providers = record.providers as unknown as number[];
    for (let i = 0; i < providers.length; i += 1) (record.providers as unknown[])[i] = this.at(this.providerList, providers[i]!, 'provider');
    for (const offer of record.streaming) {
      offer.regions = this.at(this.regionList, offer.regions as unknown as number, 'region list');
      this.internStrings(offer);
    }
    deriveUrls(record);
    return record;
  }

  private internStrings(offer: AnimeRecord['streaming'][number]): void {
    offer.service = this.intern(offer.service);
    offer.since = offer.since === null ? null : this.intern(offer.since);
  }

  private at<T>(list: readonly T[], position: number, what: string): T {
    const value = Number.isInteger(position) ? list[position] : undefined;
    if (value === undefined) throw new RangeError(`${what} ${String(position)} is not in the file's table`);
    return value;
  }

  private provider(ref: ProviderRef): { ref: ProviderRef; at: number } {
    const key = `${ref.provider}\n${ref.licence}`;
    let shared = this.providers.get(key);
    if (!shared) {
      shared = { ref: Object.freeze({ provider: ref.provider, licence: ref.licence }), at: this.providerList.length };
      this.providers.set(key, shared);
      this.providerList.push(shared.ref);
    }
    return shared;
  }

  private regionsOf(list: readonly string[]): { list: string[]; at: number } {
    const key = list.join('\n');
    let shared = this.regions.get(key);
    if (!shared) {
      shared = { list: Object.freeze([...list]) as string[], at: this.regionList.length };
      this.regions.set(key, shared);
      this.regionList.push(shared.list);
    }
    return shared;
  }

  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}

/** The record's platform ids, its own and its relations' targets, with URLs derived when read. */
function deriveUrls(record: AnimeRecord): void {
  record.platformIds = record.platformIds.map(withDerivedUrl);
  for (const relation of record.relations) relation.target = withDerivedUrl(relation.target);
}

/** Shares equal parts between records and drops derivable platform-id URLs, in place. */
export function shareRepeatedParts(records: readonly AnimeRecord[]): void {
  const parts = new RecordParts();
  for (const record of records) parts.share(record);
}
