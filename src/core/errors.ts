/** The one family of errors a handler throws; the error middleware renders each in the user's language. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** A message key (see messages) shown to the user. */
    readonly messageKey: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey = 'error.notFound') {
    super(404, messageKey);
  }
}
export class GoneError extends AppError {
  constructor(messageKey = 'error.gone') {
    super(410, messageKey);
  }
}
export class BadRequestError extends AppError {
  constructor(messageKey = 'error.badRequest', details: Record<string, unknown> = {}) {
    super(400, messageKey, details);
  }
}
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    messageKey = 'error.validation',
  ) {
    super(422, messageKey, { fieldErrors });
  }
}
export class UnauthorizedError extends AppError {
  constructor(messageKey = 'error.unauthorized') {
    super(401, messageKey);
  }
}
export class ForbiddenError extends AppError {
  constructor(messageKey = 'error.forbidden') {
    super(403, messageKey);
  }
}
export class ConflictError extends AppError {
  constructor(messageKey = 'error.conflict') {
    super(409, messageKey);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(messageKey = 'error.payloadTooLarge') {
    super(413, messageKey);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    messageKey = 'error.tooManyRequests',
  ) {
    super(429, messageKey, { retryAfterSeconds });
  }
}
