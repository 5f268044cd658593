// Downloads the manami anime-offline-database release asset and installs it atomically:
// stream to a temp file beside the destination, validate it, then rename over the old copy.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { aodEntrySchema, aodFileSchema } from './schema.js';

export const DEFAULT_CATALOG_URL =
  'https://github.com/manami-project/anime-offline-database/releases/latest/download/anime-offline-database-minified.json';
export const DEFAULT_CATALOG_PATH = 'data/anime-offline-database.json';
export const CATALOG_USER_AGENT = 'anime-federation/0.1 (+catalog updater)';
// A whole-download deadline: the minified AOD is tens of MB, so leave room for slow links.
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
// Upstream entries occasionally fail our schema; beyond this share the file is more likely wrong than the entries.
const DEFAULT_MAX_INVALID_SHARE = 0.05;

export type CatalogUpdateErrorCode = 'HTTP_STATUS' | 'TIMEOUT' | 'INVALID_JSON' | 'INVALID_CATALOG' | 'NETWORK';

export class CatalogUpdateError extends Error {
  override readonly name = 'CatalogUpdateError';
  constructor(
    readonly code: CatalogUpdateErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What `<destination>.meta.json` holds: provenance of the installed catalog. */
export interface CatalogMeta {
  sourceUrl: string;
  /** The URL after redirects (GitHub's "latest" resolves to a concrete release asset). */
  finalUrl: string;
  lastUpdate: string | null;
  sha256: string;
  bytes: number;
  entries: { total: number; valid: number; invalid: number };
  downloadedAt: string;
}

export interface DownloadReport extends CatalogMeta {
  path: string;
  metaPath: string;
}

export interface DownloadOptions {
  url: string;
  destination: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  onProgress?: (received: number, total: number | null) => void;
  userAgent?: string;
  /** Share of entries allowed to fail `aodEntrySchema` (default 0.05); small files may need more slack. */
  maxInvalidShare?: number;
}

export async function downloadCatalog(opts: DownloadOptions): Promise<DownloadReport> {
  const dir = dirname(opts.destination);
  await mkdir(dir, { recursive: true });
  // Same directory as the destination, so the final rename never crosses filesystems.
  const tmp = tempPathFor(opts.destination);
  const metaPath = `${opts.destination}.meta.json`;
  const metaTmp = tempPathFor(metaPath);
  try {
    const fetched = await fetchToFile(opts, tmp);
    const entries = validateCatalog(await readFile(tmp, 'utf8'), opts);
    const meta: CatalogMeta = { sourceUrl: opts.url, ...fetched, ...entries, downloadedAt: new Date().toISOString() };
    await writeNew(metaTmp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(tmp, opts.destination);
    await rename(metaTmp, metaPath);
    return { ...meta, path: opts.destination, metaPath };
  } finally {
    // No-ops after a successful rename; otherwise they drop the partial download.
    await rm(tmp, { force: true });
    await rm(metaTmp, { force: true });
  }
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function writeNew(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(text);
  } finally {
    await fh.close();
  }
}

type Fetched = Pick<CatalogMeta, 'finalUrl' | 'sha256' | 'bytes'>;

async function fetchToFile(opts: DownloadOptions, tmp: string): Promise<Fetched> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const fh = await open(tmp, 'wx');
  try {
    const res = await fetchImpl(opts.url, {
      signal,
      redirect: 'follow',
      headers: { 'user-agent': opts.userAgent ?? CATALOG_USER_AGENT, accept: 'application/json' },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new CatalogUpdateError(
        'HTTP_STATUS',
        `Catalog download failed: HTTP ${res.status} ${res.statusText} from ${res.url || opts.url}. ` +
          'Check CATALOG_URL, or try again later if the server is having trouble.',
      );
    }
    // With a Content-Encoding, fetch decodes and Content-Length no longer counts the bytes we see.
    const length = res.headers.get('content-encoding') ? null : res.headers.get('content-length');
    const total = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    const hash = createHash('sha256');
    let received = 0;
    opts.onProgress?.(0, total);
    if (res.body) {
      for await (const chunk of res.body) {
        await fh.write(chunk);
        hash.update(chunk);
        received += chunk.byteLength;
        opts.onProgress?.(received, total);
      }
    }
    if (total !== null && received !== total) {
      throw new CatalogUpdateError(
        'NETWORK',
        `Catalog download was cut short: got ${received} of ${total} bytes from ${opts.url}. Try again.`,
      );
    }
    return { finalUrl: res.url || opts.url, sha256: hash.digest('hex'), bytes: received };
  } catch (err) {
    throw toCatalogError(err, signal, opts);
  } finally {
    await fh.close();
  }
}

function toCatalogError(err: unknown, signal: AbortSignal, opts: DownloadOptions): unknown {
  if (err instanceof CatalogUpdateError) return err;
  if (signal.aborted) {
    const seconds = Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000);
    return new CatalogUpdateError(
      'TIMEOUT',
      `Catalog download from ${opts.url} did not finish within ${seconds}s. Check your connection and try again.`,
      { cause: err },
    );
  }
  // Filesystem errors (ENOSPC, EACCES) carry a syscall and are not the network's fault: pass them on as they are.
  if (err instanceof Error && 'syscall' in err) return err;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const detail = cause ? `${cause.message}${'code' in cause ? ` (${String(cause.code)})` : ''}` : String(err);
  return new CatalogUpdateError(
    'NETWORK',
    `Catalog download from ${opts.url} failed: ${detail}. Check your connection or CATALOG_URL and try again.`,
    { cause: err },
  );
}

type Validated = Pick<CatalogMeta, 'lastUpdate' | 'entries'>;

function validateCatalog(text: string, opts: DownloadOptions): Validated {
  const { url, maxInvalidShare = DEFAULT_MAX_INVALID_SHARE } = opts;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CatalogUpdateError(
      'INVALID_JSON',
      `The file from ${url} is not valid JSON (${(err as Error).message}). Is CATALOG_URL the anime-offline-database-minified.json asset?`,
      { cause: err },
    );
  }
  const file = aodFileSchema.safeParse(json);
  if (!file.success) {
    const where = file.error.issues[0]?.path.join('.') || '(root)';
    throw new CatalogUpdateError(
      'INVALID_CATALOG',
      `The file from ${url} is not in anime-offline-database format (first problem at ${where}). Check CATALOG_URL.`,
    );
  }
  const total = file.data.data.length;
  const valid = file.data.data.filter((entry) => aodEntrySchema.safeParse(entry).success).length;
  const invalid = total - valid;
  if (valid === 0 || invalid > total * maxInvalidShare) {
    throw new CatalogUpdateError(
      'INVALID_CATALOG',
      `The catalog from ${url} has ${valid} valid and ${invalid} invalid entries of ${total}; ` +
        `refusing it (more than ${maxInvalidShare * 100}% invalid or none valid). The upstream format may have changed.`,
    );
  }
  return { lastUpdate: file.data.lastUpdate ?? null, entries: { total, valid, invalid } };
}
