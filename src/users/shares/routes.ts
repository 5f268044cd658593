// GET /api/lists/{token}: a published list, read without a key (registered in the REST scope at
// the prefix /lists, so it shares its error shape, quotas and /openapi.json). The answer may be
// kept by the reader's browser for SHARE_MAX_AGE_S seconds but never by a shared cache (`private`):
// the list is personal data its owner chose to show to link holders, not to a CDN. Unpublishing or
// deleting the account ends the link on the server at once; a browser that read it just before may
// show its copy until the max-age runs out. Refusals are `no-store`.
import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../../catalog/index.js';
import type { Metrics } from '../../metrics/index.js';
import { ERROR_SCHEMA, registerMethodNotAllowed } from '../../rest/index.js';
import { UserError } from '../errors.js';
import { MAX_WATCHLIST_PAGE, WatchStatus } from '../model.js';
import type { SharesService } from './service.js';

export const SHARE_MAX_AGE_S = 30;

export interface ShareRoutesOptions {
  shares: SharesService;
  catalog: Catalog;
  metrics?: Metrics;
}

const QUERY_FIELDS = ['first', 'offset'];
const DATE_TIME = { type: 'string', format: 'date-time' };

const SHARED_LIST = {
  type: 'object',
  required: ['status', 'createdAt', 'entries'],
  properties: {
    status: { type: ['string', 'null'], enum: [...Object.values(WatchStatus), null], description: 'The one status the link shows; null for the whole list.' },
    createdAt: { ...DATE_TIME, description: 'When the link was published.' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['animeId', 'title', 'status', 'score', 'progress', 'updatedAt'],
        properties: {
          animeId: { type: 'string' },
          title: { type: ['string', 'null'], description: "The catalog's title; null when the catalog no longer lists the anime." },
          status: { type: 'string', enum: Object.values(WatchStatus) },
          score: { type: ['number', 'null'] },
          progress: { type: ['integer', 'null'] },
          updatedAt: DATE_TIME,
        },
      },
    },
  },
};

export function shareRoutes(options: ShareRoutesOptions) {
  const { shares, catalog, metrics } = options;
  return async (api: FastifyInstance) => {
    api.setErrorHandler((error, _request, reply) => {
      if (error instanceof UserError) return reply.code(error.status).header('cache-control', 'no-store').send(error.restBody());
      throw error;
    });
    // Fastify's validator drops unknown query parameters silently; a misspelt (or smuggled,
    // `userId=…`) one deserves a 400, as on the other user routes.
    api.addHook('preValidation', async (request, reply) => {
      const unknown = Object.keys((request.query ?? {}) as object).find((key) => !QUERY_FIELDS.includes(key));
      if (unknown === undefined) return;
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'BAD_USER_INPUT', message: `invalid querystring: ${unknown.slice(0, 64)} is not a known parameter; known: ${QUERY_FIELDS.join(', ')}`, details: { field: unknown.slice(0, 64) } } });
    });
    api.get(
      '/:token',
      {
        schema: {
          summary: 'A shared watchlist, read-only, without an API key',
          description: `The list its owner published with \`publishWatchlist\` (GraphQL), most recently changed first. Anyone with the token may read it; \`unpublishWatchlist\` or deleting the account ends it at once. Cache-Control: private, max-age=${SHARE_MAX_AGE_S}.`,
          tags: ['users'],
          operationId: 'sharedWatchlist',
          params: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 } } },
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { first: { type: 'integer', minimum: 1, maximum: MAX_WATCHLIST_PAGE, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 } },
          },
          response: {
            200: SHARED_LIST,
            400: { description: 'BAD_USER_INPUT: first or offset out of range, an unknown query parameter, or a token longer than 100 characters (the router answers 414 above it).', ...ERROR_SCHEMA },
            404: { description: 'NOT_FOUND: no shared list has this token (never issued, unpublished, or the account was deleted).', ...ERROR_SCHEMA },
            // Answered by Fastify's router before the route runs (a path parameter over 100 characters).
            414: { description: 'The token is far too long.', type: 'object', required: ['message'], properties: { error: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, statusCode: { type: 'integer' } } },
          },
        },
      },
      async (request, reply) => {
        const { token } = request.params as { token: string };
        const { first, offset } = request.query as { first: number; offset: number };
        const { share, entries } = await shares.read(token, first, offset);
        void reply.header('cache-control', `private, max-age=${SHARE_MAX_AGE_S}`);
        return {
          status: share.status,
          createdAt: share.createdAt,
          entries: entries.map((e) => ({ animeId: e.animeId, title: catalog.byId(e.animeId)?.title ?? null, status: e.status, score: e.score, progress: e.progress, updatedAt: e.updatedAt })),
        };
      },
    );
    registerMethodNotAllowed(api, '/:token', 'GET', metrics);
  };
}
