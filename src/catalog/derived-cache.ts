// The catalog's derived data on disk: merging ~25k provider rows (with a kuromoji romaji reading
// for every Japanese title) takes seconds at every start, yet its inputs rarely change. The merged
// records are written once under a key made of everything they derive from — the provider files'
// contents, the bundled data packages' versions, the options, and the code that derives them — and
// read back while that key holds. Any change of input or code makes a new key, so a stale file is
// never read; old files are pruned.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { withCacheFileBytes } from './cache-file-bytes.js';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnimeRecord } from '../domain/index.js';
import type { ProviderReport } from './providers/types.js';
import { RecordParts, type EncodedRecord, type PartTables } from './shared-parts.js';

/** Bumped when the file layout changes (the code hash covers what the records contain). */
const FORMAT_VERSION = 3;
const PREFIX = 'catalog-records-';

/** The packages whose data or code shape the merged records. */
const PACKAGES = ['bangumi-data', '@kawaiioverflow/arm', 'kuromoji', 'wanakana'];

/** Source folders (next to this module, .ts under jest or .js when built) that derive the records. */
const CODE_FOLDERS = ['.', '../text', '../domain', '../crosswalk'];

export interface DerivedRecords {
  records: AnimeRecord[];
  reports: ProviderReport[];
}

export interface DerivedCacheInputs {
  /** Data files read (a missing one counts as missing, so adding it later changes the key). */
  files: Array<string | null>;
  /** Options that change what is derived (which providers, romaji on or off). */
  options: Record<string, unknown>;
}

/** The key of the records these inputs derive, as a hex digest. */
export async function derivedCacheKey(inputs: DerivedCacheInputs): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT_VERSION}\n${JSON.stringify(inputs.options)}\n`);
  for (const file of inputs.files) {
    hash.update(`file ${file ?? '-'}\n`);
    if (file && existsSync(file)) hash.update(await readFile(file));
  }
  const require = createRequire(import.meta.url);
  for (const name of PACKAGES) {
    let version = 'missing';
    try {
      version = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // not installed: the loaders report that themselves
    }
    hash.update(`package ${name}@${version}\n`);
  }
  hash.update(await codeDigest());
  return hash.digest('hex').slice(0, 32);
}

const codeDigests = new Map<string, Promise<string>>();

/**
 * A digest of the code in `folders` (relative to src/catalog: .ts under jest, .js when built), read
 * once per process.
 */
export function codeDigest(folders: readonly string[] = CODE_FOLDERS): Promise<string> {
  const id = folders.join('\n');
  let digest = codeDigests.get(id);
  if (!digest) {
    digest = (async () => {
      const here = dirname(fileURLToPath(import.meta.url));
      const hash = createHash('sha256');
      for (const folder of folders) {
        const root = resolve(here, folder);
        const files = (await readdir(root, { recursive: true }))
          .filter((f) => /\.(ts|js)$/.test(f) && !/\.test\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
          .sort();
        for (const file of files) hash.update(`${folder}/${file}\n`).update(await readFile(join(root, file)));
      }
      return hash.digest('hex');
    })();
    codeDigests.set(id, digest);
  }
  return digest;
}

/** The first line of a records file; one line per record follows. */
interface Header {
  format: number;
  key: string;
  count: number;
  reports: ProviderReport[];
  tables: PartTables;
}

/**
 * The records kept under `key`, or null when there are none. A damaged or foreign file (a disk
 * filled mid-write elsewhere, a file copied in by hand) is null too, with `problem` told why: the
 * caller derives again and overwrites it. Each record is parsed from its own line and made whole
 * at once (shared-parts.ts), so no string of the whole file is ever made.
 */
export async function readDerivedRecords(dir: string, key: string, problem?: (reason: string, path: string) => void): Promise<DerivedRecords | null> {
  const path = join(dir, `${PREFIX}${key}.jsonl`);
  if (!existsSync(path)) return null;
  try {
    return await withCacheFileBytes(path, (bytes) => {
      let end = bytes.indexOf(0x0a);
      const header = (end > 0 ? JSON.parse(bytes.toString('utf8', 0, end)) : null) as Partial<Header> | null;
      if (header?.format !== FORMAT_VERSION || !Array.isArray(header.reports) || !header.tables || typeof header.count !== 'number') throw new Error('not a records file');
      if (header.key !== key) throw new Error('written under another key');
      const parts = RecordParts.fromTables(header.tables);
      const records: AnimeRecord[] = [];
      for (let start = end + 1; start < bytes.length; start = end + 1) {
        end = bytes.indexOf(0x0a, start);
        if (end < 0) end = bytes.length;
        records.push(parts.restore(JSON.parse(bytes.toString('utf8', start, end)) as EncodedRecord));
      }
      if (records.length !== header.count) throw new Error(`${records.length} records, expected ${header.count} (truncated?)`);
      return { records, reports: header.reports };
    });
  } catch (error) {
    problem?.((error as Error).message, path);
    return null;
  }
}

/**
 * Keeps `value` under `key`: written to a temporary file and renamed, so a reader (another process
 * starting at the same time) sees the whole file or none; the oldest other keys' files are removed.
 * The records are written as shared-parts.ts encodes them, one line each, after a header line.
 */
export async function writeDerivedRecords(dir: string, key: string, value: DerivedRecords): Promise<void> {
  const parts = new RecordParts();
  const lines = value.records.map((record) => asciiJson(JSON.stringify(parts.encode(record))));
  const header: Header = { format: FORMAT_VERSION, key, count: value.records.length, reports: value.reports, tables: parts.tables() };
  await writeCacheFile(dir, PREFIX, `${PREFIX}${key}.jsonl`, `${asciiJson(JSON.stringify(header))}\n${lines.join('\n')}`);
}

/**
 * `json` with every character outside ASCII written as a \u escape (the same JSON value): a
 * record's text is then a one-byte string when read back, and a line break inside a string value
 * (JSON escapes those anyway) never splits a record.
 */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Files of other keys kept (a few configurations in turn, e.g. tests with a provider off). */
const KEEP_OTHER_KEYS = 3;
/** A temporary file this old was left by a process that died mid-write. */
const ORPHAN_AGE_MS = 60 * 60_000;

/**
 * Writes `data` as `dir/name` through a temporary file and a rename (a reader sees the whole file
 * or none), then prunes the files of other keys starting with `prefix`: the newest few stay.
 */
export async function writeCacheFile(dir: string, prefix: string, name: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(temporary, data);
    else await writeFile(temporary, Buffer.concat(data as Uint8Array[]));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const now = Date.now();
  const others: Array<{ file: string; mtimeMs: number }> = [];
  for (const file of await readdir(dir)) {
    if (!file.startsWith(prefix) || file === name) continue;
    const stats = await stat(join(dir, file)).catch(() => null);
    if (!stats) continue;
    if (file.endsWith('.tmp')) {
      if (now - stats.mtimeMs > ORPHAN_AGE_MS) await rm(join(dir, file), { force: true });
    } else others.push({ file, mtimeMs: stats.mtimeMs });
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of others.slice(KEEP_OTHER_KEYS)) await rm(join(dir, file), { force: true });
}
