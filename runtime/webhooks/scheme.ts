/** What every signature scheme implements, and the checks they share (headers, timestamps). */
import { WebhookVerificationError } from './errors.js';
import type { HmacKey } from './hmac.js';
import type { Bytes } from '../util/bytes.js';

/** Reads a request header by name, case-insensitively; undefined when absent. */
export type HeaderLookup = (name: string) => string | undefined;

export interface SchemeVerifyInput {
  header: HeaderLookup;
  /** The raw body, exactly as received. */
  body: Bytes;
  /** Every secret that may have signed it (several during a rotation), decoded and imported once. */
  keys: readonly HmacKey[];
  nowSeconds: number;
  toleranceSeconds: number;
}

export interface SchemeVerified {
  /** The message id, or the signature where the scheme has none: the replay key. */
  id: string;
  /** The signed timestamp (Unix seconds), when the scheme signs one. */
  timestamp: number | undefined;
}

export interface SchemeSignInput {
  key: HmacKey;
  body: Bytes;
  /** Unix seconds. */
  timestamp: number;
  id: string;
}

export interface SignatureScheme {
  readonly name: string;
  /** The secret as the provider hands it out → the HMAC key bytes. */
  decodeSecret(secret: string): Bytes;
  verify(input: SchemeVerifyInput): Promise<SchemeVerified>;
  /** The headers a sender adds (for tests and for services that send webhooks themselves). */
  sign(input: SchemeSignInput): Promise<Record<string, string>>;
}

/** The header's trimmed value, or a `missing_header` error naming it. */
export function requireHeader(header: HeaderLookup, name: string): string {
  const value = header(name)?.trim();
  if (value === undefined || value === '') throw new WebhookVerificationError('missing_header', `missing ${name} header`);
  return value;
}

/** Unix seconds written as digits only (no sign, no fraction, no exponent). */
export function parseTimestamp(text: string, header: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new WebhookVerificationError('bad_format', `${header} is not a Unix timestamp`);
  return Number(text);
}

/** Refuses a timestamp more than `toleranceSeconds` in the past or in the future. */
export function checkTimestamp(timestamp: number, nowSeconds: number, toleranceSeconds: number): void {
  if (timestamp < nowSeconds - toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_outside_tolerance', 'webhook timestamp is too old');
  }
  if (timestamp > nowSeconds + toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_outside_tolerance', 'webhook timestamp is in the future');
  }
}

export function noMatch(): WebhookVerificationError {
  return new WebhookVerificationError('no_matching_signature', 'no signature matches the body');
}
