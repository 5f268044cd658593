// Parts that many records hold alike, held once. Every record names its providers with their
// licences (five distinct pairs across the bundled catalog, ~40k objects) and most streaming
// offers carry one of a dozen region lists; read from the records cache, each was an object or
// array of its own (~2.5 MB of the live heap when ready). The shared ones are frozen, so code that
// would change one record's provider or regions through them fails at once instead of changing
// them all.
import type { AnimeRecord, ProviderRef } from '../domain/index.js';

/** Replaces equal provider references and region lists by one frozen copy each, in place. */
export function shareRepeatedParts(records: readonly AnimeRecord[]): void {
  const providers = new Map<string, ProviderRef>();
  const regions = new Map<string, string[]>();
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
    }
  }
}
