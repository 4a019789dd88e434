/**
 * Type guards for runtime errors that work across realms and duplicated bundles, where
 * `instanceof` fails: an error is of a kind when its `name` is that kind or a subclass of it
 * (kinds.ts, filled as classes are defined), or the kind's name is on its prototype chain. A class
 * added anywhere — auth/, pagination/, a subclass of ValidationError — is covered with no list to update.
 */
import {
  AbortError,
  ApiError,
  ApiwrightError,
  CircuitOpenError,
  ConfigurationError,
  ConnectionError,
  ParseError,
  RateLimitError,
  RequestTooLargeError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
} from './errors.js';
import { kindsOfName } from './kinds.js';

/** Bounds the walk: a hostile object with a long or cyclic prototype chain still ends. */
const MAX_CHAIN = 16;

function isKind(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  if (name === kind || (typeof name === 'string' && kindsOfName(name)?.has(kind) === true)) return true;
  let proto: unknown = Object.getPrototypeOf(value);
  for (let depth = 0; depth < MAX_CHAIN && typeof proto === 'object' && proto !== null; depth += 1) {
    // A data property only: reading a getter (DOMException.prototype.name) on a prototype throws.
    if (Object.getOwnPropertyDescriptor(proto, 'name')?.value === kind) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

/** A guard for `Class` and every subclass of it, by the name its prototype carries. */
export function guardFor<T>(Class: { prototype: T & { name: string } }): (value: unknown) => value is T {
  const kind = Class.prototype.name;
  return (value: unknown): value is T => value instanceof (Class as unknown as abstract new () => T) || isKind(value, kind);
}

/** True for any error from the runtime, whichever copy of the runtime or realm created it. */
export const isApiwrightError = /* @__PURE__ */ guardFor(ApiwrightError);
export const isApiError = /* @__PURE__ */ guardFor(ApiError);
export const isRateLimitError = /* @__PURE__ */ guardFor(RateLimitError);
export const isConnectionError = /* @__PURE__ */ guardFor(ConnectionError);
export const isTimeoutError = /* @__PURE__ */ guardFor(TimeoutError);
export const isAbortError = /* @__PURE__ */ guardFor(AbortError);
export const isParseError = /* @__PURE__ */ guardFor(ParseError);
export const isResponseTooLargeError = /* @__PURE__ */ guardFor(ResponseTooLargeError);
export const isValidationError = /* @__PURE__ */ guardFor(ValidationError);
export const isRequestTooLargeError = /* @__PURE__ */ guardFor(RequestTooLargeError);
export const isCircuitOpenError = /* @__PURE__ */ guardFor(CircuitOpenError);
export const isConfigurationError = /* @__PURE__ */ guardFor(ConfigurationError);
