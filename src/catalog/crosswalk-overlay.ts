// Ids that upstreams report about each other (AnimeSchedule `websites`, Kitsu `mappings`)
// complete the crosswalk where the catalog providers are silent — e.g. bangumi-data knows
// Cowboy Bebop's MAL/AniList/AniDB ids but not its Kitsu id. The overlay file is written by
// `npm run crosswalk:harvest`; it only ever adds a platform a record lacks, never overrides one
// and never creates an entry, so canonical ids stay as they are.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { Platform, type AnimeRecord, type PlatformId } from '../domain/index.js';
import { canonicalKey, parseSourceUrl } from '../crosswalk/index.js';
import { CatalogFileError } from './providers/aod.js';

export const overlayFileSchema = z.object({
  source: z.string(),
  harvestedAt: z.string(),
  entries: z.array(z.object({ ref: z.string(), urls: z.array(z.string()).min(2) })),
});
export type CrosswalkOverlay = z.infer<typeof overlayFileSchema>;

export interface OverlayReport {
  source: string;
  entries: number;
  idsAdded: number;
  /** Entries whose ids name a platform the record already has with another id: kept as is. */
  conflicts: number;
  /** Entries matching no catalog record. */
  unmatched: number;
}

export async function readOverlay(path: string): Promise<CrosswalkOverlay | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const parsed = overlayFileSchema.safeParse(safeJson(text));
  if (!parsed.success) throw new CatalogFileError(path, `not a crosswalk overlay: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function writeOverlay(path: string, overlay: CrosswalkOverlay): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(overlay, null, 1)}\n`);
  await rename(temp, path);
}

export function applyOverlay(records: readonly AnimeRecord[], overlay: CrosswalkOverlay): OverlayReport {
  const byKey = new Map<string, AnimeRecord>();
  for (const record of records) for (const id of record.platformIds) if (id.platform !== Platform.OTHER) byKey.set(canonicalKey(id.platform, id.id), record);
  const report: OverlayReport = { source: overlay.source, entries: overlay.entries.length, idsAdded: 0, conflicts: 0, unmatched: 0 };
  for (const entry of overlay.entries) {
    const ids = entry.urls.map(parseSourceUrl).filter((id) => id.platform !== Platform.OTHER);
    const record = ids.map((id) => byKey.get(canonicalKey(id.platform, id.id))).find(Boolean);
    if (!record) {
      report.unmatched += 1;
      continue;
    }
    for (const id of ids) {
      const existing = record.platformIds.filter((p) => p.platform === id.platform);
      if (existing.some((p) => p.id === id.id)) continue;
      if (existing.length) {
        report.conflicts += 1;
        continue;
      }
      record.platformIds.push(id satisfies PlatformId);
      byKey.set(canonicalKey(id.platform, id.id), record);
      report.idsAdded += 1;
    }
  }
  return report;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
