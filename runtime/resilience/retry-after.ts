/**
 * Server-asked waits: `Retry-After` (RFC 9110 §10.2.3) with its HTTP-date forms (§5.6.7),
 * `retry-after-ms`, and the rate-limit fields (RateLimit drafts, X-RateLimit-*). Pure: every
 * function takes `now` (ms since the epoch); the retry rules and the rate limiter both read them.
 */

/**
 * How long the server asked the client to wait before the next request, in ms, or undefined.
 * Precedence: `retry-after-ms` (OpenAI/Stainless convention), `Retry-After` (RFC 9110 §10.2.3),
 * then the rate-limit reset (RateLimit draft fields, X-RateLimit-Reset) when the quota is used up
 * or the status is 429.
 */
export function readServerWaitMs(headers: Headers, status: number, now: number): number | undefined {
  const retryAfter = readRetryAfterHeader(headers, now);
  if (retryAfter !== undefined) return retryAfter;
  const quota = readRateLimitHeaders(headers, now);
  if (quota.resetInMs !== undefined && (quota.remaining === 0 || status === 429)) return quota.resetInMs;
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Regex literals, written out in full: a bundler drops an unused literal, but keeps a `new RegExp()`
// built from a template (its substitutions might run code), and so would every bundle of the runtime.
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 format) */
const RFC850_DATE =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sun Nov  6 08:49:37 1994` (ANSI C asctime() format) */
const ASCTIME_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/** Epoch ms of an HTTP-date in any of the three formats RFC 9110 §5.6.7 requires recipients to accept. */
export function parseHttpDate(value: string, now: number): number | undefined {
  const text = value.trim();
  const imf = IMF_FIXDATE.exec(text);
  if (imf !== null) return toEpochMs(Number(imf[3]), imf[2], imf[1], imf[4], imf[5], imf[6]);
  const rfc850 = RFC850_DATE.exec(text);
  if (rfc850 !== null) {
    const year = expandTwoDigitYear(Number(rfc850[3]), new Date(now).getUTCFullYear());
    return toEpochMs(year, rfc850[2], rfc850[1], rfc850[4], rfc850[5], rfc850[6]);
  }
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime !== null) return toEpochMs(Number(asctime[6]), asctime[1], asctime[2], asctime[3], asctime[4], asctime[5]);
  return undefined;
}

/**
 * RFC 9110 §5.6.7: a two-digit year that appears more than 50 years in the future means the most
 * recent past year with those digits; we also keep it within 50 years in the past.
 */
function expandTwoDigitYear(twoDigits: number, currentYear: number): number {
  let year = Math.floor(currentYear / 100) * 100 + twoDigits;
  if (year > currentYear + 50) year -= 100;
  else if (year <= currentYear - 50) year += 100;
  return year;
}

type Part = string | undefined;
function toEpochMs(year: number, monthName: Part, day: Part, hour: Part, minute: Part, second: Part): number | undefined {
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
  const [d, h, mi, s] = [day, hour, minute, second].map((p) => Number((p ?? '').trim()));
  if (month < 0 || d === undefined || h === undefined || mi === undefined || s === undefined) return undefined;
  if (!(d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60)) return undefined;
  // A leap second (:60) is read as the next second.
  const ms = Date.UTC(year, month, d, h, mi, Math.min(s, 59)) + (s === 60 ? 1000 : 0);
  return new Date(Date.UTC(year, month, d)).getUTCDate() === d ? ms : undefined; // rejects 31 Feb
}

/** The server's notion of "now": its `Date` header (RFC 9110 §6.6.1) cancels clock skew in absolute times. */
function serverNow(headers: Headers, now: number): number {
  const date = headers.get('date');
  return (date === null ? undefined : parseHttpDate(date, now)) ?? now;
}

/** `Retry-After` value → ms to wait: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); past dates → 0. */
export function parseRetryAfter(value: string, now: number, reference: number = now): number | undefined {
  const text = value.trim();
  // RFC 9110 allows only 1*DIGIT; fractions are tolerated because some servers send them.
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - reference);
}

/** `retry-after-ms` (milliseconds, may be fractional) first, then `Retry-After`. */
export function readRetryAfterHeader(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms !== undefined && /^\d+(?:\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get('retry-after');
  return value === null ? undefined : parseRetryAfter(value, now, serverNow(headers, now));
}

/**
 * The public name of the reader above (runtime/index.ts): the wait a response asks for through
 * `retry-after-ms` or `Retry-After`, in ms from `now`, the server's clock skew cancelled.
 */
export const parseRetryAfterMs: (headers: Headers, now: number) => number | undefined = readRetryAfterHeader;

export interface RateLimitHeaderState {
  /** Requests left in the current window (the most restrictive policy when several). */
  remaining?: number;
  /** Ms until that quota resets. */
  resetInMs?: number;
}

/**
 * Reads the quota a response advertises, trying in order:
 * 1. `RateLimit` as a Structured Field (RFC 8941): the list form of draft-ietf-httpapi-ratelimit-
 *    headers-08+ (`"default";r=0;t=30`, r = remaining, t = seconds to reset) or the dictionary form
 *    of draft-07 (`limit=10, remaining=0, reset=30`);
 * 2. `RateLimit-Remaining` / `RateLimit-Reset` (drafts 00–06: reset in delta-seconds);
 * 3. `X-RateLimit-Remaining` / `X-RateLimit-Reset`: epoch seconds (GitHub), epoch ms, or, for
 *    values too small to be a date (< 10^9), delta-seconds.
 */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaderState {
  const structured = headers.get('ratelimit');
  if (structured !== null) {
    const state = readStructuredRateLimit(structured);
    if (state.remaining !== undefined || state.resetInMs !== undefined) return state;
  }
  const draft = readPair(headers.get('ratelimit-remaining'), headers.get('ratelimit-reset'), (v) =>
    parseRetryAfter(v, now, serverNow(headers, now)),
  );
  if (draft.remaining !== undefined || draft.resetInMs !== undefined) return draft;
  return readPair(headers.get('x-ratelimit-remaining'), headers.get('x-ratelimit-reset'), (v) => {
    if (!/^\d+(?:\.\d+)?$/.test(v.trim())) return undefined;
    const n = Number(v);
    const reference = serverNow(headers, now);
    if (n >= 1e12) return Math.max(0, n - reference);
    if (n >= 1e9) return Math.max(0, n * 1000 - reference);
    return n * 1000;
  });
}

function readPair(
  remaining: string | null,
  reset: string | null,
  parseReset: (v: string) => number | undefined,
): RateLimitHeaderState {
  const state: RateLimitHeaderState = {};
  const left = remaining === null ? undefined : /^\s*(\d+)/.exec(remaining)?.[1];
  if (left !== undefined) state.remaining = Number(left);
  const resetMs = reset === null ? undefined : parseReset(reset);
  if (resetMs !== undefined) state.resetInMs = resetMs;
  return state;
}

function readStructuredRateLimit(field: string): RateLimitHeaderState {
  let best: { remaining: number; resetInMs: number | undefined } | undefined;
  const dictionary: Record<string, number> = {};
  for (const member of splitOutsideQuotes(field, ',')) {
    const [head = '', ...paramParts] = splitOutsideQuotes(member, ';');
    const eq = head.indexOf('=');
    if (eq > 0 && !head.startsWith('"')) {
      const value = Number(head.slice(eq + 1).trim());
      if (Number.isFinite(value)) dictionary[head.slice(0, eq).trim().toLowerCase()] = value;
      continue;
    }
    const params: Record<string, number> = {};
    for (const part of paramParts) {
      const [key = '', value = ''] = part.split('=');
      const n = Number(value.trim());
      if (value.trim() !== '' && Number.isFinite(n)) params[key.trim().toLowerCase()] = n;
    }
    const r = params['r'];
    if (r === undefined) continue;
    const resetInMs = params['t'] === undefined ? undefined : params['t'] * 1000;
    // The most restrictive policy wins: fewest requests left, then the longest wait.
    if (best === undefined || r < best.remaining || (r === best.remaining && (resetInMs ?? 0) > (best.resetInMs ?? 0))) {
      best = { remaining: r, resetInMs };
    }
  }
  if (best !== undefined)
    return best.resetInMs === undefined
      ? { remaining: best.remaining }
      : { remaining: best.remaining, resetInMs: best.resetInMs };
  const state: RateLimitHeaderState = {};
  if (dictionary['remaining'] !== undefined) state.remaining = dictionary['remaining'];
  if (dictionary['reset'] !== undefined) state.resetInMs = dictionary['reset'] * 1000;
  return state;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === '"' && text.charAt(i - 1) !== '\\') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
