/**
 * Every error a generated client throws. One hierarchy, one structured format (`toJSON()`). Each
 * class names itself on its prototype, so guards.ts can tell kinds apart across realms and
 * duplicated bundles by walking the prototype chain, with no list of names to keep.
 */
import { normalizeErrorBody, type ErrorDetail } from './error-format.js';
import { nameErrorClass } from './kinds.js';
import type { ValidationIssue } from '../validate/issue.js';

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
  static readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ApiwrightError');
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
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ApiError');
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
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'BadRequestError');
  override readonly code: string = 'BAD_REQUEST';
}
export class AuthenticationError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'AuthenticationError');
  override readonly code: string = 'UNAUTHENTICATED';
}
export class PermissionDeniedError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'PermissionDeniedError');
  override readonly code: string = 'PERMISSION_DENIED';
}
export class NotFoundError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'NotFoundError');
  override readonly code: string = 'NOT_FOUND';
}
export class ConflictError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ConflictError');
  override readonly code: string = 'CONFLICT';
}
export class UnprocessableEntityError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'UnprocessableEntityError');
  override readonly code: string = 'VALIDATION_ERROR';
}
export class RateLimitError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'RateLimitError');
  override readonly code: string = 'RATE_LIMITED';
  /** How long the server (or the client-side limiter) asked to wait, when known. */
  retryAfterMs: number | undefined;
}
export class InternalServerError<T = unknown> extends ApiError<T> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'InternalServerError');
  override readonly code: string = 'INTERNAL_SERVER_ERROR';
}

/** No response arrived: DNS, refused, reset. `outcomeUnknown` is true when the body may have reached the server. */
export class ConnectionError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ConnectionError');
  override readonly code: string = 'CONNECTION_ERROR';
  readonly outcomeUnknown: boolean;
  constructor(message: string, init: ApiwrightErrorInit & { outcomeUnknown?: boolean } = {}) {
    super(message, init);
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}
export class TimeoutError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'TimeoutError');
  override readonly code: string = 'TIMEOUT';
}
export class AbortError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'AbortError');
  override readonly code: string = 'ABORTED';
}
/** The body could not be read as the declared media type (invalid JSON, HTML instead of JSON, too large). */
export class ParseError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ParseError');
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
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ResponseTooLargeError');
  override readonly code: string = 'RESPONSE_TOO_LARGE';
  readonly limitBytes: number;
  constructor(message: string, init: ApiwrightErrorInit & { status?: number; limitBytes: number }) {
    super(message, init);
    this.limitBytes = init.limitBytes;
  }
}
/** Input or output did not match the spec's schema. */
export class ValidationError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ValidationError');
  override readonly code: string = 'VALIDATION_ERROR';
  readonly issues: ErrorDetail[];
  /** The validator's own issues (JSON pointer, keyword, message) when a generated validator refused the value. */
  readonly validationIssues: readonly ValidationIssue[];
  constructor(
    message: string,
    init: ApiwrightErrorInit & { issues?: ErrorDetail[]; validationIssues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, init);
    this.issues = init.issues ?? [];
    this.validationIssues = init.validationIssues ?? [];
  }
  override toJSON(): StructuredError {
    const base = super.toJSON();
    return { error: { ...base.error, details: this.issues } };
  }
}
/** A request body larger than `maxRequestBytes`: refused before anything was sent. */
export class RequestTooLargeError extends ValidationError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'RequestTooLargeError');
  override readonly code: string = 'REQUEST_TOO_LARGE';
  readonly limitBytes: number;
  constructor(message: string, init: ApiwrightErrorInit & { limitBytes: number }) {
    super(message, { ...init, issues: [{ field: 'body', issue: message }] });
    this.limitBytes = init.limitBytes;
  }
}
/** The client is set up in a way that cannot work or is unsafe (relative server URL, plain http, bad baseUrl). */
export class ConfigurationError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ConfigurationError');
  override readonly code: string = 'CONFIGURATION_ERROR';
}
export class CircuitOpenError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'CircuitOpenError');
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
