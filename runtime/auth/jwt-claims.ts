/**
 * Reads claims from a JWT WITHOUT verifying it. Only for the client's own bookkeeping (when does my
 * access token expire, RFC 7519 §4.1.4 `exp`); never for trust decisions — use verifyJwt for those.
 */
import { decodeBase64UrlText } from './encoding.js';

/** The payload of a JWS compact JWT, or undefined when the token is opaque or malformed. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const text = decodeBase64UrlText(parts[1] ?? '');
  if (text === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(text);
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `exp` in epoch milliseconds, or undefined when absent, not a number or the token is not a JWT. */
export function readJwtExpiry(token: string): number | undefined {
  const exp = decodeJwtPayload(token)?.['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}
