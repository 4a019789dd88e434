/**
 * The runtime's public surface, as an explicit list: what generated code and users may import.
 * Anything not listed here is internal and may change without notice.
 */

// The client and how a call is consumed.
export { createRuntimeClient } from './client.js';
export type { CacheOptions, Client, ClientInternals, ClientOptions, RequestOptions } from './client.js';
export { ApiPromise } from './api-promise.js';
export type { ApiResult, SafeResult } from './api-promise.js';
export { bindOperations } from './bind-operations.js';
export type { BoundOperations } from './bind-operations.js';
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

// Pagination: a paginated call is awaitable (first page) and async-iterable (every item).
export type { PagedPromise, PageItem } from './paged-promise.js';
export { PaginationError, PaginationLoopError, isPaginationError, parseLinkHeader } from './pagination.js';
export type { LinkValue, PageResult, Paginated, PaginationLimits } from './pagination.js';

// Response cache (opt-in via `cache`; a shared CacheStore can replace the in-memory one).
export { CacheEntryMissingError, createMemoryCacheStore, createResponseCache, hashIdentity } from './cache.js';
export type {
  CacheEntry,
  CacheLookup,
  CacheRequest,
  CacheStore,
  MemoryCacheStore,
  MemoryCacheStoreOptions,
  ResponseCache,
  ResponseCacheOptions,
} from './cache.js';

// Many calls at once, with bounded concurrency.
export { BatchResultMismatchError, batch, mapConcurrent } from './batch.js';
export type { BatchOptions, ConcurrencyOptions, Settled } from './batch.js';

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
export { createMemoryStateStore } from './state-store.js';
export type { MemoryStateStoreOptions } from './state-store.js';
export type { RetryBudgetOptions } from './retry.js';
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

// Opt-in data transformation (generated with `naming: 'camelCase'` / `dates: 'Date'`).
export { fromWire, toWire } from './transform.js';
export type { OperationTransform, PropShape, Shape, ShapeTable } from './transform.js';
