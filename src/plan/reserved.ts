/** Names generated code may not use for a given kind of symbol. */
import { contractErrorClasses } from '../../runtime/errors/errors.js';

/** ECMAScript reserved words and strict-mode restrictions: never a function or variable name. */
export const reservedWords: ReadonlySet<string> = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/**
 * Keys that must never appear on a client or namespace object: `then` would make it thenable
 * (awaiting the client would call an operation), the rest collide with Object.prototype.
 */
export const reservedMemberNames: ReadonlySet<string> = new Set([
  'then',
  'catch',
  'finally',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toJSON',
  'runtime',
  'metrics',
]);

/** Module-scope names of endpoint files (their imports). */
export const endpointFileNames: ReadonlySet<string> = new Set([
  't',
  'client',
  'params',
  'options',
  'Client',
  'ApiPromise',
  'RequestOptions',
  'PagedPromise',
  // The runtime's scheme kinds an endpoint file imports (emit/scheme-supports.ts).
  'apiKeyScheme',
  'httpScheme',
  'oauthScheme',
  'mutualTlsScheme',
  'openIdConnectScheme',
]);

/** The runtime types index.ts re-exports: what a caller writes in their own signatures. */
export const runtimeTypeExports: readonly string[] = [
  'ApiPromise',
  'EventStream',
  'JsonLinesStream',
  'PagedPromise',
  'RequestOptions',
  'ServerSentEvent',
  'StreamOptions',
];

/** What index.ts re-exports from the runtime next to the validators. */
export const validationTypeExports: readonly string[] = ['ValidationIssue', 'ValidationResult'];
export const validationValueExports: readonly string[] = ['ResponseValidationError', 'isResponseValidationError'];

/** What index.ts re-exports from the runtime next to the webhook receiver. */
export const webhookRuntimeExports: readonly string[] = ['WebhookVerificationError', 'signWebhook', 'verifyWebhook'];

/** The parts a core client is handed (runtime/client/parts.ts), re-exported by index.ts with their type. */
export const corePartExports: readonly string[] = [
  'circuitBreaker',
  'defaultParts',
  'observability',
  'rateLimiter',
  'requestValidation',
  'retries',
];

/**
 * Names index.ts exports besides the spec's types: a schema may not take them (an explicit export
 * silently wins over `export type *`, so a schema of the same name would drop out of index.ts).
 */
export const publicApiNames: readonly string[] = [
  ...runtimeTypeExports,
  ...validationTypeExports,
  ...validationValueExports,
  ...webhookRuntimeExports,
  'createClient',
  'createCoreClient',
  'responseCache',
  ...corePartExports,
  'ClientPart',
  'CoreClient',
  'ClientOptions',
  'ClientAuth',
  'ApiClient',
  ...contractErrorClasses,
  'isApiError',
  'isApiwrightError',
  // Globals that generated types refer to.
  'Blob',
  'NonNullable',
];

/**
 * Type names a schema or operation type may never take: TypeScript's primitive and reserved type
 * names, and the globals user code relies on next to a generated client (an `interface Object` or
 * `type Response` in types.gen.ts would shadow them in every file that imports it). A name on this
 * list gets the `Schema` qualifier (`Error` → `ErrorSchema`), whatever else the spec contains.
 */
export const reservedTypeNames: ReadonlySet<string> = new Set([
  // Primitive and reserved type names (TS2457 "Type alias name cannot be …").
  ...'any unknown never void undefined null boolean string number bigint symbol object this type keyof infer'.split(' '),
  // Global classes and utility types.
  ...(
    'Object Function Boolean String Number BigInt Symbol Array ReadonlyArray Date Error TypeError RangeError ' +
    'SyntaxError AggregateError Promise PromiseLike Map Set WeakMap WeakSet RegExp ' +
    'Iterable Iterator AsyncIterable AsyncIterator Generator ArrayBuffer DataView Uint8Array ' +
    'Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Parameters Awaited ' +
    'InstanceType Uppercase Lowercase Capitalize Uncapitalize ' +
    'Response Request Headers Blob File FormData URL URLSearchParams AbortController AbortSignal ReadableStream'
  ).split(' '),
]);
