/**
 * The runtime's public surface, as an explicit list: what generated code and users may import.
 * Anything not listed here is internal and may change without notice.
 */

// The client and how a call is consumed.
export { createRuntimeClient } from './client.js';
export type { Client, ClientInternals, ClientOptions, RequestOptions } from './client.js';
export { ApiPromise } from './api-promise.js';
export type { ApiResult, SafeResult } from './api-promise.js';
export type { HookContext, Hooks, OnErrorHook, OnRequestHook, OnResponseHook } from './hooks.js';
export type { ResponseType } from './response.js';
export { parseRetryAfterMs } from './response.js';
export { RUNTIME_VERSION } from './version.js';

// The contract between generated code and the runtime.
export type {
  ApiDescriptor,
  BodyDescriptor,
  Clock,
  EncodingDescriptor,
  HttpMethod,
  OAuthFlowsDescriptor,
  OperationDescriptor,
  PaginationDescriptor,
  ParamDescriptor,
  ParamLocation,
  ParamStyle,
  PreparedRequest,
  RequestContext,
  SecurityRequirement,
  SecuritySchemeDescriptor,
  ServerDescriptor,
  ServerVariableDescriptor,
} from './types.js';

// Errors: classes, name-based type guards, the structured format.
export {
  AbortError,
  ApiError,
  ApiwrightError,
  AuthenticationError,
  BadRequestError,
  CircuitOpenError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  ParseError,
  PermissionDeniedError,
  RateLimitError,
  RequestTooLargeError,
  ResponseTooLargeError,
  TimeoutError,
  UnprocessableEntityError,
  ValidationError,
  errorClassForStatus,
  isAbortError,
  isApiError,
  isApiwrightError,
  isCircuitOpenError,
  isConfigurationError,
  isConnectionError,
  isParseError,
  isRateLimitError,
  isRequestTooLargeError,
  isResponseTooLargeError,
  isTimeoutError,
  isValidationError,
} from './errors.js';
export type { ApiErrorInit, ApiwrightErrorInit, StructuredError } from './errors.js';
export { normalizeErrorBody } from './error-format.js';
export type { ErrorDetail, NormalizedErrorBody } from './error-format.js';

// Authentication.
export {
  InvalidCredentialError,
  JwtVerificationError,
  MissingCredentialError,
  MissingDependencyError,
  OAuthError,
  OAuthStateMismatchError,
  UnsupportedAuthFlowError,
  createCodeChallenge,
  createCodeVerifier,
  createMemoryTokenStore,
  createState,
  decodeJwtPayload,
  readJwtExpiry,
  verifyJwt,
} from './auth/index.js';
export type {
  ApiKeyAuth,
  AuthDeps,
  AuthOptions,
  Authenticator,
  AuthorizationRequest,
  AuthorizationUrlOptions,
  BasicAuth,
  BearerAuth,
  ClientAuthMethod,
  CodeExchange,
  CredentialSource,
  EnvReader,
  HttpAuth,
  MutualTlsAuth,
  OAuth2Auth,
  OAuthController,
  OAuthFlowName,
  OpenIdConnectAuth,
  SchemeChoice,
  TokenSet,
  TokenStore,
  VerifiedJwt,
  VerifyJwtOptions,
} from './auth/index.js';

// Resilience and observability options.
export type {
  AttemptTarget,
  CircuitBreakerOptions,
  RateLimitOptions,
  Resilience,
  ResilienceDeps,
  ResilienceOptions,
  RetryOptions,
  StateStore,
} from './resilience.js';
export type {
  AttemptInfo,
  CircuitState,
  ErrorSummary,
  LatencySummary,
  LogLevel,
  Logger,
  MetricsSnapshot,
  ObserveEvent,
  ObserveOptions,
  Observer,
  RequestInfo,
} from './observe.js';
