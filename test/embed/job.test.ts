// The resumable embedding job on real catalog records into the ExactVectorStore: checkpoints,
// resume after an interrupted run, re-embedding only what changed, deleting removed ids; and the
// poster kind through the polite fetcher against a loopback server serving real poster images.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { AnimeRecord } from '../../src/domain/index.js';
import { runEmbedJob } from '../../src/embed/job.js';
import { readManifest } from '../../src/embed/manifest.js';
import { fitMetadataEmbedder, type MetadataEmbedder } from '../../src/embed/meta.js';
import { PerceptualImageEmbedder } from '../../src/embed/image.js';
import { PosterFetcher } from '../../src/embed/poster-fetch.js';
import { metaSource, posterSource } from '../../src/embed/sources.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { ExactVectorStore, type VectorAttributes } from '../../src/vector/index.js';

const temp = mkdtempSync(join(tmpdir(), 'embed-job-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const attributesOf = (r: AnimeRecord): VectorAttributes => ({ format: r.format, year: r.year, status: r.status, adult: false });

let records: AnimeRecord[];
let embedder: MetadataEmbedder;
beforeAll(async () => {
  const catalog = await loadCatalog(loadConfig({ CATALOG_ROMAJI: 'false', CATALOG_BANGUMI: 'false' }));
  records = catalog.records.slice(0, 600);
  embedder = fitMetadataEmbedder(catalog.records);
});

describe('runEmbedJob', () => {
  it('embeds every record, then a second run embeds nothing', async () => {
    const store = new ExactVectorStore({ meta: 128 });
    const manifestPath = join(temp, 'full/manifest.json');
    const first = await runEmbedJob({ store, records, sources: [metaSource(embedder)], manifestPath, attributesOf, checkpointEvery: 100 });
    expect(first.kinds.meta!.embedded).toBe(records.length);
    expect(await store.count('meta')).toBe(records.length);
    const second = await runEmbedJob({ store, records, sources: [metaSource(embedder)], manifestPath, attributesOf });
    expect(second.kinds.meta).toEqual({ embedded: 0, unchanged: records.length, empty: 0, failed: 0 });
  });

  it('resumes an interrupted run from its last checkpoint', async () => {
    const store = new ExactVectorStore({ meta: 128 });
    const manifestPath = join(temp, 'resume/manifest.json');
    const stop = new AbortController();
    const first = await runEmbedJob({
      store, records, sources: [metaSource(embedder)], manifestPath, attributesOf, checkpointEvery: 64, batchSize: 32,
      onProgress: (_kind, done) => done >= 256 && stop.abort(),
    signal: stop.signal });
    expect(first.aborted).toBe(true);
    const checkpointed = Object.keys((await readManifest(manifestPath)).kinds['meta']!.items).length;
    expect(checkpointed).toBe(256);
    const resumed = await runEmbedJob({ store, records, sources: [metaSource(embedder)], manifestPath, attributesOf });
    expect(resumed.kinds.meta!.embedded).toBe(records.length - 256);
    expect(await store.count('meta')).toBe(records.length);
  });

  it('keeps the last checkpoint when a run dies mid-way (no final write), and resumes from it', async () => {
    const store = new ExactVectorStore({ meta: 128 });
    const manifestPath = join(temp, 'crash/manifest.json');
    const real = metaSource(embedder);
    let seen = 0;
    // A source that dies like a killed process would: mid-run, after 300 records.
    const dying = { ...real, embed: async (batch: AnimeRecord[]) => {
      seen += batch.length;
      if (seen > 300) throw new Error('killed');
      return real.embed(batch);
    } };
    await expect(runEmbedJob({ store, records, sources: [dying], manifestPath, attributesOf, checkpointEvery: 100, batchSize: 50 })).rejects.toThrow('killed');
    expect(Object.keys((await readManifest(manifestPath)).kinds['meta']!.items)).toHaveLength(300);
    const resumed = await runEmbedJob({ store, records, sources: [real], manifestPath, attributesOf });
    expect(resumed.kinds.meta).toEqual({ embedded: records.length - 300, unchanged: 300, empty: 0, failed: 0 });
  });

  it('after a catalog change re-embeds only changed and new records and deletes removed ids', async () => {
    const store = new ExactVectorStore({ meta: 128 });
    const manifestPath = join(temp, 'change/manifest.json');
    await runEmbedJob({ store, records: records.slice(0, 500), sources: [metaSource(embedder)], manifestPath, attributesOf });
    // Next catalog: the first 10 removed, 5 with an extra (real) genre, 100 new records.
    const changed = records.slice(10, 600).map((r, i) => (i < 5 ? { ...r, tags: [...r.tags, 'mecha'] } : r));
    const removedIds = records.slice(0, 10).map((r) => r.id);
    const report = await runEmbedJob({ store, records: changed, sources: [metaSource(embedder)], manifestPath, attributesOf });
    expect(report.deleted).toBe(10);
    expect(report.kinds.meta!.embedded).toBe(5 + 100);
    expect(await store.count('meta')).toBe(590);
    for (const id of removedIds) expect(await store.get('meta', id)).toBeNull();
    expect(await store.get('meta', changed[0]!.id)).toEqual(embedder.embedRecord(changed[0]!));
  });

  it('re-embeds everything when the embedder id changes', async () => {
    const store = new ExactVectorStore({ meta: 64 });
    const manifestPath = join(temp, 'full/manifest.json');
    const other = fitMetadataEmbedder(records, { dimension: 64 });
    const report = await runEmbedJob({ store, records, sources: [metaSource(other)], manifestPath, attributesOf });
    expect(report.kinds.meta!.embedded).toBe(records.length);
  });
});

describe('poster kind through PosterFetcher (loopback host serving real posters)', () => {
  let server: Server;
  let base: string;
  const hits: number[] = [];
  let flaky = 0;
  const images = join(process.cwd(), 'test/fixtures/images');

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(Date.now());
      const name = (req.url ?? '').slice(1);
      if (name === 'big.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 50_000_000 }).end();
      if (name.startsWith('r/')) return void res.writeHead(302, { location: `/${name.slice(2)}` }).end();
      if (name === 'away') return void res.writeHead(301, { location: 'http://example.invalid/poster.jpg' }).end();
      if (name === 'loop') return void res.writeHead(302, { location: '/loop' }).end();
      // Busy on the first request, fine afterwards (a host having a bad minute).
      if (name === 'flaky/josee.jpg' && (flaky += 1) === 1) return void res.writeHead(503).end();
      if (name === 'page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      try {
        const bytes = readFileSync(join(images, name.replace(/^flaky\//, '')));
        res.writeHead(200, { 'content-type': name.endsWith('.webp') ? 'image/webp' : 'image/jpeg' }).end(bytes);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('embeds posters, spacing requests to one host, and skips the ones that fail', async () => {
    const fetcher = new PosterFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 40 });
    const posters = ['fma.jpg', 'haibane.jpg', 'josee.jpg', 'missing.jpg'];
    const withPosters = posters.map((file, i) => ({ ...records[i]!, picture: `${base}/${file}` }));
    const skipped: string[] = [];
    const store = new ExactVectorStore({ image: new PerceptualImageEmbedder().dimension });
    hits.length = 0;
    const report = await runEmbedJob({
      store, records: withPosters, attributesOf, manifestPath: join(temp, 'posters/manifest.json'),
      sources: [posterSource(new PerceptualImageEmbedder(), fetcher, { onSkip: (r) => skipped.push(r.picture!) })],
    });
    expect(report.kinds.image).toEqual({ embedded: 3, unchanged: 0, empty: 1, failed: 0 });
    expect(skipped).toEqual([`${base}/missing.jpg`]);
    const gaps = hits.slice(1).map((t, i) => t - hits[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
    const direct = await new PerceptualImageEmbedder().embedImage(readFileSync(join(images, 'haibane.jpg')));
    expect(await store.get('image', withPosters[1]!.id)).toEqual(direct);
  });

  it('retries a poster whose host failed for a moment on the next run, but not a 404', async () => {
    const fetcher = new PosterFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 0 });
    const withPosters = [
      { ...records[0]!, picture: `${base}/flaky/josee.jpg` },
      { ...records[1]!, picture: `${base}/missing.jpg` },
    ];
    const store = new ExactVectorStore({ image: new PerceptualImageEmbedder().dimension });
    const options = { store, records: withPosters, attributesOf, manifestPath: join(temp, 'flaky/manifest.json'), sources: [posterSource(new PerceptualImageEmbedder(), fetcher)] };
    expect((await runEmbedJob(options)).kinds.image).toEqual({ embedded: 0, unchanged: 0, empty: 1, failed: 1 });
    expect((await runEmbedJob(options)).kinds.image).toEqual({ embedded: 1, unchanged: 1, empty: 0, failed: 0 });
    expect(await store.count('image')).toBe(1);
  });

  it('follows a redirect within the allowed hosts', async () => {
    const fetcher = new PosterFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 0 });
    expect(Buffer.from(await fetcher.fetchPoster(`${base}/r/fma.jpg`))).toEqual(readFileSync(join(images, 'fma.jpg')));
  });

  it.each([
    ['a host not on the allowlist', 'http://example.invalid/x.jpg', ErrorCode.BAD_USER_INPUT],
    ['a page that is not an image', '/page.html', ErrorCode.BAD_USER_INPUT],
    ['a poster over the size limit', '/big.jpg', ErrorCode.BAD_USER_INPUT],
    ['a 404', '/missing.jpg', ErrorCode.SOURCE_BAD_RESPONSE],
    ['a redirect to a host not on the allowlist', '/away', ErrorCode.BAD_USER_INPUT],
    ['a redirect loop', '/loop', ErrorCode.SOURCE_BAD_RESPONSE],
  ])('refuses %s with a typed error', async (_name, path, code) => {
    const fetcher = new PosterFetcher({ allowHosts: ['127.0.0.1'], minIntervalMs: 0, maxBytes: 1_000_000 });
    const error = await fetcher.fetchPoster(path.startsWith('/') ? `${base}${path}` : path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
  });
});
