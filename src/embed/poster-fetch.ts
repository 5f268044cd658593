// A polite poster fetcher for the image kind of the embedding job: only allow-listed hosts, one
// request at a time per host with a minimum gap, a timeout, and size/type limits checked while
// streaming (a lying content-length cannot make it read more than the limit).
import { AppError, ErrorCode } from '../errors/index.js';
import { imageUnreadable } from './errors.js';

export interface PosterFetcherOptions {
  /** Host names allowed (`media.kitsu.app`, `cdn.myanimelist.net`); others are refused. */
  allowHosts: string[];
  /** Minimum gap between two requests to one host. */
  minIntervalMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
}

export const DEFAULT_POSTER_HOSTS = ['media.kitsu.app', 'cdn.myanimelist.net', 'cdn.anime-planet.com', 's4.anilist.co'];
const ACCEPTED_TYPES = /^image\/(jpeg|png|webp|gif|avif)$/;
const MAX_REDIRECTS = 3;

export class PosterFetcher {
  private readonly nextSlot = new Map<string, Promise<void>>();
  readonly minIntervalMs: number;
  private readonly timeoutMs: number;
  readonly maxBytes: number;

  constructor(private readonly options: PosterFetcherOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 2_000_000;
  }

  /** Waits for the host's turn: requests to one host are serialised and spaced. */
  private async turn(host: string): Promise<() => void> {
    const previous = this.nextSlot.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.nextSlot.set(host, previous.then(() => mine));
    await previous;
    return () => setTimeout(release, this.minIntervalMs);
  }

  /** The allow-listed URL, or a typed error (checked again at every redirect hop). */
  private allowed(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw imageUnreadable('The poster URL is not a valid URL.', { url });
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || !this.options.allowHosts.includes(parsed.hostname)) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `Posters are only fetched from ${this.options.allowHosts.join(', ')}.`, { url, reason: 'HOST_NOT_ALLOWED' });
    }
    return parsed;
  }

  async fetchPoster(url: string): Promise<Uint8Array> {
    let target = this.allowed(url);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const response = await this.request(target);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        target = this.allowed(new URL(location, target).href);
        continue;
      }
      try {
        if (!response.ok) throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `Poster host answered HTTP ${response.status}.`, { url, status: response.status });
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!ACCEPTED_TYPES.test(type)) throw imageUnreadable(`The poster is not an image (content-type "${type}").`, { url });
        return await readCapped(response, this.maxBytes, url);
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        if (error instanceof AppError) throw error;
        throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, `Poster could not be read: ${(error as Error).message}`, { url });
      }
    }
    throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `Poster URL redirects more than ${MAX_REDIRECTS} times.`, { url });
  }

  /** One request in the host's turn; redirects are followed by the caller, so each hop is checked. */
  private async request(target: URL): Promise<Response> {
    const release = await this.turn(target.host);
    try {
      return await fetch(target, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'image/*', ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}) },
        redirect: 'manual',
      });
    } catch (error) {
      throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, `Poster could not be fetched: ${(error as Error).message}`, { url: target.href });
    } finally {
      release();
    }
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw imageUnreadable(`The poster is larger than ${maxBytes} bytes.`, { url, reason: 'TOO_LARGE' });
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw imageUnreadable(`The poster is larger than ${maxBytes} bytes.`, { url, reason: 'TOO_LARGE' });
    chunks.push(chunk as Uint8Array);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
