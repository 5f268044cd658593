// GET /api/me/events: the signed-in user's airing alerts as server-sent events. Each alert is an
// `airing` event whose id is the stored alert's id, so a client reconnecting with `Last-Event-ID`
// (or `?lastEventId=`) gets every alert after it from the table, then live ones; without it the
// stream starts at now. A comment line every ALERTS_SSE_HEARTBEAT_S keeps proxies from closing an
// idle stream; the account is re-checked then, so a deleted account's stream ends. New alerts wake
// this process's streams at once; alerts another replica stored are found by a poll.
// Registered under the REST scope's `/api/me` prefix; the checker timer starts and stops with it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../../auth/index.js';
import type { Metrics } from '../../metrics/index.js';
import { ERROR_SCHEMA, registerMethodNotAllowed } from '../../rest/index.js';
import { viewerContext, VIEWER } from '../context.js';
import { UserError } from '../errors.js';
import type { UsersService } from '../service.js';
import { alertBus, type AlertsService } from './service.js';
import type { Alert } from './store.js';

export interface AlertRoutesOptions {
  access: Pick<Access, 'principalOf'>;
  users: UsersService;
  alerts: AlertsService;
  metrics?: Metrics;
  /** How often a stream looks in the store for alerts another replica stored (ms). */
  pollMs?: number;
}

const err = (description: string) => ({ description, ...ERROR_SCHEMA });
/** Open streams one user may hold in one process (several tabs and devices; not unbounded). */
export const MAX_STREAMS_PER_USER = 5;
/** Alerts sent per store read while catching up. */
const REPLAY_BATCH = 100;

const eventOf = (alert: Alert) => `id: ${alert.id}\nevent: airing\ndata: ${JSON.stringify({ id: alert.id, animeId: alert.animeId, episode: alert.episode, airedAt: alert.airedAt, source: alert.source, createdAt: alert.createdAt })}\n\n`;

export function alertRoutes(options: AlertRoutesOptions) {
  const { access, users, alerts, metrics } = options;
  const pollMs = options.pollMs ?? 5000;
  const caller = (request: FastifyRequest) => users.require(viewerContext(access.principalOf(request))[VIEWER] ?? null);
  const open = new Set<() => void>();
  /** Open streams per account id (in memory only). */
  const streams = new Map<string, number>();

  return async (api: FastifyInstance) => {
    alerts.start();
    api.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
    api.addHook('onClose', async () => alerts.stop());
    api.setErrorHandler((error, _request, reply: FastifyReply) => {
      if (error instanceof UserError) {
        if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="anime-federation"');
        return reply.code(error.status).header('cache-control', 'no-store').send(error.restBody());
      }
      throw error;
    });

    api.get(
      '/events',
      {
        schema: {
          summary: "The signed-in user's airing alerts as server-sent events",
          description:
            'Each alert is an `airing` event (`id` = the alert id, `data` = JSON with animeId, episode, airedAt, source). Reconnect with `Last-Event-ID` (or `lastEventId`) to get every alert after that id first; without it the stream starts now. Comment lines are heartbeats. Subscribe with the `subscribeAiring` mutation.',
          tags: ['users'],
          operationId: 'meEvents',
          security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
          querystring: { type: 'object', properties: { lastEventId: { type: 'string', description: 'As the `Last-Event-ID` header (the header wins).' } } },
          response: {
            200: { description: 'An event stream (never ends on its own).', content: { 'text/event-stream': { schema: { type: 'string' } } } },
            400: err('BAD_USER_INPUT: Last-Event-ID is not an alert id, or an unknown parameter.'),
            401: err('UNAUTHORIZED: no API key, one that is not valid or was revoked, or the account was deleted.'),
            403: err('FORBIDDEN: the API key lacks the `user` scope or belongs to no user account.'),
            429: err(`QUOTA_EXCEEDED: the key's quota is used up (see Retry-After), or the account already has ${MAX_STREAMS_PER_USER} open streams.`),
          },
        },
      },
      async (request, reply) => {
        const query = (request.query ?? {}) as Record<string, unknown>;
        const unknown = Object.keys(query).find((k) => k !== 'lastEventId');
        if (unknown !== undefined) throw new UserError('BAD_USER_INPUT', `invalid querystring: ${unknown.slice(0, 64)} is not a known parameter; known: lastEventId`, { field: unknown.slice(0, 64) });
        const account = await caller(request);
        if ((streams.get(account.id) ?? 0) >= MAX_STREAMS_PER_USER) {
          return reply.code(429).header('cache-control', 'no-store').send({ error: { code: 'QUOTA_EXCEEDED', message: `this account already has ${MAX_STREAMS_PER_USER} open event streams here; close one first`, details: { limit: 'event-streams', allowed: MAX_STREAMS_PER_USER } } });
        }
        const header = request.headers['last-event-id'];
        const given = (Array.isArray(header) ? header[0] : header) ?? (typeof query['lastEventId'] === 'string' ? query['lastEventId'] : undefined);
        let after: number;
        if (given !== undefined && given.trim() !== '') {
          if (!/^\d{1,15}$/.test(given.trim())) throw new UserError('BAD_USER_INPUT', 'Last-Event-ID must be the id of an event this stream sent (digits)', { field: 'Last-Event-ID' });
          after = Number(given.trim());
        } else {
          // No resume point: start after the newest stored alert.
          after = (await alerts.alerts(account, 1))[0]?.id ?? 0;
        }

        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          // nginx and similar proxies would otherwise buffer the stream.
          'x-accel-buffering': 'no',
        });
        let closed = false;
        // Never write to a closed response (an 'error' there would have no listener).
        const send = (text: string) => {
          if (!closed && !raw.writableEnded) raw.write(text);
        };
        send(`retry: 5000\n: connected\n\n`);

        streams.set(account.id, (streams.get(account.id) ?? 0) + 1);
        let pumping: Promise<void> | null = null;
        let again = false;
        const pump = async (): Promise<void> => {
          if (pumping) {
            again = true;
            return pumping;
          }
          pumping = (async () => {
            do {
              again = false;
              for (;;) {
                const batch = await alerts.alerts(account, REPLAY_BATCH, after);
                if (closed || !batch.length) break;
                for (const alert of batch) send(eventOf(alert));
                after = batch[batch.length - 1]!.id;
                if (batch.length < REPLAY_BATCH) break;
              }
            } while (again && !closed);
          })()
            .catch((error: unknown) => request.log.warn({ err: error }, 'an event stream could not read alerts; it tries again'))
            .finally(() => (pumping = null));
          return pumping;
        };

        const end = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearInterval(poll);
          off();
          open.delete(end);
          const left = (streams.get(account.id) ?? 1) - 1;
          if (left > 0) streams.set(account.id, left);
          else streams.delete(account.id);
          raw.end();
        };
        open.add(end);
        const off = alertBus.on((userId) => {
          if (userId === account.id) void pump();
        });
        const heartbeat = setInterval(() => {
          send(': heartbeat\n\n');
          // A deleted account's stream ends at the next heartbeat.
          users.require(viewerContext(access.principalOf(request))[VIEWER] ?? null).catch(() => end());
        }, alerts.config.ALERTS_SSE_HEARTBEAT_S * 1000);
        const poll = setInterval(() => void pump(), pollMs);
        raw.on('close', end);
        raw.on('error', end);
        await pump();
      },
    );

    registerMethodNotAllowed(api, '/events', 'GET', metrics);
  };
}
