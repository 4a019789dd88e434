/**
 * One attempt of a call, and turning the final response into data or a typed error: body read →
 * checked against its declared schema (validate/response.ts) → transformed (camelCase / Date).
 * Attempt: credentials (unless the request leaves the API's origin) → onRequest hooks → transport
 * (timeout, abort, redirects) → one re-send after a 401 the authenticator recovered from → body
 * buffered (unless streamed) → onResponse hooks.
 */
import type { Authenticator } from '../auth/authenticator.js';
import type { RequestOptions } from './options.js';
import { formatHttpErrorMessage } from '../errors/error-format.js';
import type { TransformSupport } from '../transform/support.js';
import { RateLimitError, ValidationError, type ApiError } from '../errors/errors.js';
import { errorClassForStatus } from '../errors/status.js';
import { runRequestHooks, runResponseHooks, type HookContext, type Hooks } from './hooks.js';
import type { Observer } from '../observe/observe.js';
import type { KnownSecrets } from '../observe/known-secrets.js';
import {
  bufferResponse,
  declaredMediaTypes,
  isSuccessStatus,
  readErrorBody,
  readSuccessBody,
  type ReadContext,
} from '../transport/response.js';
import { sendRequest } from '../transport/fetch-attempt.js';
import { readableResponse } from '../transport/buffered-body.js';
import { wireSendOf, type OutgoingRequest } from '../transport/wire.js';
import { readServerWaitMs } from '../resilience/retry-after.js';
import type { Clock, PreparedRequest, RequestContext } from './descriptor.js';
import type { Bytes } from '../util/bytes.js';
import type { ValidateOptions } from '../validate/options.js';
import { createResponseChecker } from '../validate/response.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 10;

export interface AttemptDeps {
  authenticator: Authenticator;
  observer: Observer;
  hooks: Hooks | undefined;
  fetch: typeof fetch;
  ownFetch: () => typeof fetch | undefined;
  clock: Clock;
  timeoutMs: number | undefined;
  allowInsecureHttp: boolean;
  maxResponseBytes: number;
  knownSecrets: KnownSecrets;
  /** camelCase / Date conversion of bodies (clients generated with it; features.ts). */
  transform?: TransformSupport | undefined;
}

/** How one logical request is sent: with the API's credentials, or (another origin) without any. */
export interface AttemptPlan {
  readonly prepared: PreparedRequest;
  readonly ctx: RequestContext;
  readonly call: RequestOptions;
  readonly withCredentials: boolean;
}

export interface AttemptRunner {
  /** Sends attempt number `attempt`; `extraHeaders` (conditional cache headers) go on top. */
  run(plan: AttemptPlan, attempt: number, extraHeaders?: Headers): Promise<Response>;
  /** The data of a success status, else throws the status's typed error; bodies are checked per `validation` first. */
  mapResponse<T>(response: Response, ctx: RequestContext, call: RequestOptions, validation: ValidateOptions): Promise<T>;
}

/** Everything but a streamed success is read whole (error bodies are always buffered). */
function wantsWhole(call: RequestOptions, ctx: RequestContext, response: Response): boolean {
  return call.responseType !== 'stream' || !isSuccessStatus(ctx.operation, response.status);
}

export function createAttemptRunner(deps: AttemptDeps): AttemptRunner {
  const { authenticator, observer, hooks, clock } = deps;
  const responseChecks = createResponseChecker(observer);
  const transformResponse: TransformSupport['response'] = deps.transform?.response ?? ((_op, _status, data) => data);

  const readContext = (ctx: RequestContext): ReadContext => {
    const op = ctx.operation;
    return {
      method: op.method,
      pathTemplate: op.path,
      requestId: ctx.requestId,
      operation: op.id,
      maxBytes: deps.maxResponseBytes,
    };
  };

  async function send(plan: AttemptPlan, hookCtx: HookContext, extraHeaders: Headers | undefined): Promise<Response> {
    const { prepared, ctx, call } = plan;
    const request: PreparedRequest = {
      method: prepared.method,
      url: new URL(prepared.url),
      headers: new Headers(prepared.headers),
    };
    extraHeaders?.forEach((value, name) => request.headers.set(name, value));
    if (prepared.body !== undefined) request.body = prepared.body;
    if (prepared.bodyBytes !== undefined) request.bodyBytes = prepared.bodyBytes;
    if (plan.withCredentials) {
      await authenticator.apply(request, ctx);
      deps.knownSecrets.rememberFrom(request.headers, request.url);
    }
    const body = request.body ?? null;
    const streamed = body instanceof ReadableStream;
    if (streamed && body.locked) {
      throw new ValidationError(`${ctx.operation.method} ${ctx.operation.path}: a streamed request body cannot be sent twice`, {
        requestId: ctx.requestId,
        operation: ctx.operation.id,
      });
    }
    // A Request is built only for onRequest hooks, which take and may replace one (transport/wire.ts).
    const outgoing: OutgoingRequest = { method: request.method, url: request.url, headers: request.headers, body };
    let sent: Request | OutgoingRequest = outgoing;
    let replayBody: Bytes | Blob | null | undefined;
    if (hooks?.onRequest !== undefined && hooks.onRequest.length > 0) {
      const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, body };
      if (streamed) init.duplex = 'half';
      const built = new Request(request.url, init);
      sent = await runRequestHooks(hooks, built, hookCtx);
      const replayable = body instanceof Uint8Array || (typeof Blob !== 'undefined' && body instanceof Blob) || body === null;
      if (sent === built && replayable) replayBody = body as Bytes | Blob | null;
    }
    const own = deps.ownFetch();
    return sendRequest(sent, {
      fetch: own ?? deps.fetch,
      fetchTakesInit: own === undefined || wireSendOf(own) !== undefined,
      wire: wireSendOf(own),
      clock,
      timeoutMs: call.timeoutMs ?? deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadline: ctx.deadline,
      signal: ctx.signal,
      maxRedirects: MAX_REDIRECTS,
      allowInsecureHttp: deps.allowInsecureHttp,
      sensitiveHeaders: authenticator.sensitiveHeaders,
      sensitiveQueryParams: authenticator.sensitiveQueryParams,
      timeoutCoversBody: (response) => wantsWhole(call, ctx, response),
      buffer: (response) => (wantsWhole(call, ctx, response) ? bufferResponse(response, readContext(ctx)) : undefined),
      replayBody,
      method: sent.method,
      pathTemplate: ctx.operation.path,
      requestId: ctx.requestId,
      operation: ctx.operation.id,
    });
  }

  return {
    async run(plan, attempt, extraHeaders) {
      const { ctx } = plan;
      // Object.assign, not `{ ...ctx, attempt }`: V8 11 (Node 20) makes that spread cost microseconds.
      const hookCtx: HookContext = Object.assign({ attempt }, ctx);
      let response = await send(plan, hookCtx, extraHeaders);
      if (response.status === 401 && plan.withCredentials && (await authenticator.onUnauthorized(ctx))) {
        await response.body?.cancel().catch(() => undefined);
        response = await send(plan, hookCtx, extraHeaders);
      }
      // Buffered (unless streamed) by the transport, under the attempt's timer; hooks get a body they can read.
      if (hooks?.onResponse === undefined || hooks.onResponse.length === 0) return response;
      return runResponseHooks(hooks, readableResponse(response), hookCtx);
    },

    async mapResponse<T>(response: Response, ctx: RequestContext, call: RequestOptions, validation: ValidateOptions): Promise<T> {
      const op = ctx.operation;
      const read = readContext(ctx);
      const success = isSuccessStatus(op, response.status);
      const wire = success
        ? await readSuccessBody(response, declaredMediaTypes(op, response.status), call.responseType, read)
        : await readErrorBody(response, read);
      const error = success ? undefined : apiErrorFor(response, ctx, wire);
      // Checked as it arrived (the validators describe the wire), before the data is transformed.
      responseChecks.check(
        { op, response, body: wire, responseType: call.responseType, requestId: ctx.requestId, error },
        validation,
      );
      if (error !== undefined) throw error;
      return transformResponse(op, response.status, wire) as T;
    },
  };

  /** The typed error of an error status; its body in the form success bodies take (camelCase / Date when generated so). */
  function apiErrorFor(response: Response, ctx: RequestContext, raw: unknown): ApiError {
    const op = ctx.operation;
    const ErrorClass = errorClassForStatus(response.status);
    const message = formatHttpErrorMessage(op.method, op.path, response.status, response.statusText, raw);
    const body = transformResponse(op, response.status, raw);
    // Error headers are redacted copies: an error may be logged or inspected (SECURITY-CASES 20).
    const headers = observer.redactHeaders?.(response.headers) ?? response.headers;
    const error = new ErrorClass(message, {
      status: response.status,
      headers,
      body,
      requestId: ctx.requestId,
      operation: op.id,
    });
    // The same reading the retry loop waited by (Retry-After in every form, retry-after-ms, rate-limit reset, skew).
    if (error instanceof RateLimitError) error.retryAfterMs = readServerWaitMs(response.headers, response.status, clock.now());
    return error;
  }
}
