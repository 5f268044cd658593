// Correlation ids: accept X-Correlation-ID from the caller (bounded, printable), otherwise create
// one; Fastify puts it on every request log line and we echo it on the response.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
