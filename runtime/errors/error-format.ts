/**
 * Normalizes the error bodies real APIs send into one shape, for `ApiError.toJSON()` and for the
 * short server message in error messages. Recognized shapes:
 * - RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance`, `errors`, `invalid-params`
 * - `{ error: { code, message, details } }` (Google, Azure, Stripe-like)
 * - `{ error: "code", error_description, error_uri }` (OAuth 2.0, RFC 6749 §5.2)
 * - `{ message, code, documentation_url, errors }` (GitHub-like)
 * - `{ errors: [{ message, path | field | source.pointer }] }` (GraphQL, JSON:API)
 * - `{ detail: "…" | [{ loc, msg }] }` (FastAPI, Django REST framework)
 * - `{ validation: [{ location: ['body', 'name'], message }] }` (Prism), `{ errors: [{ path, msg,
 *   location }] }` (express-validator), `{ errors: { field: ["…"] } }` (Laravel, Rails)
 * Only plain own data is read; nothing from the body is ever evaluated.
 */
export interface ErrorDetail {
  field: string | null;
  issue: string;
}

export interface NormalizedErrorBody {
  code: string | undefined;
  message: string | undefined;
  details: ErrorDetail[];
  correlationId: string | undefined;
  documentationUrl: string | undefined;
}

const MAX_TEXT = 500;
const MAX_DETAILS = 50;

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Own property only: a body with `constructor` or `__proto__` keys must not reach prototypes. */
function own(record: Json | undefined, key: string): unknown {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed.slice(0, MAX_TEXT);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function firstText(record: Json | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = text(own(record, key));
    if (found !== undefined) return found;
  }
  return undefined;
}

function httpUrl(value: unknown): string | undefined {
  const candidate = text(value);
  return candidate !== undefined && /^https?:\/\//i.test(candidate) ? candidate : undefined;
}

/** A field reference: a string, a JSON pointer, or a path array (GraphQL `path`, FastAPI `loc`). */
function fieldOf(record: Json): string | null {
  const source = asRecord(own(record, 'source'));
  for (const candidate of [
    own(record, 'field'),
    own(record, 'pointer'),
    own(record, 'path'),
    own(record, 'loc'),
    own(record, 'param'),
    own(record, 'target'),
    own(record, 'name'),
    own(source, 'pointer'),
    own(source, 'parameter'),
    own(source, 'header'),
    // Prism: `location: ['body', 'name']`; express-validator's `location: 'body'` only when no `path`.
    own(record, 'location'),
  ]) {
    if (Array.isArray(candidate)) {
      const parts = candidate.filter((p) => typeof p === 'string' || typeof p === 'number');
      if (parts.length > 0) return parts.join('.').slice(0, MAX_TEXT);
    }
    const found = text(candidate);
    if (found !== undefined) return found;
  }
  return null;
}

const ISSUE_KEYS = ['message', 'detail', 'msg', 'description', 'reason', 'title', 'issue', 'code', 'type'];

/** `{ email: ["is required", "is too short"], name: "is taken" }`: one detail per message. */
function detailsOfFieldMap(map: Json): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const [field, value] of Object.entries(map).slice(0, MAX_DETAILS)) {
    const messages = Array.isArray(value) ? value : [value];
    for (const message of messages.slice(0, MAX_DETAILS)) {
      const issue = text(message);
      if (issue !== undefined) details.push({ field: field.slice(0, MAX_TEXT), issue });
    }
  }
  return details;
}

function detailsOf(list: unknown): ErrorDetail[] {
  const map = asRecord(list);
  if (map !== undefined) return detailsOfFieldMap(map).slice(0, MAX_DETAILS);
  if (!Array.isArray(list)) return [];
  const details: ErrorDetail[] = [];
  for (const item of list.slice(0, MAX_DETAILS)) {
    const issueText = text(item);
    if (issueText !== undefined) {
      details.push({ field: null, issue: issueText });
      continue;
    }
    const record = asRecord(item);
    if (record === undefined) continue;
    // Google's BadRequest detail nests its violations.
    const violations = own(record, 'fieldViolations');
    if (Array.isArray(violations)) {
      details.push(...detailsOf(violations));
      continue;
    }
    const issue = firstText(record, ISSUE_KEYS);
    if (issue !== undefined) details.push({ field: fieldOf(record), issue });
  }
  return details.slice(0, MAX_DETAILS);
}

const CORRELATION_KEYS = ['correlation_id', 'correlationId', 'request_id', 'requestId', 'trace_id', 'traceId'];

function normalizeRecord(body: Json): NormalizedErrorBody {
  const error = own(body, 'error');
  const nested = asRecord(error);
  const errors = own(body, 'errors');
  const firstError = Array.isArray(errors) ? asRecord(errors[0]) : undefined;
  const detail = own(body, 'detail');

  // {error: {...}} — Google sends a numeric `code` plus a string `status`; prefer the string.
  if (nested !== undefined) {
    const innerDetails = own(nested, 'details') ?? own(nested, 'errors');
    const param = text(own(nested, 'param'));
    const message = firstText(nested, ['message', 'description', 'detail', 'title']);
    const details = detailsOf(innerDetails);
    if (param !== undefined && message !== undefined && details.length === 0) details.push({ field: param, issue: message });
    return {
      code: firstText(nested, ['status', 'code', 'type']),
      message,
      details,
      correlationId: firstText(nested, CORRELATION_KEYS) ?? firstText(body, CORRELATION_KEYS),
      documentationUrl:
        httpUrl(own(nested, 'doc_url')) ?? httpUrl(own(nested, 'documentation_url')) ?? httpUrl(own(nested, 'documentationUrl')),
    };
  }

  const problemType = httpUrl(own(body, 'type'));
  const extensionCode = firstText(body, ['code', 'error_code', 'errorCode']);
  const oauthCode = text(error);
  return {
    code:
      extensionCode ??
      oauthCode ??
      firstText(firstError, ['code']) ??
      firstText(asRecord(own(firstError, 'extensions')), ['code']),
    message:
      firstText(body, ['error_description', 'errorDescription', 'message', 'msg']) ??
      text(detail) ??
      firstText(body, ['title']) ??
      oauthCode ??
      firstText(firstError, ['message', 'detail', 'title']),
    details: [
      ...detailsOf(errors),
      ...detailsOf(own(body, 'invalid-params')),
      ...detailsOf(own(body, 'validation')),
      ...(Array.isArray(detail) ? detailsOf(detail) : []),
    ].slice(0, MAX_DETAILS),
    correlationId: firstText(body, CORRELATION_KEYS) ?? firstText(body, ['instance']),
    documentationUrl:
      problemType ??
      httpUrl(own(body, 'documentation_url')) ??
      httpUrl(own(body, 'documentationUrl')) ??
      httpUrl(own(body, 'error_uri')) ??
      httpUrl(own(body, 'errorUri')),
  };
}

export function normalizeErrorBody(body: unknown): NormalizedErrorBody {
  const record = asRecord(body);
  if (record !== undefined) return normalizeRecord(record);
  const plain = typeof body === 'string' && !looksLikeMarkup(body) ? text(body.split(/\r?\n/, 1)[0]) : undefined;
  return { code: undefined, message: plain, details: [], correlationId: undefined, documentationUrl: undefined };
}

/** HTML or XML error pages say nothing useful in one line and may echo the request. */
export function looksLikeMarkup(body: string): boolean {
  return /^\s*</.test(body);
}

/** The start of a body for diagnosis: one line, at most `max` characters, control characters removed. */
export function snippetOf(body: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const flat = body.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `GET /pets/{petId}`: the path template, never the concrete URL (which may carry ids or credentials). */
export function describeOperation(method: string, pathTemplate: string): string {
  return `${method} ${pathTemplate}`;
}

/** `GET /pets/{petId} returned 404 Not Found: no pet has this id`. */
export function formatHttpErrorMessage(
  method: string,
  pathTemplate: string,
  status: number,
  statusText: string,
  body: unknown,
): string {
  const server = normalizeErrorBody(body).message;
  const statusPart = statusText.trim() === '' ? String(status) : `${status} ${snippetOf(statusText, 60)}`;
  const head = `${describeOperation(method, pathTemplate)} returned ${statusPart}`;
  return server === undefined ? head : `${head}: ${snippetOf(server, 200)}`;
}
