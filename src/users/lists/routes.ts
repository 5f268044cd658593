// REST doors of list import and linking, under /api/me (registered inside the REST scope, so they
// share its error shape and /openapi.json): `POST /api/me/import`, `POST|DELETE
// /api/me/links/{source}`, and the OAuth callback `GET /api/me/links/{source}/callback`, which the
// provider's redirect reaches without an API key: the single-use state names the user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../../auth/index.js';
import type { Metrics } from '../../metrics/index.js';
import { ERROR_SCHEMA, registerMethodNotAllowed } from '../../rest/index.js';
import { viewerContext, VIEWER } from '../context.js';
import { UserError } from '../errors.js';
import type { UsersService } from '../service.js';
import { ListSource } from './model.js';
import type { ListFeatures } from './index.js';

export interface ListRoutesOptions {
  access: Pick<Access, 'principalOf'>;
  users: UsersService;
  features: ListFeatures;
  metrics?: Metrics;
}

/** The provider's redirect to the OAuth callback: it carries no API key, its single-use state names the user. */
export const isOAuthCallback = (method: string, path: string): boolean => method === 'GET' && /^\/api\/me\/links\/(mal|anilist)\/callback$/.test(path);

const err = (description: string) => ({ description, ...ERROR_SCHEMA });
const SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];
const ERRORS = {
  400: err('BAD_USER_INPUT: bad source or username, or a list over USER_IMPORT_MAX_ENTRIES (`details.reason` LIST_TOO_LARGE; nothing written).'),
  401: err('UNAUTHORIZED: no usable user key.'),
  403: err('FORBIDDEN: the key lacks the `user` scope, the list is private, or the OAuth state is forged, spent or expired.'),
  404: err('NOT_FOUND: the provider has no such user (or hides their list).'),
  409: err('CONFLICT: the linked account expired or was revoked; link it again.'),
  502: err('SOURCE_BAD_RESPONSE: the provider answered something unreadable.'),
  503: err('NOT_CONFIGURED (the server lacks MAL_CLIENT_ID, ANILIST_CLIENT_ID/SECRET or USER_TOKEN_KEY; `details.setting`) or SOURCE_UNAVAILABLE.'),
};
const SOURCE_PARAM = { type: 'object', required: ['source'], additionalProperties: false, properties: { source: { type: 'string', enum: ['mal', 'anilist'] } } };
const sourceOf = (request: FastifyRequest) => ((request.params as { source: string }).source === 'mal' ? ListSource.MAL : ListSource.ANILIST);

const REPORT = {
  type: 'object',
  required: ['source', 'imported', 'updated', 'unmatched', 'viaLinkedAccount'],
  properties: {
    source: { type: 'string', enum: Object.values(ListSource) },
    imported: { type: 'integer' },
    updated: { type: 'integer' },
    unmatched: { type: 'array', items: { type: 'object', required: ['sourceId', 'title'], properties: { sourceId: { type: 'string' }, title: { type: ['string', 'null'] } } } },
    viaLinkedAccount: { type: 'boolean' },
  },
};

export function listRoutes(options: ListRoutesOptions) {
  const { access, users, features, metrics } = options;
  const caller = (request: FastifyRequest) => users.require(viewerContext(access.principalOf(request))[VIEWER] ?? null);
  const refuse = (reply: FastifyReply, error: UserError) => {
    if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="anime-federation"');
    return reply.code(error.status).send(error.restBody());
  };

  // Two scopes, because `/api/me` itself belongs to another plugin: `/api/me/import` and `/api/me/links`.
  const common = (api: FastifyInstance) => {
    api.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    api.setErrorHandler((error, _request, reply) => {
      if (error instanceof UserError) return refuse(reply, error);
      throw error;
    });
  };

  const imports = async (api: FastifyInstance) => {
    common(api);
    // '' is the prefix itself: `/api/me/import`.
    api.post(
      '',
      {
        schema: {
          summary: "Import a MyAnimeList or AniList list into the signed-in user's watchlist",
          description: "The public list of `username`, or the linked account's own list (private entries too) when `username` is that account. Entries are mapped through the crosswalk and written in one transaction; those it cannot place are listed in `unmatched`.",
          tags: ['users'],
          operationId: 'importList',
          security: SECURITY,
          body: { type: 'object', required: ['source', 'username'], additionalProperties: false, properties: { source: { type: 'string', enum: Object.values(ListSource) }, username: { type: 'string', maxLength: 64 } } },
          response: { 200: REPORT, ...ERRORS },
        },
      },
      async (request) => {
        const account = await caller(request);
        const { source, username } = request.body as { source: ListSource; username: string };
        return features.imports.import(account.id, source, username);
      },
    );

    registerMethodNotAllowed(api, '', 'POST', metrics);
  };

  const links = async (api: FastifyInstance) => {
    common(api);
    api.post(
      '/:source',
      {
        schema: {
          summary: "Start linking the signed-in user's MyAnimeList (OAuth2 with PKCE) or AniList (authorization code) account",
          tags: ['users'],
          operationId: 'linkAccount',
          security: SECURITY,
          params: SOURCE_PARAM,
          response: {
            200: { type: 'object', required: ['source', 'authorizationUrl', 'redirectUri', 'expiresAt'], properties: { source: { type: 'string' }, authorizationUrl: { type: 'string' }, redirectUri: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } },
            ...ERRORS,
          },
        },
      },
      async (request) => features.links.link((await caller(request)).id, sourceOf(request)),
    );

    api.delete(
      '/:source',
      {
        schema: { summary: 'Unlink a provider account (its tokens are deleted)', tags: ['users'], operationId: 'unlinkAccount', security: SECURITY, params: SOURCE_PARAM, response: { 200: { type: 'object', required: ['unlinked'], properties: { unlinked: { type: 'boolean' } } }, ...ERRORS } },
      },
      async (request) => ({ unlinked: await features.links.unlink((await caller(request)).id, sourceOf(request)) }),
    );

    api.get(
      '/:source/callback',
      {
        schema: {
          summary: "The provider's OAuth redirect: exchanges the code for tokens (stored encrypted)",
          description: 'Reached by the browser without an API key: the single-use `state` from linkAccount names the user. A forged, spent or expired state is a 403.',
          tags: ['users'],
          operationId: 'linkCallback',
          params: SOURCE_PARAM,
          querystring: { type: 'object', properties: { code: { type: 'string', maxLength: 4096 }, state: { type: 'string', maxLength: 200 }, error: { type: 'string', maxLength: 200 } } },
          response: { 200: { type: 'object', required: ['linked', 'source', 'linkedAt'], properties: { linked: { type: 'boolean' }, source: { type: 'string' }, linkedAt: { type: 'string', format: 'date-time' } } }, ...ERRORS },
        },
      },
      async (request) => {
        const { code, state, error } = request.query as { code?: string; state?: string; error?: string };
        if (error) throw new UserError('FORBIDDEN', `the provider did not authorize the link (${error}); nothing was linked`, { reason: 'AUTHORIZATION_DENIED' });
        const linked = await features.links.complete(sourceOf(request), code ?? '', state ?? '', async (userId) => (await users.viewer({ keyId: 'link-callback', userId, scopes: ['user'] })) !== null);
        return { linked: true, ...linked };
      },
    );

    registerMethodNotAllowed(api, '/:source/callback', 'GET', metrics);
  };

  return { '/me/import': imports, '/me/links': links };
}
