/**
 * HTTP Bearer (RFC 6750 §2.1) and every other HTTP authentication scheme the spec may name
 * (`negotiate`, `digest`, custom ones): `Authorization: <scheme> <credential>`. The token format
 * (`bearerFormat`, e.g. JWT) is documentation only (OAS 3.1 §4.8.27): any token is sent as is.
 */
import { assertHeaderSafe } from './credentials.js';

export function formatBearerAuthorization(token: string, what: string): string {
  assertHeaderSafe(token, what);
  return `Bearer ${token}`;
}

/**
 * For schemes other than basic and bearer the runtime cannot compute the credential (Negotiate needs
 * a Kerberos ticket, Digest a server nonce), so the app supplies it and it is sent after the scheme
 * name as the spec spells it (scheme names are case-insensitive, RFC 9110 §11.1).
 */
export function formatSchemeAuthorization(scheme: string, credential: string, what: string): string {
  assertHeaderSafe(credential, what);
  return `${scheme} ${credential}`;
}
