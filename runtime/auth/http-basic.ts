/**
 * HTTP Basic authentication (RFC 7617): `Authorization: Basic base64(user-id ":" password)`.
 */
import { encodeBase64Utf8 } from './encoding.js';
import { InvalidCredentialError } from './errors.js';

export interface BasicCredentials {
  username: string;
  password: string;
}

export function isBasicCredentials(value: unknown): value is BasicCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['username'] === 'string' && typeof record['password'] === 'string';
}

/** The header value. UTF-8 is the charset RFC 7617 §2.1 defines; a `:` in the user-id is forbidden (§2). */
export function formatBasicAuthorization(credentials: BasicCredentials, what: string): string {
  if (credentials.username.includes(':')) {
    throw new InvalidCredentialError(`${what}: the username must not contain ":" (RFC 7617 §2)`);
  }
  if (hasControlCharacter(credentials.username) || hasControlCharacter(credentials.password)) {
    throw new InvalidCredentialError(`${what}: username and password must not contain control characters (RFC 7617 §2)`);
  }
  return `Basic ${encodeBase64Utf8(`${credentials.username}:${credentials.password}`)}`;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
