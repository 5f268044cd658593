// The image argument of searchByImage at the process edge: data URIs and URLs fetched from a
// loopback server serving a real poster — size caps (also when the server lies or says nothing
// about the length), type checks by header and by bytes, timeouts, redirects, and the SSRF guard
// that refuses loopback/private addresses unless allowed.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { AppError } from '../src/errors/index.js';
import { readImageArgument, type ImageLimits } from '../src/similarity/index.js';
import { isPrivateAddress } from '../src/similarity/address-guard.js';

let poster: Buffer;
let server: Server;
let base: string;
let port: number;
const open: ImageLimits = { maxBytes: 500_000, timeoutMs: 2000, allowPrivate: true };
const guarded: ImageLimits = { ...open, allowPrivate: false };

beforeAll(async () => {
  poster = await readFile('test/fixtures/images/fma.jpg');
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/poster.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(poster);
    // No content-length: the body streams in chunks, so only counting while reading can stop it.
    if (url === '/endless.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(poster);
      const timer = setInterval(() => response.write(poster), 5);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/lying-type.jpg') return response.writeHead(200, { 'content-type': 'image/png' }).end(poster);
    if (url === '/hang.jpg') return; // never answers
    if (url === '/loop') return response.writeHead(302, { location: '/loop' }).end();
    if (url === '/moved') return response.writeHead(301, { location: '/poster.jpg' }).end();
    return response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function failure(promise: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, reason: (error as AppError).details.reason };
  }
  throw new Error('expected a failure');
}

describe('URLs', () => {
  it('downloads a real poster and checks its bytes are the JPEG it claims', async () => {
    const image = await readImageArgument(`${base}/poster.jpg`, open);
    expect(image.type).toBe('image/jpeg');
    expect(Buffer.from(image.bytes).equals(poster)).toBe(true);
  });

  it('follows a redirect, and stops a redirect loop', async () => {
    expect((await readImageArgument(`${base}/moved`, open)).bytes.length).toBe(poster.length);
    expect(await failure(readImageArgument(`${base}/loop`, open))).toEqual({ code: 'SOURCE_BAD_RESPONSE', reason: 'IMAGE_REDIRECTS' });
  });

  it('stops reading at the byte cap even without a content-length', async () => {
    expect(await failure(readImageArgument(`${base}/endless.jpg`, open))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IMAGE_TOO_LARGE' });
    expect(await failure(readImageArgument(`${base}/poster.jpg`, { ...open, maxBytes: 10_000 }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IMAGE_TOO_LARGE' });
  });

  it('refuses bytes that are not the type the server declared', async () => {
    expect(await failure(readImageArgument(`${base}/lying-type.jpg`, open))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IMAGE_TYPE' });
  });

  it('gives up after the timeout', async () => {
    expect(await failure(readImageArgument(`${base}/hang.jpg`, { ...open, timeoutMs: 300 }))).toEqual({ code: 'SOURCE_UNAVAILABLE', reason: 'IMAGE_TIMEOUT' });
  });

  it('reports an unreachable host as SOURCE_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(readImageArgument(`http://127.0.0.1:${freePort}/x.jpg`, open))).toEqual({ code: 'SOURCE_UNAVAILABLE', reason: 'IMAGE_FETCH_FAILED' });
  });
});

describe('SSRF guard', () => {
  it.each([
    `http://127.0.0.1:PORT/poster.jpg`,
    `http://localhost:PORT/poster.jpg`,
    `http://[::1]:PORT/poster.jpg`,
    `http://[::ffff:127.0.0.1]:PORT/poster.jpg`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/a.jpg',
    'http://192.168.1.1/a.jpg',
    'http://0.0.0.0/a.jpg',
  ])('refuses %s', async (url) => {
    expect(await failure(readImageArgument(url.replace('PORT', String(port)), guarded))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IMAGE_URL_FORBIDDEN' });
  });

  it('checks the addresses a host name resolves to, at connect time', async () => {
    // This machine's own name resolves to one of its (private or loopback) addresses.
    const { address } = await lookup(hostname());
    expect(isPrivateAddress(address)).toBe(true);
    expect(await failure(readImageArgument(`http://${hostname()}:${port}/poster.jpg`, guarded))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IMAGE_URL_FORBIDDEN' });
  });

  it('classifies public addresses as public', () => {
    for (const address of ['8.8.8.8', '151.101.1.69', '2606:4700::6810:84e5', '::ffff:8.8.8.8']) expect(isPrivateAddress(address)).toBe(false);
    for (const address of ['127.0.0.1', '172.20.0.5', 'fd00::1', 'fe80::1', '::1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'not-an-ip']) expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['ftp://example.org/a.jpg', 'file:///etc/passwd', 'http://user:pw@example.org/a.jpg'])('refuses %s before any connection', async (url) => {
    expect((await failure(readImageArgument(url, guarded))).code).toBe('BAD_USER_INPUT');
  });
});

describe('data URIs', () => {
  it('decodes a real poster', async () => {
    const image = await readImageArgument(`data:image/jpeg;base64,${poster.toString('base64')}`, open);
    expect(Buffer.from(image.bytes).equals(poster)).toBe(true);
  });

  it.each([
    ['too large', `data:image/jpeg;base64,POSTER`, { ...open, maxBytes: 1000 }, 'IMAGE_TOO_LARGE'],
    ['declared PNG, bytes JPEG', `data:image/png;base64,POSTER`, open, 'IMAGE_TYPE'],
    ['not base64', 'data:image/jpeg,rawbytes', open, 'IMAGE_DATA_URI'],
    ['broken base64', 'data:image/jpeg;base64,@@@@', open, 'IMAGE_DATA_URI'],
    ['empty', 'data:image/jpeg;base64,', open, 'IMAGE_EMPTY'],
    ['text, not an image', `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`, open, 'IMAGE_TYPE'],
  ])('%s', async (_name, uri, limits, reason) => {
    expect(await failure(readImageArgument(uri.replace('POSTER', poster.toString('base64')), limits))).toEqual({ code: 'BAD_USER_INPUT', reason });
  });
});
