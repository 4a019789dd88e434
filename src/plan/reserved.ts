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
]);

/** Names index.ts exports besides the spec's types: a schema may not take them. */
export const publicApiNames: readonly string[] = [
  'createClient',
  'ClientOptions',
  'ClientAuth',
  'ApiClient',
  'RequestOptions',
  'ApiPromise',
  ...contractErrorClasses,
  'isApiError',
  'isApiwrightError',
  // Globals that generated types refer to.
  'Blob',
  'NonNullable',
];
