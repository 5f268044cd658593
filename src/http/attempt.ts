// One HTTP attempt against an upstream: build the URL, send, read the body, map the status.
// Failures are AttemptFailure, which tells the retry and circuit-breaker policies what they are.
import { AppError, ErrorCode } from '../errors/index.js';
import type { RequestSpec, SourceDefinition, UpstreamRefusal } from './types.js';

export class AttemptFailure extends Error {
  constructor(
    readonly error: AppError,
    /** Worth another attempt (5xx, 429, network, timeout). */
    readonly retryable: boolean,
    /** The upstream's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
    /** The upstream refused us (a ban): never retried, pauses the source (source-client.ts). */
    readonly refusal?: UpstreamRefusal,
  ) {
    super(error.message);
  }

  /** Counts against the circuit breaker: the source itself looks unhealthy. */
  get breaksCircuit(): boolean {
    // A refusal isolates the circuit itself (policies.ts); counting it could reopen it for less.
    return this.error.code === ErrorCode.SOURCE_UNAVAILABLE && !this.refusal;
  }
}

export function buildUrl(baseUrl: string, spec: Pick<RequestSpec<unknown>, 'path' | 'query'>): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + (spec.path.startsWith('/') ? spec.path : `/${spec.path}`));
  for (const [key, value] of Object.entries(spec.query ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url;
}

/** Retry-After as ms: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface AttemptContext {
  definition: SourceDefinition;
  userAgent: string;
  signal: AbortSignal;
  /** Called with every response's headers (budget headers). */
  onHeaders(headers: Headers): void;
}

/** The parsed JSON body of a 2xx answer. */
export async function attemptRequest(spec: RequestSpec<unknown>, url: URL, ctx: AttemptContext): Promise<unknown> {
  const source = ctx.definition.name;
  const method = spec.method ?? 'GET';
  const fail = (code: ErrorCode, message: string, retryable: boolean, extra: Record<string, unknown> = {}, retryAfterMs?: number) =>
    new AttemptFailure(new AppError(code, message, { source, ...extra }), retryable, retryAfterMs);

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      signal: ctx.signal,
      headers: requestHeaders(ctx.userAgent, spec.body !== undefined, ctx.definition.headers),
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    });
    ctx.onHeaders(response.headers);
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw error; // the timeout policy reports it
    throw fail(ErrorCode.SOURCE_UNAVAILABLE, `${source} could not be reached; try again later`, true, { reason: describe(error) });
  }

  const status = response.status;
  const meta = { status, contentType: response.headers.get('content-type') };
  const refusal = ctx.definition.detectRefusal?.(text, meta);
  if (refusal) {
    throw new AttemptFailure(new AppError(ErrorCode.SOURCE_UNAVAILABLE, refusal.message, { source, status, reason: refusal.reason }), false, undefined, refusal);
  }
  if (status === 404) throw fail(ErrorCode.NOT_FOUND, `${source} has no such resource`, false, { status });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw fail(ErrorCode.SOURCE_RATE_LIMITED, `${source} is rate limiting us; try again later`, true, { status, retryAfterMs }, retryAfterMs);
  }
  if (status >= 500) {
    const retryAfterMs = status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    throw fail(ErrorCode.SOURCE_UNAVAILABLE, `${source} is unavailable (HTTP ${status}); try again later`, true, { status }, retryAfterMs);
  }
  if (status < 200 || status >= 300) {
    throw fail(ErrorCode.SOURCE_BAD_RESPONSE, `${source} answered HTTP ${status}`, false, { status });
  }
  if (ctx.definition.decode) {
    try {
      return ctx.definition.decode(text, meta);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `${source} sent a response it could not read`, { source, status });
      throw new AttemptFailure(appError, false);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw fail(ErrorCode.SOURCE_BAD_RESPONSE, `${source} sent a response that is not JSON`, false, { status, bytes: text.length });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** Defaults, then the source's own headers, whatever their case (Kitsu's `Accept` replaces ours). */
function requestHeaders(userAgent: string, hasBody: boolean, own: Record<string, string> = {}): Headers {
  const headers = new Headers({ 'user-agent': userAgent, accept: 'application/json' });
  if (hasBody) headers.set('content-type', 'application/json');
  for (const [name, value] of Object.entries(own)) headers.set(name, value);
  return headers;
}
