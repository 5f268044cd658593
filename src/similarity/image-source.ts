// Turns the `image` argument of searchByImage (an http(s) URL or a data URI) into checked image
// bytes: size cap, allowed types (by header AND by magic bytes), a timeout, and no private
// addresses unless configured. The upstream kit is per-source JSON with a fixed base URL, so a
// user-chosen URL gets this small fetcher of its own.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AppError, ErrorCode, badInput } from '../errors/index.js';
import { ForbiddenAddressError, guardedLookup, isPrivateAddress } from './address-guard.js';

export interface ImageLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Let URLs reach loopback/private addresses (tests, trusted networks). */
  allowPrivate: boolean;
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
export interface ImageBytes {
  bytes: Uint8Array;
  type: ImageType;
}

const MAX_REDIRECTS = 3;
const MAX_INPUT_CHARS = 2048; // a URL; data URIs are bounded by maxBytes instead

const imageError = (reason: string, message: string) => badInput(message, { field: 'image', reason });

/** Reads the argument: `data:image/…;base64,…` or an http(s) URL. */
export async function readImageArgument(image: string, limits: ImageLimits): Promise<ImageBytes> {
  const trimmed = image.trim();
  if (/^data:/i.test(trimmed)) return decodeDataUri(trimmed, limits.maxBytes);
  if (trimmed.length > MAX_INPUT_CHARS) throw imageError('IMAGE_ARGUMENT', `image must be an http(s) URL (at most ${MAX_INPUT_CHARS} characters) or a data URI`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw imageError('IMAGE_ARGUMENT', 'image must be an http(s) URL or a data:image/…;base64, URI');
  }
  return fetchImage(url, limits);
}

export function decodeDataUri(uri: string, maxBytes: number): ImageBytes {
  const match = /^data:([a-z0-9.+/-]+)((?:;[a-z0-9-]+=[^;,]*)*);base64,/i.exec(uri);
  if (!match) throw imageError('IMAGE_DATA_URI', 'data URI must be base64: data:image/<type>;base64,<data>');
  const declared = match[1]!.toLowerCase();
  const payload = uri.slice(match[0].length).replace(/\s+/g, '');
  // Base64 is 4 chars per 3 bytes: refuse before decoding anything over the cap.
  if (Math.floor((payload.length * 3) / 4) > maxBytes + 2) throw imageError('IMAGE_TOO_LARGE', `image is larger than ${maxBytes} bytes`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw imageError('IMAGE_DATA_URI', 'data URI payload is not valid base64');
  const bytes = new Uint8Array(Buffer.from(payload, 'base64'));
  if (bytes.length === 0) throw imageError('IMAGE_EMPTY', 'image is empty');
  if (bytes.length > maxBytes) throw imageError('IMAGE_TOO_LARGE', `image is larger than ${maxBytes} bytes`);
  return { bytes, type: checkType(bytes, declared) };
}

async function fetchImage(start: URL, limits: ImageLimits): Promise<ImageBytes> {
  const deadline = Date.now() + limits.timeoutMs;
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkUrl(url, limits.allowPrivate);
    const answer = await requestOnce(url, limits, deadline);
    if (answer.kind === 'image') return answer.image;
    url = new URL(answer.location, url);
  }
  throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `image URL redirected more than ${MAX_REDIRECTS} times`, { source: 'image-url', reason: 'IMAGE_REDIRECTS' });
}

function checkUrl(url: URL, allowPrivate: boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw imageError('IMAGE_URL_SCHEME', 'image URL must use http or https');
  if (url.username || url.password) throw imageError('IMAGE_URL_CREDENTIALS', 'image URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw forbidden(host);
  if (!allowPrivate && /^localhost$|\.localhost$/i.test(host)) throw forbidden(host);
}

const forbidden = (address: string) => imageError('IMAGE_URL_FORBIDDEN', `image URL points to a private or reserved address (${address}); only public addresses are fetched`);

type Answer = { kind: 'image'; image: ImageBytes } | { kind: 'redirect'; location: string };

function requestOnce(url: URL, limits: ImageLimits, deadline: number): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolvePromise, reject) => {
    let settled = false;
    const finish = (error: unknown, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      if (error) reject(error);
      else resolvePromise(answer!);
    };
    const unavailable = (reason: string, message: string) => new AppError(ErrorCode.SOURCE_UNAVAILABLE, message, { source: 'image-url', reason });
    const request = client.get(url, { lookup: guardedLookup(limits.allowPrivate), headers: { accept: 'image/*' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) return finish(null, { kind: 'redirect', location: response.headers.location });
      if (status !== 200) return finish(unavailable('IMAGE_HTTP_STATUS', `image URL answered HTTP ${status}`));
      const declared = String(response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!declared.startsWith('image/')) return finish(imageError('IMAGE_TYPE', `image URL answered ${declared || 'no content type'}, not an image`));
      if (Number(response.headers['content-length'] ?? 0) > limits.maxBytes) return finish(imageError('IMAGE_TOO_LARGE', `image is larger than ${limits.maxBytes} bytes`));
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Stop reading the moment the cap is passed: a lying or missing length cannot fill memory.
        if (size > limits.maxBytes) return finish(imageError('IMAGE_TOO_LARGE', `image is larger than ${limits.maxBytes} bytes`));
        chunks.push(chunk);
      });
      response.on('error', (error) => finish(unavailable('IMAGE_FETCH_FAILED', `image download failed: ${error.message}`)));
      response.on('end', () => {
        try {
          const bytes = new Uint8Array(Buffer.concat(chunks));
          if (bytes.length === 0) throw imageError('IMAGE_EMPTY', 'image is empty');
          finish(null, { kind: 'image', image: { bytes, type: checkType(bytes, declared) } });
        } catch (error) {
          finish(error);
        }
      });
    });
    request.on('error', (error) => {
      if (error instanceof ForbiddenAddressError) return finish(forbidden(error.address));
      finish(unavailable('IMAGE_FETCH_FAILED', `image URL could not be fetched: ${error.message}`));
    });
    const timer = setTimeout(() => finish(unavailable('IMAGE_TIMEOUT', `image URL did not answer within ${limits.timeoutMs} ms`)), Math.max(0, deadline - Date.now()));
  });
}

/** The type the bytes really are; the declared type must agree (image/jpg is tolerated). */
function checkType(bytes: Uint8Array, declared: string): ImageType {
  const actual = sniff(bytes);
  if (!actual) throw imageError('IMAGE_TYPE', 'image is not a JPEG, PNG, WebP or GIF');
  const normalised = declared === 'image/jpg' || declared === 'image/pjpeg' ? 'image/jpeg' : declared;
  if (normalised !== actual) throw imageError('IMAGE_TYPE', `image declared as ${declared} but its bytes are ${actual}`);
  return actual;
}

function sniff(b: Uint8Array): ImageType | null {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}
