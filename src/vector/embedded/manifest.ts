// manifest.json of the embedded store: parsed with zod at the edge, sealed by a content hash over
// everything it says (so a hand-edited or truncated manifest is refused, not trusted).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AnimeFormat, AnimeStatus } from '../../domain/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { sha256, writeFileAtomically } from './files.js';

export const MANIFEST_FILE = 'manifest.json';
/** Bump when the layout of any file changes: older folders are then rebuilt, not misread. */
export const FORMAT_VERSION = 1;

const digest = z.object({ name: z.string().regex(/^[a-z]+\.(usearch|vectors)$/), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

const kindManifest = z.object({
  dimension: z.number().int().min(1),
  hnsw: z.object({ connectivity: z.number().int(), expansionAdd: z.number().int(), expansionSearch: z.number().int() }),
  /** Slot (usearch key) -> canonical id; null for a freed slot. */
  ids: z.array(z.string().nullable()),
  index: digest,
  vectors: digest,
});

const body = z.object({
  kinds: z.object({ text: kindManifest.optional(), meta: kindManifest.optional(), image: kindManifest.optional() }),
  /** id -> [format, status, year, adult], compact because the full catalog has ~9k entries. */
  attributes: z.record(z.string(), z.tuple([z.enum(AnimeFormat), z.enum(AnimeStatus), z.number().int().nullable(), z.boolean()])),
});

const manifestFile = body.extend({ formatVersion: z.number().int(), contentHash: z.string() });

export type KindManifest = z.infer<typeof kindManifest>;
export type Manifest = z.infer<typeof body>;

// Over a canonical form (keys sorted): zod returns objects in schema order, which need not be
// the order the store wrote them in (a space declared as {meta, text} must still reload).
function contentHash(manifest: Manifest): string {
  return sha256(canonicalJson({ formatVersion: FORMAT_VERSION, kinds: manifest.kinds, attributes: manifest.attributes }));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The manifest of `dir`, null when there is none (or it is of another format version: rebuild). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.VECTOR_STORE_CORRUPT, `${path} is not valid JSON; delete the folder or open it with onCorrupt: 'rebuild' to re-embed the catalog`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== FORMAT_VERSION) return null;
  const parsed = manifestFile.safeParse(json);
  if (!parsed.success) throw new AppError(ErrorCode.VECTOR_STORE_CORRUPT, `${path} does not have the expected shape (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); delete the folder or open it with onCorrupt: 'rebuild'`);
  const { kinds, attributes } = parsed.data;
  if (contentHash({ kinds, attributes }) !== parsed.data.contentHash) {
    throw new AppError(ErrorCode.VECTOR_STORE_CORRUPT, `${path} does not match its content hash (edited or damaged); delete the folder or open it with onCorrupt: 'rebuild' to re-embed the catalog`);
  }
  return { kinds, attributes };
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const file = { formatVersion: FORMAT_VERSION, ...manifest, contentHash: contentHash(manifest) };
  await writeFileAtomically(join(dir, MANIFEST_FILE), JSON.stringify(file));
}
