/**
 * Errors the authentication layer throws. None of them keeps a credential: messages name schemes,
 * option keys and environment variables, never values; OAuth error descriptions are scrubbed of
 * every secret that was sent before they are kept.
 */
import { ApiwrightError, AuthenticationError, type ApiwrightErrorInit } from '../errors/errors.js';
import { nameErrorClass } from '../errors/kinds.js';

export interface MissingCredentialErrorInit extends ApiwrightErrorInit {
  /** Security scheme names that could have satisfied the operation (not values). */
  schemes: readonly string[];
  /** Environment variables that would have provided them. */
  envVars: readonly string[];
}

/** No security requirement of the operation could be met with the credentials configured. */
export class MissingCredentialError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'MissingCredentialError');
  override readonly code: string = 'MISSING_CREDENTIAL';
  readonly schemes: readonly string[];
  readonly envVars: readonly string[];
  constructor(message: string, init: MissingCredentialErrorInit) {
    super(message, init);
    this.schemes = init.schemes;
    this.envVars = init.envVars;
  }
}

/** A credential was supplied but cannot be sent as is (e.g. a newline in a header value). */
export class InvalidCredentialError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'InvalidCredentialError');
  override readonly code: string = 'INVALID_CREDENTIAL';
}

/** An OAuth flow this runtime refuses to run (the implicit grant, RFC 9700 §2.1.2) or that the server cannot do. */
export class UnsupportedAuthFlowError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'UnsupportedAuthFlowError');
  override readonly code: string = 'UNSUPPORTED_AUTH_FLOW';
}

/** The `state` returned to the redirect URI is not the one this client sent (RFC 6749 §10.12, CSRF). */
export class OAuthStateMismatchError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'OAuthStateMismatchError');
  override readonly code: string = 'OAUTH_STATE_MISMATCH';
}

export interface OAuthErrorInit extends ApiwrightErrorInit {
  status: number;
  headers: Headers;
  /** RFC 6749 §5.2 `error`, e.g. `invalid_grant`, `invalid_client`. */
  oauthError: string;
  /** `error_description`, already scrubbed of secrets. */
  errorDescription?: string | undefined;
  errorUri?: string | undefined;
}

/**
 * The token endpoint refused a grant (RFC 6749 §5.2). An `AuthenticationError`, so code that handles
 * "not authenticated" catches both a 401 from the API and a refused token request.
 */
export class OAuthError extends AuthenticationError<{ error: string; error_description?: string; error_uri?: string }> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'OAuthError');
  override readonly code: string = 'OAUTH_ERROR';
  readonly oauthError: string;
  readonly errorDescription: string | undefined;
  constructor(message: string, init: OAuthErrorInit) {
    const body: { error: string; error_description?: string; error_uri?: string } = { error: init.oauthError };
    if (init.errorDescription !== undefined) body.error_description = init.errorDescription;
    if (init.errorUri !== undefined) body.error_uri = init.errorUri;
    super(message, { ...init, body });
    this.oauthError = init.oauthError;
    this.errorDescription = init.errorDescription;
  }
}

/**
 * A bearer token is a JWT whose `exp` has passed and its source had no fresh one: the request was not
 * sent. An `AuthenticationError` (status 401, as the server would have answered), so code that
 * handles "not authenticated" catches it; `expiresAt` is epoch milliseconds.
 */
export class ExpiredTokenError extends AuthenticationError<{ error: 'expired_token'; expires_at: string }> {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ExpiredTokenError');
  override readonly code: string = 'TOKEN_EXPIRED';
  readonly expiresAt: number;
  constructor(message: string, init: ApiwrightErrorInit & { expiresAt: number }) {
    super(message, {
      ...init,
      status: 401,
      headers: new Headers(),
      body: { error: 'expired_token', expires_at: new Date(init.expiresAt).toISOString() },
    });
    this.expiresAt = init.expiresAt;
  }
}

/** A JWT failed verification (signature, `alg`, `exp`, `nbf`, `iat`, `iss` or `aud`). */
export class JwtVerificationError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'JwtVerificationError');
  override readonly code: string = 'JWT_INVALID';
  /** Why, as a stable code, e.g. `ERR_JWT_EXPIRED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, `ALG_NONE`. */
  readonly reason: string;
  constructor(message: string, init: ApiwrightErrorInit & { reason: string }) {
    super(message, init);
    this.reason = init.reason;
  }
}

/** An optional peer dependency (e.g. `jose` for `verifyJwt`) is not installed. */
export class MissingDependencyError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'MissingDependencyError');
  override readonly code: string = 'MISSING_DEPENDENCY';
}
