// The typed error a promise rejects with; fails the test when it resolves or throws anything else.
import { AppError } from '../../src/errors/index.js';

export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the promise to reject with an AppError');
}
