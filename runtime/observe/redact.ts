/**
 * Redaction of credentials from everything the runtime logs, emits or attaches to errors it builds:
 * header values, query and fragment parameters, URL userinfo, and credential-looking text inside
 * free strings (error messages, bodies). Output is always a fresh plain value, so `util.inspect`
 * or `JSON.stringify` of it can only show what survived redaction.
 */

export const REDACTED = '[REDACTED]';

/** Headers that always carry credentials (RFC 9110 §11.6.2, §11.7.2; RFC 6265). */
export const DEFAULT_SENSITIVE_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

/** Any header, query, field or property name containing one of these words is treated as secret. */
export const SENSITIVE_NAME_PATTERN = /(api[-_]?key|token|secret|password|signature|session)/i;

export interface RedactorOptions {
  sensitiveHeaders?: readonly string[] | undefined;
  sensitiveQueryParams?: readonly string[] | undefined;
  /** Cuts known credential values (known-secrets.ts) out of text before the patterns run. */
  scrubKnown?: ((text: string) => string) | undefined;
}

/**
 * What error headers and messages need (every client): names, URLs, headers and free text. Plain
 * functions (no `this`), so they can be passed around and destructured.
 */
export interface TextRedactor {
  readonly isSensitiveName: (name: string) => boolean;
  /** The URL as text with userinfo and secret query/fragment values replaced. */
  readonly redactUrl: (url: URL | string) => string;
  /** A copy of `headers` with secret values replaced. */
  readonly redactHeaders: (headers: Headers) => Headers;
  /** Credential-looking substrings of free text replaced. */
  readonly redactString: (text: string) => string;
}

/** The text redactor plus deep copies of any value: what logs and events need (the observability part). */
export interface Redactor extends TextRedactor {
  /** A plain, redacted deep copy of any value (cycles and depth bounded). */
  redactValue(value: unknown): unknown;
}

const MAX_DEPTH = 8;
const NAME_WORDS = '[\\w.-]*(?:api[-_]?key|token|secret|password|signature|session)[\\w.-]*';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A Basic credential is base64 of `user:password`; requiring the colon avoids mangling prose. */
function looksLikeBasicCredential(token: string): boolean {
  try {
    return atob(token).includes(':') || token.length >= 20;
  } catch {
    return token.length >= 20;
  }
}

/**
 * The redactor every client builds (the quiet observer's too). Kept apart from `createRedactor` so
 * a client without the observability part bundles no deep-copy walker and no error summaries.
 */
export function createTextRedactor(options: RedactorOptions = {}): TextRedactor {
  const explicit = new Set(
    [...DEFAULT_SENSITIVE_HEADERS, ...(options.sensitiveHeaders ?? []), ...(options.sensitiveQueryParams ?? [])].map((n) =>
      n.toLowerCase(),
    ),
  );
  const names = `(?:${[...explicit].map(escapeRegExp).join('|')}|${NAME_WORDS})`;
  // `name=value` (query strings, form bodies, cookies).
  const assignment = new RegExp(`(^|[^\\w.-])(${names})(\\s*=\\s*)(?!\\s*\\[REDACTED\\])("[^"]*"|[^&\\s;,"'#<>]+)`, 'gi');
  // `name: value` (header lines; a `Cookie:` line whole): the value runs to the end of the line.
  const headerLine = new RegExp(`(^|[^\\w.-])(${names})(\\s*:[ \\t]*)(?![ \\t]*\\[REDACTED\\])[^\\r\\n"]+`, 'gi');
  // `"name": "value"` inside JSON text.
  const jsonMember = new RegExp(`("${names}"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|[-+\\d.eE]+)`, 'gi');

  const isSensitiveName = (name: string): boolean => explicit.has(name.toLowerCase()) || SENSITIVE_NAME_PATTERN.test(name);

  const scrubKnown = options.scrubKnown ?? ((text: string): string => text);
  const redactString = (text: string): string =>
    scrubKnown(text)
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@?#]+@/gi, `$1${REDACTED}@`)
      .replace(jsonMember, `$1"${REDACTED}"`)
      .replace(assignment, `$1$2$3${REDACTED}`)
      .replace(headerLine, `$1$2$3${REDACTED}`)
      .replace(/\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${REDACTED}`)
      .replace(/\b(Basic\s+)([A-Za-z0-9+/]+={0,2})/gi, (match: string, prefix: string, token: string) =>
        looksLikeBasicCredential(token) ? `${prefix}${REDACTED}` : match,
      );

  const redactParams = (text: string): string =>
    text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        return isSensitiveName(safeDecode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
      })
      .join('&');

  const redactUrl = (input: URL | string): string => {
    let url: URL;
    try {
      url = typeof input === 'string' ? new URL(input) : input;
    } catch {
      return redactString(String(input));
    }
    const userinfo = url.username !== '' || url.password !== '' ? `${REDACTED}@` : '';
    const authority = url.host === '' ? '' : `//${userinfo}${url.host}`;
    const query = url.search === '' ? '' : `?${redactParams(url.search.slice(1))}`;
    // OAuth implicit and similar flows put tokens in the fragment (`#access_token=…`).
    const hash = url.hash === '' ? '' : `#${redactParams(url.hash.slice(1))}`;
    return `${url.protocol}${authority}${url.pathname}${query}${hash}`;
  };

  const redactHeaders = (headers: Headers): Headers => {
    const copy = new Headers();
    headers.forEach((value, name) => {
      copy.append(name, isSensitiveName(name) ? REDACTED : redactString(value));
    });
    return copy;
  };

  return { isSensitiveName, redactUrl, redactHeaders, redactString };
}

/** The text redactor plus `redactValue`, for everything logs and events carry. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const { isSensitiveName, redactUrl, redactHeaders, redactString } = createTextRedactor(options);

  const redactValue = (value: unknown, depth = 0, seen = new WeakSet<object>()): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function') return '[Function]';
    if (typeof value === 'symbol') return value.toString();
    if (typeof value !== 'object') return '[Unknown]';
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(value);
    if (value instanceof URL) return redactUrl(value);
    if (value instanceof Headers) {
      const out: Record<string, string> = {};
      redactHeaders(value).forEach((v, k) => {
        out[k] = v;
      });
      return out;
    }
    if (value instanceof Error) return summarizeError(value, redactString);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSensitiveName(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, depth + 1, seen);
    }
    return out;
  };

  return { isSensitiveName, redactUrl, redactHeaders, redactString, redactValue: (value) => redactValue(value) };
}

export interface ErrorSummary {
  name: string;
  message: string;
  code?: string;
  status?: number;
}

/** `{ name, message }` of an error (plus `code`/`status` when present), message redacted; never the stack. */
export function summarizeError(error: unknown, redactString: (text: string) => string): ErrorSummary {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: redactString(String(error)) };
  const record = error as { name?: unknown; message?: unknown; code?: unknown; status?: unknown };
  const summary: ErrorSummary = {
    name: typeof record.name === 'string' ? record.name : 'Error',
    message: redactString(typeof record.message === 'string' ? record.message : ''),
  };
  if (typeof record.code === 'string') summary.code = record.code;
  if (typeof record.status === 'number') summary.status = record.status;
  return summary;
}
