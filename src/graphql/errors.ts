// Resolver boundary: typed service errors become GraphQL errors with codes; anything else is an
// internal error whose details stay in the log, never in the response.
import { GraphQLError } from 'graphql';
import { AppError } from '../errors/index.js';

export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AppError) return error.toGraphQLError();
  return new GraphQLError('Internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' }, originalError: error as Error });
}
