/**
 * HTTP caching rules as pure functions (RFC 9111), for the private response cache in cache.ts.
 * A client cache is a private cache: `private` responses may be stored and `s-maxage` is ignored.
 */

/** Cache-Control directives by lower-cased name; valueless directives map to ''. RFC 9111 §5.2. */
export type CacheDirectives = ReadonlyMap<string, string>;

export function parseCacheControl(value: string | null): CacheDirectives {
  const directives = new Map<string, string>();
  if (!value) return directives;
  // Split on commas outside quotes (`no-cache="Set-Cookie, X"` is one directive).
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    const raw = eq === -1 ? '' : part.slice(eq + 1).trim();
    // A directive that appears twice is treated as its first occurrence (RFC 9111 §4.2.1 leaves it open).
    if (name !== '' && !directives.has(name)) directives.set(name, raw.replace(/^"(.*)"$/, '$1'));
  }
  return directives;
}

/** A delta-seconds directive in milliseconds; undefined when absent or not a non-negative integer (§1.2.2). */
export function readSeconds(directives: CacheDirectives, name: string): number | undefined {
  const raw = directives.get(name);
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Math.min(Number(raw), 2_147_483_648) * 1000;
}

/** Statuses this cache stores: the successful ones a GET or HEAD can answer with in full. */
const cacheableStatuses = new Set([200, 203, 204]);

/** Why a response is not stored, or undefined when it may be. RFC 9111 §3. */
export function explainNotStorable(method: string, requestHeaders: Headers, response: Response): string | undefined {
  if (method !== 'GET' && method !== 'HEAD') return 'method is not GET or HEAD';
  if (!cacheableStatuses.has(response.status)) return `status ${response.status} is not cached`;
  if (requestHeaders.has('range')) return 'range requests are not cached';
  if (parseCacheControl(requestHeaders.get('cache-control')).has('no-store')) return 'request says no-store';
  if (parseCacheControl(response.headers.get('cache-control')).has('no-store')) return 'response says no-store';
  if (readVary(response.headers) === '*') return 'Vary: *';
  return undefined;
}

/**
 * How long a response stays fresh, in ms (RFC 9111 §4.2.1): `max-age`, else `Expires` minus `Date`
 * (both from the server's clock, so clock skew between client and server does not matter), else
 * the configured default. An invalid `Expires` means already stale (§5.3).
 */
export function freshnessLifetime(headers: Headers, defaultTtlMs: number): number {
  const directives = parseCacheControl(headers.get('cache-control'));
  const maxAge = readSeconds(directives, 'max-age');
  if (maxAge !== undefined) return maxAge;
  const expires = headers.get('expires');
  if (expires !== null) {
    const expiresAt = Date.parse(expires);
    const date = Date.parse(headers.get('date') ?? '');
    if (Number.isNaN(expiresAt) || Number.isNaN(date)) return 0;
    return Math.max(0, expiresAt - date);
  }
  return defaultTtlMs;
}

/** `no-cache` (or `max-age=0` with `must-revalidate`): a stored response must be revalidated before every use. */
export function requiresRevalidation(headers: Headers): boolean {
  const directives = parseCacheControl(headers.get('cache-control'));
  return directives.has('no-cache');
}

/** The `Age` header in ms (RFC 9111 §5.1), 0 when absent or invalid. */
export function readAge(headers: Headers): number {
  const raw = headers.get('age')?.trim() ?? '';
  return /^\d+$/.test(raw) ? Number(raw) * 1000 : 0;
}

/** The request wants a fresh answer from the server (`no-cache`, `max-age=0`, `Pragma: no-cache`). */
export function requestForbidsStoredAnswer(requestHeaders: Headers, currentAgeMs: number): boolean {
  const cacheControl = requestHeaders.get('cache-control');
  if (cacheControl === null) return /(^|,)\s*no-cache\s*(,|$)/i.test(requestHeaders.get('pragma') ?? ''); // §5.4
  const directives = parseCacheControl(cacheControl);
  if (directives.has('no-cache')) return true;
  const maxAge = readSeconds(directives, 'max-age');
  return maxAge !== undefined && currentAgeMs > maxAge;
}

/** `Vary` as sorted lower-cased names, or '*' (never matches, §4.1). */
export function readVary(headers: Headers): readonly string[] | '*' {
  const names = (headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.includes('*')) return '*';
  return [...new Set(names)].sort();
}

/** The request's values of the headers a response varies on, normalized (§4.1: whitespace is not significant). */
export function selectVaryValues(names: readonly string[], requestHeaders: Headers): [string, string | null][] {
  return names.map((name) => {
    const value = requestHeaders.get(name);
    return [
      name,
      value === null
        ? null
        : value
            .trim()
            .replace(/\s*,\s*/g, ',')
            .replace(/\s+/g, ' '),
    ];
  });
}

/**
 * Header fields a 304 must not overwrite on the stored response (RFC 9111 §3.2), plus the ones that
 * describe the encoded body fetch already decoded before it was stored.
 */
export const unstoredHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authentication-info',
  'proxy-authorization',
  'te',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'age',
]);
