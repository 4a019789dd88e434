/**
 * Every error a generated client throws. One hierarchy, one structured format (`toJSON()`), and
 * name-based type guards (`isApiError(e)`) that work across realms and duplicated bundles.
 */
import { normalizeErrorBody, type ErrorDetail } from './error-format.js';

export interface StructuredError {
  error: {
    code: string;
    message: string;
    details: ErrorDetail[];
    correlation_id: string | null;
    timestamp: string;
    documentation_url: string | null;
  };
}

export interface ApiwrightErrorInit {
  requestId?: string | undefined;
  operation?: string | undefined;
  cause?: unknown;
}

/** Base class of every error the runtime throws. */
export class ApiwrightError extends Error {
  override name = 'ApiwrightError';
  /** Machine-readable code for the structured format, e.g. `NOT_FOUND`, `TIMEOUT`. */
  readonly code: string = 'CLIENT_ERROR';
  /** The request id sent with the request (correlation id). */
  readonly requestId: string | undefined;
  /** The operation that failed, e.g. `getPetById`. */
  readonly operation: string | undefined;
  readonly timestamp: string;

  constructor(message: string, init: ApiwrightErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.timestamp = new Date().toISOString();
  }

  toJSON(): StructuredError {
    return {
      error: {
        code: this.code,
        message: this.message,
        details: [],
        correlation_id: this.requestId ?? null,
        timestamp: this.timestamp,
        documentation_url: null,
      },
    };
  }
}

export interface ApiErrorInit extends ApiwrightErrorInit {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The server answered with a status the operation does not treat as success. */
export class ApiError<TBody = unknown> extends ApiwrightError {
  override name = 'ApiError';
  override readonly code: string = 'API_ERROR';
  readonly status: number;
  readonly headers: Headers;
  /** The parsed error body (JSON when the server sent JSON, else text), typed per operation. */
  readonly body: TBody;

  constructor(message: string, init: ApiErrorInit) {
    super(message, init);
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body as TBody;
  }

  override toJSON(): StructuredError {
    const normalized = normalizeErrorBody(this.body);
    const base = super.toJSON();
    return {
      error: {
        ...base.error,
        code: normalized.code ?? this.code,
        message: normalized.message ?? this.message,
        details: normalized.details,
        correlation_id: this.requestId ?? normalized.correlationId ?? null,
        documentation_url: normalized.documentationUrl ?? null,
      },
    };
  }
}

export class BadRequestError<T = unknown> extends ApiError<T> {
  override name = 'BadRequestError';
  override readonly code: string = 'BAD_REQUEST';
}
export class AuthenticationError<T = unknown> extends ApiError<T> {
  override name = 'AuthenticationError';
  override readonly code: string = 'UNAUTHENTICATED';
}
export class PermissionDeniedError<T = unknown> extends ApiError<T> {
  override name = 'PermissionDeniedError';
  override readonly code: string = 'PERMISSION_DENIED';
}
export class NotFoundError<T = unknown> extends ApiError<T> {
  override name = 'NotFoundError';
  override readonly code: string = 'NOT_FOUND';
}
export class ConflictError<T = unknown> extends ApiError<T> {
  override name = 'ConflictError';
  override readonly code: string = 'CONFLICT';
}
export class UnprocessableEntityError<T = unknown> extends ApiError<T> {
  override name = 'UnprocessableEntityError';
  override readonly code: string = 'VALIDATION_ERROR';
}
export class RateLimitError<T = unknown> extends ApiError<T> {
  override name = 'RateLimitError';
  override readonly code: string = 'RATE_LIMITED';
  /** How long the server (or the client-side limiter) asked to wait, when known. */
  retryAfterMs: number | undefined;
}
export class InternalServerError<T = unknown> extends ApiError<T> {
  override name = 'InternalServerError';
  override readonly code: string = 'INTERNAL_SERVER_ERROR';
}

/** No response arrived: DNS, refused, reset. `outcomeUnknown` is true when the body may have reached the server. */
export class ConnectionError extends ApiwrightError {
  override name = 'ConnectionError';
  override readonly code: string = 'CONNECTION_ERROR';
  readonly outcomeUnknown: boolean;
  constructor(message: string, init: ApiwrightErrorInit & { outcomeUnknown?: boolean } = {}) {
    super(message, init);
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}
export class TimeoutError extends ApiwrightError {
  override name = 'TimeoutError';
  override readonly code: string = 'TIMEOUT';
}
export class AbortError extends ApiwrightError {
  override name = 'AbortError';
  override readonly code: string = 'ABORTED';
}
/** The body could not be read as the declared media type (invalid JSON, HTML instead of JSON, too large). */
export class ParseError extends ApiwrightError {
  override name = 'ParseError';
  override readonly code: string = 'PARSE_ERROR';
  readonly status: number | undefined;
  /** The first characters of the body, for diagnosis. */
  readonly snippet: string | undefined;
  constructor(message: string, init: ApiwrightErrorInit & { status?: number; snippet?: string } = {}) {
    super(message, init);
    this.status = init.status;
    this.snippet = init.snippet;
  }
}
/** A response body larger than `maxResponseBytes`: reading stopped at the limit, nothing partial is returned. */
export class ResponseTooLargeError extends ParseError {
  override name = 'ResponseTooLargeError';
  override readonly code: string = 'RESPONSE_TOO_LARGE';
  readonly limitBytes: number;
  constructor(message: string, init: ApiwrightErrorInit & { status?: number; limitBytes: number }) {
    super(message, init);
    this.limitBytes = init.limitBytes;
  }
}
/** Input or output did not match the spec's schema. */
export class ValidationError extends ApiwrightError {
  override name = 'ValidationError';
  override readonly code: string = 'VALIDATION_ERROR';
  readonly issues: ErrorDetail[];
  constructor(message: string, init: ApiwrightErrorInit & { issues?: ErrorDetail[] } = {}) {
    super(message, init);
    this.issues = init.issues ?? [];
  }
  override toJSON(): StructuredError {
    const base = super.toJSON();
    return { error: { ...base.error, details: this.issues } };
  }
}
/** A request body larger than `maxRequestBytes`: refused before anything was sent. */
export class RequestTooLargeError extends ValidationError {
  override name = 'RequestTooLargeError';
  override readonly code: string = 'REQUEST_TOO_LARGE';
  readonly limitBytes: number;
  constructor(message: string, init: ApiwrightErrorInit & { limitBytes: number }) {
    super(message, { ...init, issues: [{ field: 'body', issue: message }] });
    this.limitBytes = init.limitBytes;
  }
}
/** The client is set up in a way that cannot work or is unsafe (relative server URL, plain http, bad baseUrl). */
export class ConfigurationError extends ApiwrightError {
  override name = 'ConfigurationError';
  override readonly code: string = 'CONFIGURATION_ERROR';
}
export class CircuitOpenError extends ApiwrightError {
  override name = 'CircuitOpenError';
  override readonly code: string = 'CIRCUIT_OPEN';
  /** Milliseconds until the breaker admits a probe. */
  readonly retryAfterMs: number;
  constructor(message: string, init: ApiwrightErrorInit & { retryAfterMs: number }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Fills in the request id and operation on a runtime error raised where they were not known (input checks, auth). */
export function attachRequestContext<E>(error: E, requestId: string, operation: string): E {
  if (error instanceof ApiwrightError) {
    const target = error as { requestId: string | undefined; operation: string | undefined };
    if (target.requestId === undefined) target.requestId = requestId;
    if (target.operation === undefined) target.operation = operation;
  }
  return error;
}

/** The error class for an HTTP status. */
export function errorClassForStatus(status: number): typeof ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : ApiError;
  }
}

/**
 * The error classes of the public contract (DESIGN.md): what every generated `index.ts` re-exports.
 * The generator reads this list, so the runtime and the generated surface cannot drift apart.
 */
export const contractErrorClasses = [
  'ApiwrightError',
  'ApiError',
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
  'RateLimitError',
  'InternalServerError',
  'ConnectionError',
  'TimeoutError',
  'AbortError',
  'ParseError',
  'ValidationError',
  'CircuitOpenError',
] as const;

const apiErrorNames = new Set([
  'ApiError',
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
  'RateLimitError',
  'InternalServerError',
  // auth/errors.ts: a refused token request is an AuthenticationError (status, headers, body).
  'OAuthError',
  'ExpiredTokenError',
]);

function hasName(value: unknown, names: ReadonlySet<string> | string): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  if (typeof name !== 'string') return false;
  return typeof names === 'string' ? name === names : names.has(name);
}

const parseErrorNames = new Set(['ParseError', 'ResponseTooLargeError']);
const validationErrorNames = new Set(['ValidationError', 'RequestTooLargeError']);
const runtimeErrorNames = new Set([
  'ApiwrightError',
  ...apiErrorNames,
  ...parseErrorNames,
  ...validationErrorNames,
  'ConnectionError',
  'TimeoutError',
  'AbortError',
  'CircuitOpenError',
  'ConfigurationError',
  // Defined beside the code that throws them; named here so the guard imports none of those modules.
  ...['MissingCredentialError', 'InvalidCredentialError', 'UnsupportedAuthFlowError', 'OAuthStateMismatchError'], // auth/
  ...['JwtVerificationError', 'MissingDependencyError'], // auth/
  ...['PaginationError', 'PaginationLoopError', 'PaginationLimitError', 'CacheEntryMissingError', 'BatchResultMismatchError'],
]);

/** True for any error from the runtime, whichever copy of the runtime or realm created it. */
export function isApiwrightError(value: unknown): value is ApiwrightError {
  return value instanceof ApiwrightError || hasName(value, runtimeErrorNames);
}
export const isApiError = (value: unknown): value is ApiError => hasName(value, apiErrorNames);
export const isRateLimitError = (value: unknown): value is RateLimitError => hasName(value, 'RateLimitError');
export const isConnectionError = (value: unknown): value is ConnectionError => hasName(value, 'ConnectionError');
export const isTimeoutError = (value: unknown): value is TimeoutError => hasName(value, 'TimeoutError');
export const isAbortError = (value: unknown): value is AbortError => hasName(value, 'AbortError');
export const isParseError = (value: unknown): value is ParseError => hasName(value, parseErrorNames);
export const isResponseTooLargeError = (value: unknown): value is ResponseTooLargeError =>
  hasName(value, 'ResponseTooLargeError');
export const isValidationError = (value: unknown): value is ValidationError => hasName(value, validationErrorNames);
export const isRequestTooLargeError = (value: unknown): value is RequestTooLargeError => hasName(value, 'RequestTooLargeError');
export const isCircuitOpenError = (value: unknown): value is CircuitOpenError => hasName(value, 'CircuitOpenError');
export const isConfigurationError = (value: unknown): value is ConfigurationError => hasName(value, 'ConfigurationError');
