/**
 * What a spec says about rate limits: a 429 response, rate-limit headers (the IETF `RateLimit-*`
 * draft, the common `X-RateLimit-*`, `Retry-After`) and `x-ratelimit-*` extensions.
 */
import type * as ir from '../ir/index.js';
import type { InspectRateLimit } from './inspect-report.js';

const RATE_LIMIT_HEADER = /^(x-)?rate-?limit(-|$)|^retry-after$/i;
const RATE_LIMIT_EXTENSION = /^x-rate-?limit/i;

export function isRateLimitHeader(name: string): boolean {
  return RATE_LIMIT_HEADER.test(name);
}

/** The `x-ratelimit-*` / `x-rate-limit-*` members of a spec object, as written. */
export function rateLimitExtensions(node: unknown): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return found;
  for (const [key, value] of Object.entries(node)) {
    if (RATE_LIMIT_EXTENSION.test(key))
      Object.defineProperty(found, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return found;
}

/** Rate-limit information of one operation; null when it declares none. `raw` is its Operation Object. */
export function operationRateLimit(operation: ir.Operation, raw: unknown): InspectRateLimit | null {
  const statuses = operation.responses.filter((response) => response.status === '429').map((response) => response.status);
  const headers = new Set<string>();
  for (const response of operation.responses) {
    for (const header of response.headers) if (isRateLimitHeader(header.name)) headers.add(header.name);
  }
  const extensions = rateLimitExtensions(raw);
  if (statuses.length === 0 && headers.size === 0 && Object.keys(extensions).length === 0) return null;
  return { statuses, headers: [...headers].sort(), extensions };
}
