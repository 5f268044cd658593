// Structured logging (pino). Request logs carry the correlation id as `correlationId`.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// API keys must never reach a log: Fastify's request lines carry no headers, and should anything
// log a request's headers these paths are censored anyway.
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]', 'request.headers.authorization', 'request.headers["x-api-key"]'];

export function loggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return { level, base: { service: 'anime-federation' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

export function createLogger(level: LoggerOptions['level']): Logger {
  return pino(loggerOptions(level));
}
