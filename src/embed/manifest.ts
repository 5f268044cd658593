// The embedding job's checkpoint: per vector kind, the embedder that made the stored vectors and
// a content hash per anime id. Written atomically (temp file + rename), so a killed run leaves
// either the previous checkpoint or the new one, never a torn file.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const MANIFEST_VERSION = 1;

const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  kinds: z.record(z.string(), z.object({ embedderId: z.string(), items: z.record(z.string(), z.string()) })),
});

export type EmbedManifest = z.infer<typeof manifestSchema>;

export function emptyManifest(): EmbedManifest {
  return { version: MANIFEST_VERSION, kinds: {} };
}

/** The manifest at `path`; an absent or unreadable file starts over (everything is re-embedded). */
export async function readManifest(path: string): Promise<EmbedManifest> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : emptyManifest();
  } catch {
    return emptyManifest();
  }
}

export async function writeManifest(path: string, manifest: EmbedManifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(manifest));
  await rename(tmp, path);
}

/** Short content hash (what a vector was computed from). */
export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 16);
}
