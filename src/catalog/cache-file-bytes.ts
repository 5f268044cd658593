// Reads a whole cache file, lets the caller take what it needs out of it, then hands the file's
// memory back at once. The records cache (~22 MB) and the title index (~21 MB) are read whole at
// every start; what is kept is decoded out of them (a string, or objects and typed arrays copied
// by the reader), so the file's buffer is garbage the moment it has been read. Left to the
// collector it stayed in RSS: the start-up bench measured ~20 MB of such buffers still held when
// the server was ready (process.memoryUsage().arrayBuffers 33 MB, 12 MB after a full GC).
import { readFile } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';

/**
 * `use(bytes)` over the whole file at `path`; the buffer is released when `use` returns or throws,
 * so nothing `use` returns may be a view of it (copy typed arrays out; strings decoded with
 * `toString` are copies).
 */
export async function withCacheFileBytes<T>(path: string, use: (bytes: Buffer) => T): Promise<T> {
  const bytes = await readFile(path);
  try {
    return use(bytes);
  } finally {
    releaseBuffer(bytes);
  }
}

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Frees the memory behind `bytes` now instead of at the collector's next full pass, when `bytes`
 * alone owns its ArrayBuffer (never a slice of Node's shared pool of small buffers, whose other
 * users would lose their bytes). The buffer is detached: its length reads 0 afterwards.
 *
 * Node 21+ has ArrayBuffer.prototype.transfer (a transfer to length 0 drops the old memory). On
 * Node 20 the buffer is transferred to a message port whose other end is closed: the message is
 * dropped on the next turn of the event loop, and with it the only reference to the memory.
 */
export function releaseBuffer(bytes: Buffer): void {
  const buffer = bytes.buffer as Transferable;
  if (bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength || buffer.byteLength === 0) return;
  if (typeof buffer.transfer === 'function') {
    buffer.transfer(0);
    return;
  }
  const { port1, port2 } = new MessageChannel();
  port2.close();
  port1.postMessage(null, [buffer]);
  port1.close();
}
