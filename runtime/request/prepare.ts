/**
 * Building one logical request before anything is sent: URL from the server and parameters, the
 * Accept / User-Agent / Content-Type headers, header and cookie parameters, the encoded body (with
 * `maxRequestBytes`), the request id and the idempotency key. Credentials are NOT added here: the
 * authenticator applies them per attempt, so a retry or a cache key never sees a stale copy.
 */
import type { IdempotencyPolicy, RequestOptions } from '../client/options.js';
import { formatUserAgent, isBrowserLike } from '../util/env.js';
import { ConfigurationError, RequestTooLargeError, ValidationError } from '../errors/errors.js';
import { serializeCookieParam, serializeHeaderParam } from './param-style.js';
import { limitUpload } from './upload-limit.js';
import { assertSecureUrl, buildRequestUrl, readParam, resolveBaseUrl } from './url.js';
import { isHeaderName } from './header-name.js';
import { acceptHeaderFor } from '../transport/response.js';
import type { ApiDescriptor, BodyEncoder, OperationDescriptor, PreparedRequest, RequestContext } from '../client/descriptor.js';
import { createUuid } from '../util/uuid.js';

/** Sets a header, turning the TypeError for an unsendable value into a ValidationError that quotes no value. */
export function setHeader(headers: Headers, name: string, value: string): void {
  if (!isHeaderName(name)) {
    const issue = `"${name.slice(0, 60)}" is not a valid HTTP header name (RFC 9110 §5.1)`;
    throw new ValidationError(issue, { issues: [{ field: name.slice(0, 60), issue }] });
  }
  try {
    headers.set(name, value);
  } catch {
    // Headers rejects CR, LF and NUL (which would split the request) and characters outside Latin-1.
    const issue = `header ${name} has a value that cannot be sent (line breaks or unsupported characters)`;
    throw new ValidationError(issue, { issues: [{ field: name, issue }] });
  }
}

export function mergeHeaders(target: Headers, source: Record<string, string> | Headers | undefined): void {
  if (source === undefined) return;
  if (source instanceof Headers) source.forEach((value, name) => setHeader(target, name, value));
  // A record directly: no Headers built per call just to walk it.
  else for (const name of Object.keys(source)) setHeader(target, name, String(source[name]));
}

/** Per API (one object for the client's life), the User-Agent every call sends. */
const userAgents = new WeakMap<ApiDescriptor, string>();

function userAgentOf(api: ApiDescriptor): string {
  let agent = userAgents.get(api);
  if (agent === undefined) userAgents.set(api, (agent = formatUserAgent(api)));
  return agent;
}

export interface Idempotency {
  header: string;
  key: string;
}

/**
 * Which calls carry an idempotency key: `declared` — operations whose spec declares the header;
 * `unsafe-methods` — those, plus every POST and PATCH (with `idempotencyHeader`, default
 * `Idempotency-Key`), so they become retry-safe against APIs that honour the header; `false` — none.
 */
export type { IdempotencyPolicy } from '../client/options.js';

/**
 * The idempotency header and key of a call: the operation's declared header, or (policy
 * `unsafe-methods`) the client-wide one for POST and PATCH; the key from the call options, else the
 * params, else a fresh UUID. Without a policy, setting `idempotencyHeader` means `unsafe-methods`.
 */
export function resolveIdempotency(
  op: OperationDescriptor,
  params: object | undefined,
  call: RequestOptions,
  settings: Pick<RequestSettings, 'idempotencyHeader' | 'idempotency'>,
): Idempotency | undefined {
  const clientHeader = settings.idempotencyHeader;
  const policy = settings.idempotency ?? (clientHeader === undefined ? 'declared' : 'unsafe-methods');
  if (policy === false) return undefined;
  const clientWide = policy === 'unsafe-methods' && (op.method === 'POST' || op.method === 'PATCH');
  const header = op.idempotencyHeader ?? (clientWide ? (clientHeader ?? 'Idempotency-Key') : undefined);
  if (header === undefined) return undefined;
  const declared = op.params.find((p) => p.in === 'header' && p.name.toLowerCase() === header.toLowerCase());
  const fromParams = declared === undefined ? undefined : readParam(params, declared);
  const key = call.idempotencyKey ?? (typeof fromParams === 'string' ? fromParams : undefined) ?? createUuid();
  return { header, key };
}

/** The client-wide part of building a request, resolved once from `ClientOptions` (client/settings.ts). */
export interface RequestSettings {
  baseUrl: string | undefined;
  serverVariables: Record<string, string> | undefined;
  userAgent: string | undefined;
  /** Sent with every request; a call's own headers win. */
  headers: Record<string, string> | Headers | undefined;
  maxRequestBytes: number | undefined;
  allowInsecureHttp: boolean;
  requestIdHeader: string;
  idempotencyHeader: string | undefined;
  idempotency: IdempotencyPolicy | undefined;
}

export interface PrepareInput {
  api: ApiDescriptor;
  settings: RequestSettings;
  op: OperationDescriptor;
  params: object | undefined;
  call: RequestOptions;
  ctx: RequestContext;
  idempotencyHeader: string | undefined;
  /** Replaces the URL built from the server and params (a next page of a paginated call). */
  url?: URL | undefined;
  /** The client's body encoder, for descriptors that bring none (hand-built ones; client/features.ts). */
  encodeBody?: BodyEncoder | undefined;
}

/** The request every attempt starts from (without credentials). */
export async function prepareRequest(input: PrepareInput): Promise<PreparedRequest> {
  const { api, settings, op, params, call, ctx } = input;
  const url =
    input.url ??
    buildRequestUrl(
      resolveBaseUrl(api, op, { baseUrl: call.baseUrl ?? settings.baseUrl, serverVariables: settings.serverVariables }),
      op,
      params,
    );
  assertSecureUrl(url, settings.allowInsecureHttp);
  const headers = new Headers();
  headers.set('Accept', acceptHeaderFor(op));
  if (!isBrowserLike()) setHeader(headers, 'User-Agent', settings.userAgent ?? userAgentOf(api));
  const prepared: PreparedRequest = { method: op.method, url, headers };

  const bodyKey = op.bodyKey ?? 'body';
  const bodyValue =
    params !== undefined && Object.hasOwn(params, bodyKey) ? (params as Record<string, unknown>)[bodyKey] : undefined;
  if (op.body !== undefined && bodyValue !== undefined) {
    if (op.method === 'GET' || op.method === 'HEAD')
      throw new ValidationError(`${op.method} ${op.path}: fetch cannot send a body with ${op.method}`);
    const encode = op.encodeBody ?? input.encodeBody;
    if (encode === undefined)
      throw new ConfigurationError(
        `${op.method} ${op.path}: the descriptor brings no body encoder; add \`encodeBody\` (from the runtime) to it`,
      );
    const encoded = await encode(bodyValue, op.body, call.contentType);
    if (encoded.contentType !== undefined) headers.set('Content-Type', encoded.contentType);
    const limit = settings.maxRequestBytes;
    const tooLarge = (): RequestTooLargeError =>
      new RequestTooLargeError(`${op.method} ${op.path}: request body exceeds maxRequestBytes (${limit} bytes)`, {
        limitBytes: limit ?? 0,
        requestId: ctx.requestId,
        operation: op.id,
      });
    if (limit !== undefined && encoded.bytes !== undefined && encoded.bytes > limit) throw tooLarge();
    prepared.body =
      limit !== undefined && encoded.body instanceof ReadableStream ? limitUpload(encoded.body, limit, tooLarge) : encoded.body;
    if (encoded.bytes !== undefined) prepared.bodyBytes = encoded.bytes;
  } else if (op.body?.required === true) {
    throw new ValidationError(`${op.method} ${op.path}: a request body is required`, {
      operation: op.id,
      issues: [{ field: 'body', issue: 'required' }],
    });
  }

  mergeHeaders(headers, settings.headers);
  const cookies: string[] = [];
  for (const param of op.params) {
    if (param.in !== 'header' && param.in !== 'cookie') continue;
    const value = readParam(params, param);
    if (value === undefined) continue;
    const asContent = param.contentType === undefined ? value : JSON.stringify(value);
    if (param.in === 'header') setHeader(headers, param.name, serializeHeaderParam(asContent, param.explode));
    else cookies.push(...serializeCookieParam(param.name, asContent, param.explode));
  }
  if (cookies.length > 0)
    setHeader(headers, 'Cookie', [headers.get('Cookie'), ...cookies].filter((c) => c !== null && c !== '').join('; '));
  mergeHeaders(headers, call.headers);
  setHeader(headers, settings.requestIdHeader, ctx.requestId);
  if (input.idempotencyHeader !== undefined && ctx.idempotencyKey !== undefined)
    setHeader(headers, input.idempotencyHeader, ctx.idempotencyKey);
  return prepared;
}

/** Header names that always carry credentials, whatever the spec declares (Fetch's CORS-unsafe set). */
const ALWAYS_SENSITIVE_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Removes every credential from a request bound for another origin: the always-sensitive headers,
 * the spec's API-key headers and API-key query parameters (SECURITY-CASES 18). Also what a
 * redirect to another origin or down to http drops (transport/redirects.ts).
 */
export function stripCredentials(
  request: Pick<PreparedRequest, 'headers' | 'url'>,
  sensitiveHeaders: readonly string[],
  sensitiveQueryParams: readonly string[],
): void {
  for (const name of [...ALWAYS_SENSITIVE_HEADERS, ...sensitiveHeaders]) request.headers.delete(name);
  const query = new Set(sensitiveQueryParams.map((name) => name.toLowerCase()));
  for (const key of [...request.url.searchParams.keys()]) if (query.has(key.toLowerCase())) request.url.searchParams.delete(key);
}
