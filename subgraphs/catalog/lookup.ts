// Finds an anime by whichever key a client or the gateway (entity reference) supplies.
import type { Catalog } from '../../src/catalog/index.js';
import type { AnimeRecord } from '../../src/domain/index.js';
import { KEY_FIELDS, SLUG_KEY_FIELDS } from './types.js';

export const LOOKUP_ARGS = ['id', ...Object.keys(KEY_FIELDS), ...Object.keys(SLUG_KEY_FIELDS)] as Array<keyof AnimeLookup>;

export type AnimeLookup = { id?: string | null } & {
  [K in keyof typeof KEY_FIELDS]?: number | null;
} & { [K in keyof typeof SLUG_KEY_FIELDS]?: string | null };

export function findByKeys(catalog: Catalog, lookup: AnimeLookup): AnimeRecord | undefined {
  if (lookup.id != null) return catalog.byId(lookup.id);
  const platforms = { ...KEY_FIELDS, ...SLUG_KEY_FIELDS };
  for (const [field, platform] of Object.entries(platforms)) {
    const value = lookup[field as keyof AnimeLookup];
    if (value !== undefined && value !== null) return catalog.byPlatform(platform, value);
  }
  return undefined;
}
