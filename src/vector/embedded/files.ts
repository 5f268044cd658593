// Durable files of the embedded store: atomic writes (a temporary file in the same folder, fsync,
// rename) so a crash leaves either the old file or the new one, never half of one; and content
// hashes so a changed or truncated file is refused instead of loaded.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileDigest {
  name: string;
  bytes: number;
  sha256: string;
}

/** A sibling temporary path: same folder, so rename(2) is atomic on POSIX file systems. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes through `write(tmp)` (which must create the file at tmp), flushes it to disk, then renames it over path. */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void> | void): Promise<void> {
  const tmp = temporaryPath(path);
  try {
    await write(tmp);
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  await writeAtomically(path, async (tmp) => {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { name: basename(path), bytes: (await stat(path)).size, sha256: hash.digest('hex') };
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
