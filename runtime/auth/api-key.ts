/**
 * API keys (OAS 3.1 §4.8.27, `type: apiKey`): in a header, a query parameter or a cookie.
 */
import { ConfigurationError } from '../errors/errors.js';
import { isHeaderName } from '../request/header-name.js';
import { assertHeaderSafe } from './credentials.js';

export type ApiKeyLocation = 'header' | 'query' | 'cookie';

export interface PreparedTarget {
  url: URL;
  headers: Headers;
}

export function applyApiKey(request: PreparedTarget, location: ApiKeyLocation, name: string, key: string, what: string): void {
  switch (location) {
    case 'header':
      if (!isHeaderName(name)) {
        throw new ConfigurationError(
          `${what} goes in header "${name.slice(0, 60)}", which is not a valid HTTP header name (RFC 9110 §5.1): fix the spec's security scheme`,
        );
      }
      assertHeaderSafe(key, what);
      request.headers.set(name, key);
      return;
    case 'query':
      // `set`, not `append`: a retried attempt must not send the key twice.
      request.url.searchParams.set(name, key);
      return;
    case 'cookie':
      request.headers.set('Cookie', setCookiePair(request.headers.get('Cookie'), name, encodeCookieValue(key)));
      return;
  }
}

/** Adds or replaces `name=value` in a Cookie header value (RFC 6265 §4.2.1: pairs joined by "; "). */
export function setCookiePair(existing: string | null, name: string, value: string): string {
  const pairs = (existing ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && pair.slice(0, pair.indexOf('=') === -1 ? pair.length : pair.indexOf('=')) !== name);
  pairs.push(`${name}=${value}`);
  return pairs.join('; ');
}

/**
 * Percent-encodes only what RFC 6265 §4.1.1 forbids in a cookie-value (controls, space, `"`, `,`,
 * `;`, `\`, non-ASCII), so ordinary keys (including `=` and `/`) go out byte for byte.
 */
export function encodeCookieValue(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      code === 0x21 ||
      (code >= 0x23 && code <= 0x2b) ||
      (code >= 0x2d && code <= 0x3a) ||
      (code >= 0x3c && code <= 0x5b) ||
      (code >= 0x5d && code <= 0x7e);
    out += allowed ? char : encodeURIComponent(char);
  }
  return out;
}
