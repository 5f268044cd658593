// Structured logging (pino). Request logs carry the correlation id as `correlationId`.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export function loggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return { level, base: { service: 'anime-federation' }, timestamp: pino.stdTimeFunctions.isoTime };
}

export function createLogger(level: LoggerOptions['level']): Logger {
  return pino(loggerOptions(level));
}
