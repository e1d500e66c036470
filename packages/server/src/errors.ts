import { errorStatus, type ErrorCode } from '@confide/api';

/** The one error type operations throw; the error handler maps its code to a status. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

/** 404 for anything the caller may not see, whether or not it exists. */
export function notFound(what = 'This item'): AppError {
  return new AppError('not_found', `${what} was not found.`);
}
