// The typed refusals of the access layer, each with its HTTP status; every front door renders them
// in its own error shape (front-doors.ts).

export type AccessCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'QUOTA_EXCEEDED' | 'BAD_USER_INPUT' | 'PERSISTED_DOCUMENT_REQUIRED' | 'PERSISTED_DOCUMENT_NOT_FOUND';

const STATUS: Record<AccessCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  QUOTA_EXCEEDED: 429,
  BAD_USER_INPUT: 400,
  PERSISTED_DOCUMENT_REQUIRED: 403,
  PERSISTED_DOCUMENT_NOT_FOUND: 400,
};

export class AccessError extends Error {
  readonly status: number;

  constructor(
    readonly code: AccessCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds until a retry can succeed (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AccessError';
    this.status = STATUS[code];
  }
}
