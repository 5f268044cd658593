// Typed errors of the embedders, on the project's AppError codes: an unreadable image is the
// caller's input (BAD_USER_INPUT), a model that cannot load is our dependency being unavailable.
import { AppError, ErrorCode, badInput } from '../errors/index.js';

export const IMAGE_UNREADABLE = 'IMAGE_UNREADABLE';
export const MODEL_UNAVAILABLE = 'MODEL_UNAVAILABLE';

export function imageUnreadable(message: string, details: Record<string, unknown> = {}): AppError {
  return badInput(message, { reason: IMAGE_UNREADABLE, ...details });
}

export function modelUnavailable(model: string, cause: unknown): AppError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AppError(ErrorCode.SOURCE_UNAVAILABLE, `Embedding model "${model}" could not be loaded: ${why.split('\n')[0]}`, {
    source: 'model',
    reason: MODEL_UNAVAILABLE,
    model,
  });
}
