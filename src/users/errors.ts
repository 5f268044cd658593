// The typed refusals of the user features. GraphQL carries the code in `extensions.code`
// (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND); REST answers with the status below and
// the access layer's codes (401 is UNAUTHORIZED there, as for any refused key).
import { GraphQLError } from 'graphql';

export type UserErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'NOT_CONFIGURED' | 'SOURCE_UNAVAILABLE' | 'SOURCE_BAD_RESPONSE';

// NOT_CONFIGURED: a feature this server has no settings for (list import, linking); the details name them.
const STATUS: Record<UserErrorCode, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, NOT_CONFIGURED: 503, SOURCE_UNAVAILABLE: 503, SOURCE_BAD_RESPONSE: 502 };

export class UserError extends Error {
  readonly status: number;

  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.status = STATUS[code];
  }

  /** graphql-js copies `extensions` of a thrown error, so the code reaches the client as is. */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: this.extensions });
  }

  /** The REST body: the access layer's code for a missing identity, the same code otherwise. */
  restBody(): { error: { code: string; message: string; details: Record<string, unknown> } } {
    return { error: { code: this.code === 'UNAUTHENTICATED' ? 'UNAUTHORIZED' : this.code, message: this.message, details: this.details } };
  }
}

export const badUserInput = (message: string, field: string, details: Record<string, unknown> = {}) => new UserError('BAD_USER_INPUT', message, { field, ...details });
