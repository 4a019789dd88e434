/**
 * The outcome-unknown rule, in one place: once the first byte of a request may have left, any
 * failure of that attempt — a reset, a redirect the runtime will not follow, a loop, a body that
 * cannot be replayed — leaves the server's side effect unknown, so a non-idempotent request without
 * an idempotency key must not be sent again. fetch-attempt.ts sends every failure through
 * `connectionFailure()`; the retry rules read only `ConnectionError.outcomeUnknown`.
 */
import { ConnectionError, type ApiwrightErrorInit } from '../errors/errors.js';

/** How far an attempt got. `answered`: some response (even a redirect) came back, so the request reached a server. */
export interface WireProgress {
  started: boolean;
  answered: boolean;
}

/** Error codes (undici, Node, Bun) that prove a request never reached the server. */
const NEVER_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ConnectionRefused',
  'FailedToOpenSocket',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** What is known about the request whose attempt failed. */
export interface SentRequest {
  readonly method: string;
  readonly hasBody: boolean;
}

/**
 * True when the server may have acted. Only a failure before any answer, with a code that proves
 * the connection never opened, is known to have had no effect; a bodiless safe request (GET) is
 * "known" too, since repeating it is harmless by definition.
 */
export function isOutcomeUnknown(progress: WireProgress, codes: readonly string[], request: SentRequest): boolean {
  if (!progress.started) return false;
  if (progress.answered) return true;
  if (codes.some((code) => NEVER_REACHED.has(code))) return false;
  return request.hasBody || !SAFE_METHODS.has(request.method.toUpperCase());
}

/** A failure found by the runtime itself while following redirects; turned into a ConnectionError by the rule above. */
export class RedirectFailure extends Error {
  override name = 'RedirectFailure';
}

/** The ConnectionError of a failed attempt, its `outcomeUnknown` decided by how far the attempt got. */
export function connectionFailure(
  message: string,
  init: ApiwrightErrorInit,
  progress: WireProgress,
  codes: readonly string[],
  request: SentRequest,
): ConnectionError {
  return new ConnectionError(message, Object.assign({ outcomeUnknown: isOutcomeUnknown(progress, codes, request) }, init));
}
