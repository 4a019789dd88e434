/**
 * HTTP status → error class, defined once: the runtime maps responses with it and the generator
 * (src/emit/endpoints-file.ts) reads the names to type each operation's errors.
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors.js';

const byStatus = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
} as const satisfies Record<number, typeof ApiError>;

/** The error class for an HTTP status: the table above, any 5xx InternalServerError, else ApiError. */
export function errorClassForStatus(status: number): typeof ApiError {
  if (Object.hasOwn(byStatus, status)) return byStatus[status as keyof typeof byStatus];
  return status >= 500 && status <= 599 ? InternalServerError : ApiError;
}

/**
 * The class name for a status as an OpenAPI responses key writes it (`404`, `5XX`, `default`):
 * what generated code names in an operation's error type.
 */
export function errorClassNameForStatusKey(key: string): string {
  if (/^\d{3}$/.test(key)) return errorClassForStatus(Number(key)).prototype.name;
  return /^5xx$/i.test(key) ? InternalServerError.prototype.name : ApiError.prototype.name;
}
