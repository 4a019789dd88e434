/**
 * The credential values this client has actually sent, so they can be cut out of anything it
 * produces: a server that echoes "invalid key ak_…" must not put the key into an error's message,
 * `toJSON()`, `util.inspect` output or a log record. Pattern-based redaction (redact.ts) cannot
 * know an opaque key; this list can. Values are kept in memory only, at most MAX_VALUES of them.
 */
import { REDACTED } from './redact.js';

export interface KnownSecrets {
  /** Records the credentials a request carries: sensitive header values and query parameter values. */
  rememberFrom(headers: Headers, url: URL): void;
  /** `text` with every known credential value replaced. */
  scrub(this: void, text: string): string;
  /** Scrubs an error (and its causes) in place: message, stack, string fields and `body`. Returns it. */
  scrubError<E>(error: E): E;
}

/** Shorter values would redact ordinary words; credentials are longer than this. */
const MIN_LENGTH = 4;
/** Rotating tokens must not grow the list without bound; the most recent ones are kept. */
const MAX_VALUES = 32;
const MAX_CAUSES = 5;
const MAX_DEPTH = 8;

/** The secret parts of one header value: the whole, the credential after an auth scheme, a Basic pair, cookie values. */
function partsOf(name: string, value: string): string[] {
  const parts = [value];
  const scheme = /^([A-Za-z][\w.-]*)\s+(.+)$/.exec(value);
  if (scheme !== null && scheme[2] !== undefined) {
    parts.push(scheme[2]);
    if (scheme[1]?.toLowerCase() === 'basic') parts.push(...basicParts(scheme[2]));
  }
  if (name === 'cookie') for (const pair of value.split(';')) parts.push(pair.slice(pair.indexOf('=') + 1).trim());
  return parts;
}

function basicParts(encoded: string): string[] {
  try {
    const pair = atob(encoded.trim());
    const colon = pair.indexOf(':');
    return colon < 0 ? [pair] : [pair, pair.slice(colon + 1)];
  } catch {
    return [];
  }
}

export function createKnownSecrets(sensitiveHeaders: readonly string[], sensitiveQueryParams: readonly string[]): KnownSecrets {
  const headerNames = [
    ...new Set(['authorization', 'proxy-authorization', 'cookie', ...sensitiveHeaders.map((n) => n.toLowerCase())]),
  ];
  const queryNames = sensitiveQueryParams;
  // Insertion-ordered: the oldest value is dropped first. Longest first when scrubbing (sorted lazily).
  const values = new Set<string>();
  let ordered: string[] | undefined;
  const lastSeen = new Map<string, string>();

  const remember = (value: string): void => {
    if (value.length < MIN_LENGTH || values.has(value)) return;
    values.add(value);
    if (values.size > MAX_VALUES) values.delete(values.values().next().value as string);
    ordered = undefined;
  };

  const rememberHeader = (name: string, value: string | null): void => {
    // The same credential on every call: nothing new to split or store.
    if (value === null || lastSeen.get(name) === value) return;
    lastSeen.set(name, value);
    for (const part of partsOf(name, value)) remember(part);
  };

  const scrub = (text: string): string => {
    if (values.size === 0) return text;
    ordered ??= [...values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const value of ordered) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  };

  /** A scrubbed copy of plain data (strings, arrays, plain objects), or the value itself when nothing in it is secret. */
  const scrubValue = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      const items = value.map((item) => scrubValue(item, depth + 1));
      return items.some((item, i) => item !== value[i]) ? items : value;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = scrubValue(item, depth + 1);
      changed ||= out[key] !== item;
    }
    return changed ? out : value;
  };

  /** Own data fields of an error: strings, `body` and `issues` (what toJSON and util.inspect show). */
  const scrubOwn = (target: object): void => {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === 'cause') continue;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor === undefined || !('value' in descriptor) || descriptor.configurable !== true) continue;
      const current: unknown = descriptor.value;
      if (typeof current !== 'string' && key !== 'body' && key !== 'issues') continue;
      const next = scrubValue(current, 0);
      if (next !== current) Object.defineProperty(target, key, Object.assign({}, descriptor, { value: next }));
    }
    // `stack` repeats the message; some engines keep it as an accessor, so it is assigned, not redefined.
    const withStack = target as { stack?: unknown };
    if (typeof withStack.stack === 'string') {
      const stack = scrub(withStack.stack);
      if (stack !== withStack.stack) {
        try {
          withStack.stack = stack;
        } catch {
          // a frozen error keeps its stack
        }
      }
    }
  };

  return {
    rememberFrom(headers, url) {
      for (const name of headerNames) rememberHeader(name, headers.get(name));
      for (const name of queryNames) {
        const value = url.searchParams.get(name);
        if (value !== null) remember(value);
      }
    },
    scrub,
    scrubError(error) {
      if (values.size === 0) return error;
      let current: unknown = error;
      for (let depth = 0; depth < MAX_CAUSES && typeof current === 'object' && current !== null; depth += 1) {
        scrubOwn(current);
        current = (current as { cause?: unknown }).cause;
      }
      return error;
    },
  };
}
