// HTTP statuses of GraphQL requests rejected before execution. Apollo Server answers 500 for any
// error a plugin throws unless the error names its own status, and Fastify answers body-parsing
// failures in its own JSON shape; both are client mistakes that deserve a 4xx in the usual
// `{ errors: [{ message, extensions: { code } }] }` body. Requests that executed keep 200, even
// with field errors.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../src/errors/index.js';

/**
 * Codes that mean "change the request": nothing ran, so the answer is 400 (GraphQL-over-HTTP,
 * and what graphql-http audits for application/graphql-response+json). INVALID_GRAPHQL is the
 * gateway's code for an operation it cannot plan: none picked (several and no name, an unknown
 * name) or a root type the schema lacks (`mutation`, `subscription`).
 */
export const REJECTED_REQUEST_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.QUERY_TOO_COMPLEX,
  'INVALID_GRAPHQL',
]);

const REJECTED_STATUS = 400;

/**
 * Gives 400 to responses without a `data` entry (nothing executed) whose every error has a code of
 * REJECTED_REQUEST_CODES and that would otherwise go out as a 5xx or without a status. A status
 * Apollo chose on purpose (405 for a mutation over GET) stands.
 */
export function rejectedRequestStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if ('data' in result || !result.errors?.length) return;
          const status = response.http.status;
          if (status !== undefined && status < 500) return;
          if (result.errors.every((error) => REJECTED_REQUEST_CODES.has(String(error.extensions?.['code'])))) response.http.status = REJECTED_STATUS;
        },
      };
    },
  };
}

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * Fastify error handler for the GraphQL route: a body that is not JSON, an empty one, one too large
 * or of a type nobody parses never reaches Apollo. It keeps Fastify's 4xx status and answers in the
 * GraphQL error shape with BAD_REQUEST; anything else is the server's fault and says no more than that.
 */
export function graphqlRouteErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  const clientError = status >= 400 && status < 500;
  if (!clientError) request.log.error({ err: error }, 'GraphQL route failed before Apollo answered');
  const accept = request.headers.accept ?? '';
  const type = accept.includes(GRAPHQL_RESPONSE_JSON) && !accept.includes('application/json') ? GRAPHQL_RESPONSE_JSON : 'application/json';
  return reply
    .code(clientError ? status : 500)
    .type(`${type}; charset=utf-8`)
    .send({
      errors: [
        clientError
          ? { message: error.message, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } }
          : { message: 'Internal server error', extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR } },
      ],
    });
}
