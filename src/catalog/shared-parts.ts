// Parts that many records hold alike, held once, and parts that can be derived, not held. Read
// from the records cache, every value is an object, array or string of its own:
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
import { withDerivedUrl } from '../crosswalk/index.js';
import type { AnimeRecord, ProviderRef } from '../domain/index.js';

const EMPTY: string[] = Object.freeze([]) as unknown as string[];

/** Shares equal parts between records and drops derivable platform-id URLs, in place. */
export function shareRepeatedParts(records: readonly AnimeRecord[]): void {
  const providers = new Map<string, ProviderRef>();
  const regions = new Map<string, string[]>();
  const strings = new Map<string, string>();
  const intern = (value: string | null): string | null => {
    if (value === null) return null;
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };
  for (const record of records) {
    record.providers = record.providers.map((ref) => {
      const key = `${ref.provider}\n${ref.licence}`;
      let shared = providers.get(key);
      if (!shared) providers.set(key, (shared = Object.freeze({ provider: ref.provider, licence: ref.licence })));
      return shared;
    });
    for (const offer of record.streaming) {
      const key = offer.regions.join('\n');
      let shared = regions.get(key);
      if (!shared) regions.set(key, (shared = Object.freeze([...offer.regions]) as string[]));
      offer.regions = shared;
      offer.service = intern(offer.service)!;
      offer.since = intern(offer.since);
    }
    record.platformIds = record.platformIds.map(withDerivedUrl);
    for (const relation of record.relations) relation.target = withDerivedUrl(relation.target);
    // platformIds is left out: the crosswalk overlay adds to a record's own list.
    if (record.synonyms.length === 0) record.synonyms = EMPTY;
    if (record.tags.length === 0) record.tags = EMPTY;
    if (record.studios.length === 0) record.studios = EMPTY;
    if (record.producers.length === 0) record.producers = EMPTY;
    if (record.relations.length === 0) record.relations = EMPTY as unknown as AnimeRecord['relations'];
    if (record.streaming.length === 0) record.streaming = EMPTY as unknown as AnimeRecord['streaming'];
  }
}
