// The small set of typed errors every layer uses; resolvers turn them into GraphQL errors with a
// stable `extensions.code`, so clients can branch on the code, never on the message.
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  SOURCE_RATE_LIMITED = 'SOURCE_RATE_LIMITED',
  SOURCE_BAD_RESPONSE = 'SOURCE_BAD_RESPONSE',
  /** A scraped site answered with a bot wall (challenge, captcha, login wall): not retried, not evaded. */
  SOURCE_BLOCKED = 'SOURCE_BLOCKED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** A vector whose length is not the dimension its kind was declared with (src/vector). */
  VECTOR_DIMENSION_MISMATCH = 'VECTOR_DIMENSION_MISMATCH',
  /** Persisted vector index files that do not match their manifest (changed, truncated, corrupt). */
  VECTOR_STORE_CORRUPT = 'VECTOR_STORE_CORRUPT',
  /** The vector store (Milvus) cannot be reached or refused an operation. */
  VECTOR_STORE_UNAVAILABLE = 'VECTOR_STORE_UNAVAILABLE',
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** graphql-js copies `extensions` of a thrown error, so the code reaches the client as is. */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: this.extensions });
  }
}

export function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, details);
}

export function notFound(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.NOT_FOUND, message, details);
}
