// Cache files read whole give their memory back as soon as the reader is done with them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { releaseBuffer, withCacheFileBytes } from './cache-file-bytes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cache-file-bytes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withCacheFileBytes', () => {
  it('hands the whole file to the reader, keeps what it returns, and frees the file buffer', async () => {
    const path = join(dir, 'big.bin');
    await writeFile(path, Buffer.alloc(8 << 20, 'abc'));
    let seen: Buffer | undefined;
    const baseline = process.memoryUsage().arrayBuffers;
    const text = await withCacheFileBytes(path, (bytes) => {
      seen = bytes;
      return bytes.toString('latin1', 0, 6);
    });
    expect(text).toBe('abcabc');
    expect(seen!.byteLength).toBe(0); // detached
    await turn();
    await turn();
    // The 8 MB are gone from the process's array-buffer memory without waiting for a collection.
    expect(process.memoryUsage().arrayBuffers - baseline).toBeLessThan(4 << 20);
  });

  it('frees the buffer when the reader throws, and passes the error on', async () => {
    const path = join(dir, 'bad.bin');
    await writeFile(path, 'not a cache file');
    let seen: Buffer | undefined;
    await expect(
      withCacheFileBytes(path, (bytes) => {
        seen = bytes;
        throw new Error('not a title index file');
      }),
    ).rejects.toThrow('not a title index file');
    expect(seen!.byteLength).toBe(0);
  });
});

describe('releaseBuffer', () => {
  it("leaves a buffer alone that shares its memory (Node's pool of small buffers, a slice)", () => {
    const pooled = Buffer.from('small');
    const other = Buffer.from('neighbour');
    releaseBuffer(pooled);
    expect(pooled.toString()).toBe('small');
    expect(other.toString()).toBe('neighbour');
    const whole = Buffer.alloc(1024, 1);
    const slice = whole.subarray(10, 20);
    releaseBuffer(slice);
    expect(whole.byteLength).toBe(1024);
    expect(slice[0]).toBe(1);
  });
});
