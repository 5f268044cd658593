// The title index on disk. Building it (names tokenised, bigrams, short forms, season markers and
// priors of ~16k entries) took 1–3 s at every start; its inputs change only with the catalog. It is
// written once under a key of exactly what it reads — the fields of IndexedRecord for every entry,
// in order, and the code of src/catalog/search and src/domain — and read back while that key
// holds. The key is taken over the final records (after the crosswalk overlay and the store), so
// a change anywhere upstream rebuilds the index and nothing else: a new store harvest rebuilds the
// index but reuses the merged records (derived-cache.ts). While neither the overlay nor the store
// changed the cached records, the key is derived from the records cache's key instead
// (titleIndexKeyOfRecords), which saves hashing every entry.
//
// Format: a magic line, a JSON header line (format, key, V8 version, entries, the payload's length
// and sha256), then the snapshot written by v8.serialize (typed arrays and strings as they are).
// The digest (~12 ms for ~20 MB) is checked before reading: a flipped byte inside a posting could
// otherwise point a search at an entry that does not exist. The V8 version is in the key: another
// Node reads its own file.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { withCacheFileBytes } from './cache-file-bytes.js';
import { codeDigest, writeCacheFile } from './derived-cache.js';
import type { IndexedRecord, TitleIndexSnapshot } from './search/title-index.js';

/** Bumped when the file layout or the snapshot's shape changes without a code change in search/. */
const FORMAT_VERSION = 1;
const PREFIX = 'title-index-';
const MAGIC = 'anime-federation title index\n';
/** The code the index is computed by (relative to src/catalog). */
const CODE_FOLDERS = ['./search', '../domain'];

interface Header {
  format: number;
  key: string;
  v8: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** The fields the index reads, in a fixed order (IndexedRecord is the list the compiler checks). */
function indexedFields(r: IndexedRecord): unknown[] {
  return [
    r.id,
    r.title,
    r.titleEnglish,
    r.titleRomaji,
    r.titleJapanese,
    r.synonyms,
    r.format,
    r.year,
    r.startDate,
    r.popularity,
    r.platformIds,
    r.relations,
    r.streaming.length,
    r.providers.length,
  ];
}

/** The key of the title index of these records, as a hex digest. */
export async function titleIndexKey(records: readonly IndexedRecord[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT_VERSION}\nv8 ${process.versions.v8}\nentries ${records.length}\n`);
  hash.update(await codeDigest(CODE_FOLDERS));
  // One line per entry: field values cannot run into the next entry's.
  for (const record of records) hash.update(JSON.stringify(indexedFields(record))).update('\n');
  return hash.digest('hex').slice(0, 32);
}

/**
 * The key of the title index of records read unchanged from the derived-data cache under
 * `recordsKey` (no overlay id added, no store answer merged): those records, and so every field
 * the index reads, are a function of that key; the index's own code is hashed here as in
 * titleIndexKey, so the key does not lean on what the records key covers. Saves hashing every
 * entry's fields (~100 ms of a warm start).
 */
export async function titleIndexKeyOfRecords(recordsKey: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT_VERSION}\nv8 ${process.versions.v8}\nrecords ${recordsKey}\n`);
  hash.update(await codeDigest(CODE_FOLDERS));
  return hash.digest('hex').slice(0, 32);
}

export function titleIndexFile(dir: string, key: string): string {
  return join(dir, `${PREFIX}${key}.bin`);
}

/**
 * The snapshot kept under `key` for `records` entries, or null when there is none. A damaged or
 * foreign file is null too, with `problem` told why (the caller builds the index and overwrites it).
 */
export async function readTitleIndex(
  dir: string,
  key: string,
  records: number,
  problem?: (reason: string, path: string) => void,
): Promise<TitleIndexSnapshot | null> {
  const path = titleIndexFile(dir, key);
  if (!existsSync(path)) return null;
  try {
    return await withCacheFileBytes(path, (bytes) => {
      if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a title index file');
      const end = bytes.indexOf(0x0a, MAGIC.length);
      if (end < 0) throw new Error('no header');
      const header = JSON.parse(bytes.toString('utf8', MAGIC.length, end)) as Partial<Header>;
      if (header.format !== FORMAT_VERSION) throw new Error(`format ${String(header.format)}, expected ${FORMAT_VERSION}`);
      if (header.key !== key) throw new Error('written under another key');
      if (header.v8 !== process.versions.v8) throw new Error(`written by V8 ${String(header.v8)}`);
      if (header.records !== records) throw new Error(`of ${String(header.records)} entries, not ${records}`);
      const payload = bytes.subarray(end + 1);
      if (payload.length !== header.bytes) throw new Error(`${payload.length} bytes of snapshot, expected ${String(header.bytes)} (truncated?)`);
      if (createHash('sha256').update(payload).digest('hex') !== header.sha256) throw new Error('snapshot digest does not match (damaged)');
      const snapshot = deserialize(payload) as TitleIndexSnapshot;
      if (typeof snapshot !== 'object' || snapshot === null || snapshot.records !== records) throw new Error('snapshot does not match its header');
      return withOwnBuffers(snapshot);
    });
  } catch (error) {
    problem?.((error as Error).message, path);
    return null;
  }
}

/**
 * `value` with every typed array in it copied into a buffer of its own. v8.deserialize makes an
 * aligned typed array a view of the file's whole buffer: one of them alive kept the ~24 MB file
 * in memory beside the strings read out of it.
 */
function withOwnBuffers<T>(value: T): T {
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as Int32Array;
    return (view.byteLength === view.buffer.byteLength ? view : view.slice()) as T;
  }
  if (Array.isArray(value)) {
    // Lists of strings or numbers hold no typed array: only lists of objects are walked.
    if (value.length > 0 && typeof value[0] === 'object') for (let i = 0; i < value.length; i += 1) value[i] = withOwnBuffers(value[i]);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) object[key] = withOwnBuffers(object[key]);
  }
  return value;
}

/** Keeps the snapshot under `key` (written to a temporary file and renamed; older keys pruned). */
export async function writeTitleIndex(dir: string, key: string, snapshot: TitleIndexSnapshot): Promise<void> {
  const payload = serialize(snapshot);
  const header: Header = {
    format: FORMAT_VERSION,
    key,
    v8: process.versions.v8,
    records: snapshot.records,
    bytes: payload.length,
    sha256: createHash('sha256').update(payload).digest('hex'),
  };
  await writeCacheFile(dir, PREFIX, `${PREFIX}${key}.bin`, [Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), payload]);
}
