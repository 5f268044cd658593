// The user routes under /api (registered inside the REST scope, so they share its error shape and
// appear in /openapi.json): self-service sign-up, the export of everything stored about the
// caller, and account deletion. Every answer is `Cache-Control: no-store`: a key or personal data
// must never sit in a shared cache.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/index.js';
import type { Config } from '../config/index.js';
import type { Metrics } from '../metrics/index.js';
import { ERROR_SCHEMA, registerMethodNotAllowed } from '../rest/index.js';
import { viewerContext, VIEWER } from './context.js';
import { UserError } from './errors.js';
import { exportCsv } from './export.js';
import { DAY_MS, type UsersService } from './service.js';
import { TitleLanguage, WatchStatus } from './model.js';
import { Platform } from '../domain/index.js';

export interface UserRoutesOptions {
  access: Pick<Access, 'principalOf' | 'quota' | 'quotasOn'>;
  service: UsersService;
  config: Pick<Config, 'USER_SIGNUP' | 'USER_SIGNUP_PER_IP_PER_DAY' | 'USER_PURGE_DAYS'>;
  /** The REST scope's metrics (405s are counted there). */
  metrics?: Metrics;
}

const err = (description: string) => ({ description, ...ERROR_SCHEMA });
const USER_SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];
const ME_ERRORS = {
  400: err('BAD_USER_INPUT: the request is invalid; the message says what to change.'),
  401: err('UNAUTHORIZED: no API key, one that is not valid or was revoked, or the account was deleted.'),
  403: err('FORBIDDEN: the API key lacks the `user` scope or belongs to no user account.'),
  429: err("QUOTA_EXCEEDED: the key's quota is used up; see Retry-After."),
};

const DATE_TIME = { type: 'string', format: 'date-time' };
const NULLABLE_DATE_TIME = { type: ['string', 'null'], format: 'date-time' };

const SIGNED_UP = {
  type: 'object',
  required: ['userId', 'apiKey', 'keyId', 'scopes', 'tier', 'createdAt'],
  properties: {
    userId: { type: 'string', pattern: '^usr_[A-Za-z0-9]{16}$' },
    apiKey: { type: 'string', description: 'The API key, shown this once: send it as `Authorization: Bearer <key>` on /graphql, /api and /mcp.' },
    keyId: { type: 'string', description: 'The public part of the key.' },
    scopes: { type: 'array', items: { type: 'string', enum: ['read', 'user', 'admin'] } },
    tier: { type: 'string', enum: ['free', 'premium', 'enterprise'] },
    createdAt: DATE_TIME,
  },
};

const PREFERENCES = {
  type: 'object',
  required: ['nsfwAllowed', 'region', 'timeZone', 'titleLanguage', 'preferredSources', 'genresLiked', 'genresAvoided', 'updatedAt'],
  properties: {
    nsfwAllowed: { type: 'boolean' },
    region: { type: ['string', 'null'] },
    timeZone: { type: ['string', 'null'] },
    titleLanguage: { type: 'string', enum: Object.values(TitleLanguage) },
    preferredSources: { type: 'array', items: { type: 'string', enum: Object.values(Platform) } },
    genresLiked: { type: 'array', items: { type: 'string' } },
    genresAvoided: { type: 'array', items: { type: 'string' } },
    updatedAt: NULLABLE_DATE_TIME,
  },
};

/** src/users/alerts: subscriptions (no secrets), alerts, webhook deliveries. */
const AIRING_ALERTS_EXPORT = {
  type: 'object',
  required: ['subscriptions', 'alerts', 'deliveries'],
  properties: {
    subscriptions: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, animeId: { type: ['string', 'null'] }, webhookUrl: { type: ['string', 'null'] }, signed: { type: 'boolean' }, createdAt: DATE_TIME } } },
    alerts: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, animeId: { type: 'string' }, episode: { type: 'integer' }, airedAt: DATE_TIME, source: { type: 'string' }, createdAt: DATE_TIME } } },
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          alertId: { type: 'integer' },
          subscriptionId: { type: 'string' },
          webhookUrl: { type: 'string' },
          state: { type: 'string', enum: ['pending', 'delivered', 'dead'] },
          attempts: { type: 'integer' },
          nextAttemptAt: NULLABLE_DATE_TIME,
          lastStatus: { type: ['integer', 'null'] },
          lastError: { type: ['string', 'null'] },
          createdAt: DATE_TIME,
          updatedAt: DATE_TIME,
          deliveredAt: NULLABLE_DATE_TIME,
        },
      },
    },
  },
};

const EXPORT = {
  type: 'object',
  required: ['format', 'exportedAt', 'user', 'preferences', 'watchlist', 'apiKeys', 'usage', 'shares', 'airingAlerts'],
  properties: {
    format: { type: 'string', enum: ['anime-federation.user-export.v1'] },
    exportedAt: DATE_TIME,
    user: { type: 'object', required: ['id', 'createdAt', 'deletedAt'], properties: { id: { type: 'string' }, createdAt: DATE_TIME, deletedAt: NULLABLE_DATE_TIME } },
    preferences: PREFERENCES,
    watchlist: {
      type: 'array',
      items: {
        type: 'object',
        required: ['animeId', 'title', 'status', 'score', 'progress', 'createdAt', 'updatedAt'],
        properties: {
          animeId: { type: 'string' },
          title: { type: ['string', 'null'], description: "The catalog's title (not stored per user)." },
          status: { type: 'string', enum: Object.values(WatchStatus) },
          score: { type: ['number', 'null'] },
          progress: { type: ['integer', 'null'] },
          createdAt: DATE_TIME,
          updatedAt: DATE_TIME,
        },
      },
    },
    apiKeys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'scopes', 'tier', 'createdAt', 'revokedAt', 'lastUsedAt'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          scopes: { type: 'array', items: { type: 'string' } },
          tier: { type: 'string' },
          createdAt: DATE_TIME,
          revokedAt: NULLABLE_DATE_TIME,
          lastUsedAt: NULLABLE_DATE_TIME,
        },
      },
    },
    linkedAccounts: {
      type: 'array',
      description: 'Linked provider accounts ("linked since …"); their tokens are stored encrypted and never exported.',
      items: { type: 'object', required: ['source', 'linkedAt', 'description'], properties: { source: { type: 'string' }, linkedAt: DATE_TIME, description: { type: 'string' }, tokenExpiresAt: NULLABLE_DATE_TIME, lastSyncAt: NULLABLE_DATE_TIME, lastSyncError: { type: ['string', 'null'] } } },
    },
    usage: {
      type: 'array',
      items: {
        type: 'object',
        required: ['keyId', 'day', 'requests', 'nlCalls', 'rejected'],
        properties: { keyId: { type: 'string' }, day: { type: 'string' }, requests: { type: 'integer' }, nlCalls: { type: 'integer' }, rejected: { type: 'integer' } },
      },
    },
    shares: {
      type: 'array',
      description: 'Published read-only links to the list (src/users/shares); the tokens themselves are never stored.',
      items: { type: 'object', required: ['id', 'status', 'createdAt'], properties: { id: { type: 'string' }, status: { type: ['string', 'null'], enum: [...Object.values(WatchStatus), null] }, createdAt: DATE_TIME } },
    },
    airingAlerts: AIRING_ALERTS_EXPORT,
  },
};

const DELETED = {
  type: 'object',
  required: ['userId', 'deletedAt', 'purged', 'purgeAfter'],
  properties: {
    userId: { type: 'string' },
    deletedAt: DATE_TIME,
    purged: { type: 'boolean', description: 'True when everything was removed now (`purge=true`).' },
    purgeAfter: { ...NULLABLE_DATE_TIME, description: 'When the kept data is removed (null once purged).' },
  },
};

/** The query parameters each route knows. */
const KNOWN_FIELDS: Record<string, string[]> = { 'POST /api/users': [], 'GET /api/me/export': ['format'], 'DELETE /api/me': ['purge'] };

export function userRoutes(options: UserRoutesOptions) {
  const { access, service, config, metrics } = options;

  const refuse = (reply: FastifyReply, error: UserError) => {
    if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="anime-federation"');
    return reply.code(error.status).send(error.restBody());
  };
  const caller = (request: FastifyRequest) => service.require(viewerContext(access.principalOf(request))[VIEWER] ?? null);

  return async (api: FastifyInstance) => {
    api.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    // Fastify's validator drops unknown properties of closed objects silently; a misspelt (or
    // smuggled, `userId=…`) parameter deserves a 400 instead.
    api.addHook('preValidation', async (request, reply) => {
      const allowed = KNOWN_FIELDS[`${request.method} ${request.routeOptions.url}`];
      if (!allowed) return;
      // No route takes a body: none at all, `{}` or `null`; anything else is refused, not ignored.
      const body = request.body;
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
        return reply.code(400).send({ error: { code: 'BAD_USER_INPUT', message: 'invalid body: these routes take no body', details: { field: 'body' } } });
      }
      for (const [where, given, known] of [['querystring', request.query, allowed], ['body', body, []]] as const) {
        if (!given || typeof given !== 'object' || Array.isArray(given)) continue;
        const unknown = Object.keys(given).find((key) => !(known as readonly string[]).includes(key));
        if (unknown !== undefined) {
          const hint = known.length ? `; known: ${known.join(', ')}` : '; send none';
          return reply.code(400).send({ error: { code: 'BAD_USER_INPUT', message: `invalid ${where}: ${unknown.slice(0, 64)} is not a known parameter${hint}`, details: { field: unknown.slice(0, 64) } } });
        }
      }
    });
    api.setErrorHandler((error, request, reply) => {
      if (error instanceof UserError) return refuse(reply, error);
      // Anything else (schema validation, the store) goes to the REST scope's handler.
      throw error;
    });

    api.post(
      '/users',
      {
        schema: {
          summary: 'Sign up: a new user account and its API key (scope `user`)',
          description: `Self-service sign-up${config.USER_SIGNUP ? '' : ' (turned off on this server: USER_SIGNUP=false)'}. No personal data is asked for; the key is the account. Quotas are the key's tier's, as for any key.`,
          tags: ['users'],
          operationId: 'signUp',
          response: {
            201: SIGNED_UP,
            400: err('BAD_USER_INPUT: sign-up takes no parameters; send no body (or `{}`).'),
            403: err('FORBIDDEN: sign-up is turned off on this server (USER_SIGNUP=false).'),
            429: err('QUOTA_EXCEEDED: too many sign-ups from this address today, or its request quota is used up; see Retry-After.'),
          },
        },
      },
      async (request, reply) => {
        if (!config.USER_SIGNUP) {
          return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'self-service sign-up is turned off on this server (USER_SIGNUP=false); ask its operator for an API key', details: { setting: 'USER_SIGNUP' } } });
        }
        if (access.quotasOn) {
          const limit = { name: 'signup-day', limit: config.USER_SIGNUP_PER_IP_PER_DAY, windowMs: DAY_MS };
          const taken = await access.quota.consume(`signup:ip:${request.ip}`, [limit]);
          if (!taken.ok) {
            const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
            void reply.header('retry-after', String(retryAfter));
            return reply.code(429).send({ error: { code: 'QUOTA_EXCEEDED', message: `this address has made ${limit.limit} sign-ups today, the most allowed; retry after ${retryAfter} s`, details: { limit: limit.name, allowed: limit.limit, retryAfterMs: taken.retryAfterMs } } });
          }
        }
        const created = await service.signUp();
        return reply.code(201).header('location', '/api/me/export').send(created);
      },
    );

    api.get(
      '/me/export',
      {
        schema: {
          summary: 'Everything stored about the signed-in user, as JSON or CSV',
          description: 'The account, preferences, watchlist, API keys (never their secrets) and per-day usage. CSV has one fact per row: `section,item,field,value`.',
          tags: ['users'],
          operationId: 'exportMe',
          security: USER_SECURITY,
          querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['json', 'csv'], default: 'json' } } },
          response: {
            200: {
              description: 'The export.',
              content: { 'application/json': { schema: EXPORT }, 'text/csv': { schema: { type: 'string' } } },
            },
            ...ME_ERRORS,
            404: err('NOT_FOUND: the account no longer exists.'),
          },
        },
      },
      async (request, reply) => {
        const account = await caller(request);
        const document = await service.export(account);
        const { format } = request.query as { format: 'json' | 'csv' };
        void reply.header('content-disposition', `attachment; filename="anime-federation-export.${format}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(document));
        return reply.type('application/json; charset=utf-8').send(document);
      },
    );

    api.delete(
      '/me',
      {
        schema: {
          summary: "Delete the signed-in user's account",
          description: `The account's keys stop working at once. Its data is kept, unreachable, for ${config.USER_PURGE_DAYS} days (USER_PURGE_DAYS) and then purged; \`purge=true\` purges it now. A purge leaves only aggregate counts.`,
          tags: ['users'],
          operationId: 'deleteMe',
          security: USER_SECURITY,
          querystring: { type: 'object', additionalProperties: false, properties: { purge: { type: 'boolean', default: false } } },
          response: { 200: DELETED, ...ME_ERRORS },
        },
      },
      async (request) => {
        const account = await caller(request);
        const { purge } = request.query as { purge: boolean };
        return service.delete(account, purge);
      },
    );

    // Every other method on these paths is a 405 naming the one allowed, as on the other routes.
    registerMethodNotAllowed(api, '/users', 'POST', metrics);
    registerMethodNotAllowed(api, '/me/export', 'GET', metrics);
    registerMethodNotAllowed(api, '/me', 'DELETE', metrics);
  };
}
