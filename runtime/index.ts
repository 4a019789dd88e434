/**
 * The runtime's public surface, as an explicit list: what generated code and users may import.
 * Anything not listed here is internal and may change without notice.
 */

// The client and how a call is consumed.
export { createRuntimeClient } from './client/runtime-client.js';
export type { CacheOptions, Client, ClientInternals, ClientOptions, RequestOptions } from './client/client.js';
export { ApiPromise } from './client/api-promise.js';
export type { ApiResult, SafeResult } from './client/api-promise.js';
export { bindOperations } from './client/bind-operations.js';
export type { BoundOperations } from './client/bind-operations.js';
export type { HookContext, Hooks, OnErrorHook, OnRequestHook, OnResponseHook } from './client/hooks.js';
export type { ResponseType } from './transport/response.js';
export { parseRetryAfterMs } from './resilience/retry-after.js';
export { RUNTIME_VERSION } from './util/version.js';

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
} from './client/descriptor.js';

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
} from './errors/errors.js';
export {
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
} from './errors/guards.js';
export { errorClassForStatus } from './errors/status.js';
export type { ApiErrorInit, ApiwrightErrorInit, StructuredError } from './errors/errors.js';
export { normalizeErrorBody } from './errors/error-format.js';
export type { ErrorDetail, NormalizedErrorBody } from './errors/error-format.js';

// Authentication. Each name from its own module (not auth/index.ts), so a client's runtime holds
// only the auth modules its code reaches (src/write/select-runtime.ts).
export {
  ExpiredTokenError,
  InvalidCredentialError,
  JwtVerificationError,
  MissingCredentialError,
  MissingDependencyError,
  OAuthError,
  OAuthStateMismatchError,
  UnsupportedAuthFlowError,
} from './auth/errors.js';
export { createCodeChallenge, createCodeVerifier, createState } from './auth/pkce.js';
export { createMemoryTokenStore, type TokenSet, type TokenStore } from './auth/token-store.js';
export { decodeJwtPayload, readJwtExpiry } from './auth/jwt-claims.js';
export { verifyJwt, type VerifiedJwt, type VerifyJwtOptions } from './auth/jwt-verify.js';
export type { AuthDeps, Authenticator } from './auth/authenticator.js';
export type {
  ApiKeyAuth,
  AuthOptions,
  BasicAuth,
  BearerAuth,
  ClientAuthMethod,
  CredentialSource,
  HttpAuth,
  MutualTlsAuth,
  OAuth2Auth,
  OAuthFlowName,
  OpenIdConnectAuth,
} from './auth/options.js';
export type { OAuthController, SchemeChoice } from './auth/oauth2-controller.js';
export type { AuthorizationUrlOptions } from './auth/oauth2-session.js';
export type { AuthorizationRequest, CodeExchange } from './auth/oauth2-authorization-code.js';
export type { EnvReader } from './auth/credentials.js';

// Pagination: a paginated call is awaitable (first page) and async-iterable (every item).
export type { PagedPromise, PageItem } from './pagination/paged-promise.js';
export {
  PaginationError,
  PaginationLimitError,
  PaginationLoopError,
  isPaginationError,
  parseLinkHeader,
} from './pagination/pagination.js';
export type { LinkValue, PageResult, Paginated, PaginationLimits } from './pagination/pagination.js';
export type { CollectOptions } from './pagination/collect-all.js';

// Response cache (opt-in via `cache`; a shared CacheStore can replace the in-memory one).
export { CacheEntryMissingError, createMemoryCacheStore, createResponseCache, hashIdentity } from './cache/cache.js';
export type {
  CacheEntry,
  CacheLookup,
  CacheRequest,
  CacheStore,
  MemoryCacheStore,
  MemoryCacheStoreOptions,
  ResponseCache,
  ResponseCacheOptions,
} from './cache/cache.js';

// Many calls at once, with bounded concurrency.
export { BatchResultMismatchError, batch, mapConcurrent } from './pagination/batch.js';
export type { BatchOptions, ConcurrencyOptions, Settled } from './pagination/batch.js';

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
} from './resilience/resilience.js';
export { createMemoryStateStore } from './resilience/state-store.js';
export type { MemoryStateStoreOptions } from './resilience/state-store.js';
export type { RetryBudgetOptions } from './resilience/retry.js';
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
} from './observe/observe.js';

// Opt-in data transformation (generated with `naming: 'camelCase'` / `dates: 'Date'`).
export { fromWire, toWire } from './transform/transform.js';
export type { OperationTransform, PropShape, Shape, ShapeTable } from './transform/transform.js';

// Validation: the helpers generated validators call, their result types, and the strict-mode error.
export type { OperationValidators, SchemaCheck, ValidationIssue, ValidationResult } from './validate/issue.js';
export type { ValidateOptions } from './validate/options.js';
export { badFormat, fail, missing, pointerToken, wrongType } from './validate/issue.js';
export { codePointLength, deepEqual, duplicateIndex, isBinary, isMultipleOf } from './validate/keywords.js';
export {
  isBase64,
  isDate,
  isDateTime,
  isEmail,
  isHostname,
  isInt32,
  isInt64,
  isIpv4,
  isIpv6,
  isTime,
  isUri,
  isUuid,
} from './validate/formats.js';
export { parseWith, summarizeIssues, validateWith } from './validate/run.js';
export { ResponseValidationError, isResponseValidationError } from './errors/response-validation-error.js';
// Streams: server-sent events and JSON Lines, read as they arrive.
export type { EventStream, JsonLinesStream, StreamDecoding, StreamOptions } from './client/stream-step.js';
export type { ServerSentEvent } from './transport/event-stream.js';
export type { ReconnectOptions } from './transport/event-stream-reconnect.js';
export { parseEventStream } from './transport/event-stream.js';
export { parseJsonLines } from './transport/json-lines.js';
export type { IdempotencyPolicy } from './request/prepare.js';

// Transport: fetch over undici's request() for Node servers (undici is an optional peer).
export { createUndiciFetch } from './transport/undici-fetch.js';
export type { UndiciFetchOptions, UndiciLike } from './transport/undici-fetch.js';
// Shared state across replicas: a Redis-backed StateStore (rate limit, breaker, retry budget, OAuth tokens, cache, replay ids).
export { redisStore } from './stores/redis-store.js';
export type { RedisStateStore, RedisStoreOptions } from './stores/redis-store.js';
export { fromIoredis, fromNodeRedis } from './stores/redis-client.js';
export type { IoredisLike, NodeRedisLike, RedisClientLike } from './stores/redis-client.js';
export { sharedStateOf } from './stores/shared-state.js';
export type {
  SharedBreaker,
  SharedLock,
  SharedRateLimit,
  SharedRetryBudget,
  SharedState,
  SharedStateStore,
  StateStoreNotice,
} from './stores/shared-state.js';
export type { StoreStats } from './stores/store-guard.js';

// Webhooks: signature verification (Standard Webhooks, Stripe, GitHub, Slack, generic HMAC), replay protection, typed receivers.
export {
  WebhookConfigError,
  WebhookVerificationError,
  createWebhookReceiver,
  isWebhookVerificationError,
  signWebhook,
  verifyWebhook,
} from './webhooks/index.js';
export type {
  HmacAlgorithm,
  HmacSchemeOptions,
  NodeListener,
  NodeRequestLike,
  NodeResponseLike,
  UnhandledDelivery,
  VerifiedWebhook,
  VerifyWebhookOptions,
  WebhookBody,
  WebhookContext,
  WebhookEventDescriptor,
  WebhookEventHandler,
  WebhookEventSelector,
  WebhookHandler,
  WebhookHandlerMap,
  WebhookHandlerOptions,
  WebhookHeaders,
  WebhookIssue,
  WebhookReceiverSetup,
  WebhookScheme,
  WebhookSecret,
  WebhookValidator,
  WebhookVerificationReason,
} from './webhooks/index.js';
// Mock responses for tests (used by a `mocks.gen.ts` generated with `--mocks`; msw stays in that file).
export { generateValue } from './mock/generate-value.js';
export type { GenerateSettings } from './mock/generate-value.js';
export { mockData, mockReply } from './mock/reply.js';
export type { MockOptions, MockOverride, MockReply } from './mock/reply.js';
export { mockRoute } from './mock/route.js';
export { createRandom, deriveSeed } from './mock/random.js';
export type { Random } from './mock/random.js';
export type { FakerLike } from './mock/faker.js';
export type { MockApi, MockOperation, MockResponseSpec, MockSchema, MockSchemaTable } from './mock/mock-schema.js';
// Tree-shaking (issue 12): the lean client and its optional parts, handed in by generated code.
export { createClientCore } from './client/client.js';
export type { ClientFeatures } from './client/features.js';
export { apiKeyScheme, httpScheme, mutualTlsScheme, type SchemeSupport } from './auth/schemes.js';
export { createAuthenticatorFor } from './auth/authenticator.js';
export { oauthScheme } from './auth/oauth2-scheme.js';
export { createClientCache, responseCache } from './client/cache-step.js';
export type { ResponseCacheFactory } from './client/cache-step.js';
export { transforms } from './transform/support.js';
export type { TransformSupport } from './transform/support.js';
export { paginate } from './client/pagination-step.js';
export { stream } from './client/stream-step.js';

// Parts a core client is handed (createCoreClient(options, [retries, observability])); createClient hands in defaultParts.
export { circuitBreaker, defaultParts, observability, rateLimiter, requestValidation, retries } from './client/parts.js';
export type { ClientPart } from './client/parts.js';
// The request-body encoder endpoint functions of operations with a body bring in their descriptor.
export { encodeBody } from './request/body.js';
export type { BodyEncoder, EncodedBody } from './client/descriptor.js';

// OpenID Connect as a scheme kind of its own (issue 12): only its clients bundle OIDC discovery.
export { openIdConnectScheme } from './auth/openid-connect-scheme.js';
