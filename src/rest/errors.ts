// REST errors: the GraphQL error codes, each with its HTTP status, in one `{ error }` body shape.
import type { ExecutionOutcome } from '../../gateway/app.js';

/** JSON Schema of the `{ error }` body every REST, admin and user route answers with on failure. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
    },
  },
};

export interface RestError {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

// Codes that mean "change the request" (the same set /graphql answers with 400).
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COMPLEX', 'INVALID_GRAPHQL']);

const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  SOURCE_UNAVAILABLE: 503,
  SOURCE_RATE_LIMITED: 503,
  SOURCE_BAD_RESPONSE: 502,
  SOURCE_BLOCKED: 503,
  VECTOR_STORE_UNAVAILABLE: 503,
};

// A source that failed without saying when to come back: about the circuit breaker's half-open wait.
const DEFAULT_RETRY_AFTER_S = 30;

export function statusOfCode(code: string): number {
  if (CLIENT_CODES.has(code)) return 400;
  return STATUS_BY_CODE[code] ?? 500;
}

export function restError(code: string, message: string, details: Record<string, unknown> = {}): RestError {
  const status = statusOfCode(code);
  const given = details['retryAfterMs'];
  const retryAfter = typeof given === 'number' ? Math.max(1, Math.ceil(given / 1000)) : status === 503 || status === 429 ? DEFAULT_RETRY_AFTER_S : undefined;
  // Validation codes of GraphQL read as one code to REST clients: their input was wrong.
  const publicCode = status === 400 ? 'BAD_USER_INPUT' : code;
  return { status, code: publicCode, message, details, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/**
 * The error a REST answer stands for: an outcome whose root fields are all missing failed as a
 * whole (its first coded error decides); a root that is null without an error is an unknown id.
 */
export function outcomeError(outcome: ExecutionOutcome, notFoundMessage: string): RestError | null {
  const roots = Object.values(outcome.data ?? {});
  const anyRoot = roots.some((value) => value !== null && value !== undefined);
  if (anyRoot) return null;
  const first = outcome.errors?.[0];
  if (first) {
    const { code, ...details } = (first.extensions ?? {}) as Record<string, unknown>;
    // A source that needs a token this server lacks is the server's problem, not the client's.
    if (code === 'UNAUTHORIZED' && typeof details['source'] === 'string') return restError('SOURCE_UNAVAILABLE', first.message, { ...details, reason: 'not-configured' });
    return restError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', first.message, details);
  }
  if (outcome.data && roots.length) return restError('NOT_FOUND', notFoundMessage);
  return null;
}

export function errorBody(error: RestError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}
