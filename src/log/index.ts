// Structured logging (pino). Request logs carry the correlation id as `correlationId`.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// API keys must never reach a log: Fastify's request lines carry no headers, and should anything
// log a request's headers these paths are censored anyway.
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]', 'request.headers.authorization', 'request.headers["x-api-key"]'];

// Shared-list tokens (src/users/shares) are secrets carried in URLs (GET /api/lists/{token}, or a
// GET /graphql query string): request lines show them masked.
const SHARE_TOKEN = /wl_[A-Za-z0-9_-]{43}/g;
export const maskUrlSecrets = (url: string | undefined): string | undefined => url?.replace(SHARE_TOKEN, 'wl_[redacted]');

/** Fastify's request serializer (lib/logger-pino.js) with the URL's secrets masked. */
function requestSerializer(req: { method?: string; url?: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: req.method, url: maskUrlSecrets(req.url), version: req.headers?.['accept-version'], host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

export function loggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return { level, base: { service: 'anime-federation' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { req: requestSerializer } };
}

export function createLogger(level: LoggerOptions['level']): Logger {
  return pino(loggerOptions(level));
}
