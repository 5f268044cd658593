// Replays real AOD-format files from a loopback server; checks the atomic-install guarantees of downloadCatalog.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogUpdateError, CATALOG_USER_AGENT, downloadCatalog } from './download.js';

const FIXTURES = 'test/fixtures/upstream/catalog-derived';
const PREVIOUS = Buffer.from('{"previous":"catalog"}\n');
// 2 of the fixture's 28 real entries carry `duration` as a bare number (37, 60), which aodEntrySchema
// rejects: 7.1% invalid, over the 5% default. Success cases allow 10%; one case checks the default refuses it.
const FIXTURE_SHARE = 0.1;

let catalog: Buffer;
let commented: Buffer;
let bareArray: Buffer;
let server: Server;
let base: string;
let dir: string;
let destination: string;
const userAgents: string[] = [];

function send(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  // Several writes so the client sees several chunks and reports progress more than once.
  for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
  res.end();
}

function route(req: IncomingMessage, res: ServerResponse): void {
  userAgents.push(req.headers['user-agent'] ?? '');
  switch (req.url) {
    case '/catalog.json':
      return send(res, catalog);
    case '/latest':
      res.writeHead(302, { location: '/catalog.json' }).end();
      return;
    case '/broken':
      res.writeHead(500).end('upstream exploded');
      return;
    case '/truncated':
      res.writeHead(200, { 'content-length': catalog.length });
      res.write(catalog.subarray(0, catalog.length / 2), () => res.socket?.destroy());
      return;
    case '/commented.json':
      return send(res, commented);
    case '/array.json':
      return send(res, bareArray);
    case '/hang':
      return; // never answers
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  [catalog, commented, bareArray] = await Promise.all([
    readFile(join(FIXTURES, 'enriched_anime_database.json')),
    readFile(join(FIXTURES, 'enhanced_anime_schema_example.json')),
    readFile(join(FIXTURES, 'base_anime_sample.json')),
  ]);
  server = createServer(route).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aod-download-'));
  destination = join(dir, 'anime-offline-database.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectFailureLeavesPrevious(path: string, code: CatalogUpdateError['code'], timeoutMs?: number) {
  await writeFile(destination, PREVIOUS);
  const failure = downloadCatalog({ url: `${base}${path}`, destination, timeoutMs });
  await expect(failure).rejects.toBeInstanceOf(CatalogUpdateError);
  await expect(failure).rejects.toMatchObject({ code });
  expect((await readFile(destination)).equals(PREVIOUS)).toBe(true);
  expect(await readdir(dir)).toEqual(['anime-offline-database.json']);
}

describe('downloadCatalog', () => {
  it('installs the exact bytes, writes meta and reports increasing progress up to the total', async () => {
    const progress: Array<[number, number | null]> = [];
    const report = await downloadCatalog({
      url: `${base}/catalog.json`,
      destination,
      maxInvalidShare: FIXTURE_SHARE,
      onProgress: (received, total) => progress.push([received, total]),
    });

    expect((await readFile(destination)).equals(catalog)).toBe(true);
    const sha256 = createHash('sha256').update(catalog).digest('hex');
    const meta = JSON.parse(await readFile(`${destination}.meta.json`, 'utf8'));
    expect(meta).toMatchObject({
      sourceUrl: `${base}/catalog.json`,
      lastUpdate: '2025-07-31',
      sha256,
      bytes: catalog.length,
      entries: { total: 28, valid: 26, invalid: 2 },
    });
    expect(Number.isNaN(Date.parse(meta.downloadedAt))).toBe(false);
    expect(report).toMatchObject({ ...meta, path: destination, metaPath: `${destination}.meta.json` });

    const received = progress.map(([r]) => r);
    expect(received.length).toBeGreaterThan(2);
    received.slice(1).forEach((r, i) => expect(r).toBeGreaterThanOrEqual(received[i]!));
    expect(progress.at(-1)).toEqual([catalog.length, catalog.length]);
    expect(userAgents.at(-1)).toBe(CATALOG_USER_AGENT);
    expect((await readdir(dir)).sort()).toEqual(['anime-offline-database.json', 'anime-offline-database.json.meta.json']);
  });

  it('follows a redirect to the release asset', async () => {
    const report = await downloadCatalog({ url: `${base}/latest`, destination, maxInvalidShare: FIXTURE_SHARE });
    expect((await readFile(destination)).equals(catalog)).toBe(true);
    expect(report.finalUrl).toBe(`${base}/catalog.json`);
    expect(report.sourceUrl).toBe(`${base}/latest`);
  });

  it('refuses an HTTP 500 and keeps the previous catalog', async () => {
    await expectFailureLeavesPrevious('/broken', 'HTTP_STATUS');
  });

  it('refuses a body cut off mid-way and leaves no temp file', async () => {
    await expectFailureLeavesPrevious('/truncated', 'NETWORK');
  });

  it('refuses a file that is not JSON (JSON with comments)', async () => {
    await expectFailureLeavesPrevious('/commented.json', 'INVALID_JSON');
  });

  it('refuses valid JSON that is not in AOD format (a bare array)', async () => {
    await expectFailureLeavesPrevious('/array.json', 'INVALID_CATALOG');
  });

  it('refuses a catalog with more than 5% invalid entries by default', async () => {
    await expectFailureLeavesPrevious('/catalog.json', 'INVALID_CATALOG');
  });

  it('times out on a server that never answers', async () => {
    await expectFailureLeavesPrevious('/hang', 'TIMEOUT', 300);
  });
});
