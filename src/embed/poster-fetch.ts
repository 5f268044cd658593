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

  async fetchPoster(url: string): Promise<Uint8Array> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw imageUnreadable('The poster URL is not a valid URL.', { url });
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || !this.options.allowHosts.includes(parsed.hostname)) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `Posters are only fetched from ${this.options.allowHosts.join(', ')}.`, { url, reason: 'HOST_NOT_ALLOWED' });
    }
    const release = await this.turn(parsed.host);
    try {
      const response = await fetch(parsed, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'image/*', ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}) },
        redirect: 'error',
      });
      if (!response.ok) throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `Poster host answered HTTP ${response.status}.`, { url, status: response.status });
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED_TYPES.test(type)) throw imageUnreadable(`The poster is not an image (content-type "${type}").`, { url });
      return await readCapped(response, this.maxBytes, url);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, `Poster could not be fetched: ${(error as Error).message}`, { url });
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
