/**
 * Redirects followed by hand (RFC 9110 §15.4, Fetch §4.4 HTTP-redirect fetch): at most
 * `maxRedirects`, a request seen twice is a loop, 303 (and 301/302 after POST) become GET without a
 * body, and on a change of origin or an https → http downgrade every credential header and
 * credential query parameter is dropped for good. Failures are RedirectFailures: fetch-attempt.ts
 * turns them into ConnectionErrors whose outcome is unknown, since the first request was answered.
 */
import { isBrowserLike } from '../util/env.js';
import { assertSecureUrl } from '../request/url.js';
import { stripCredentials } from '../request/prepare.js';
import { RedirectFailure, type WireProgress } from './outcome.js';
import type { Bytes } from '../util/bytes.js';
import { discardBody, hopInit, responseOfAnswer, type OutgoingRequest, type WireInit, type WireSend } from './wire.js';
import type { AttemptCancel } from './attempt-cancel.js';

export interface RedirectPolicy {
  /** Called as `fetch(url, init)` when `fetchTakesInit`, else with a Request (wire.ts says why). */
  readonly fetch: typeof fetch;
  readonly fetchTakesInit: boolean;
  /** A direct transport (the undici one): no Request or streamed Response per hop. */
  readonly wire?: WireSend | undefined;
  readonly maxRedirects: number;
  readonly allowInsecureHttp: boolean;
  /** Dropped, with Authorization, Cookie and Proxy-Authorization, when a redirect changes origin or drops to http. */
  readonly sensitiveHeaders: readonly string[];
  readonly sensitiveQueryParams: readonly string[];
  /** The body to send again on 307/308 of a hook's Request; `undefined` means "clone the request". */
  readonly replayBody?: Bytes | Blob | null | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** Where a redirect response leads, or undefined when it is the final response. */
function nextLocation(response: Response, browser: boolean): string | undefined {
  if (browser || !REDIRECT_STATUSES.has(response.status)) return undefined;
  return response.headers.get('location') ?? undefined;
}

/** One hop on the wire, the cheapest way the fetch in use allows (wire.ts). */
async function sendHop(
  hop: Request | OutgoingRequest,
  cancel: AttemptCancel,
  redirect: RequestRedirect,
  policy: RedirectPolicy,
): Promise<Response> {
  // A local binding: fetch called as a method of `policy` would throw "Illegal invocation" in browsers.
  const fetchFn = policy.fetch;
  if (hop instanceof Request) {
    const signal = cancel.signal;
    const init: RequestInit = signal === undefined ? { redirect } : { signal, redirect };
    return policy.fetchTakesInit ? fetchFn(hop, init) : fetchFn(new Request(hop, init));
  }
  if (policy.wire !== undefined) {
    const answer = await policy.wire(hop.url, wireInit(hop, cancel));
    return responseOfAnswer(answer, hop.url);
  }
  const init = hopInit(hop, cancel.signal, redirect);
  return policy.fetchTakesInit ? fetchFn(hop.url.href, init) : fetchFn(new Request(hop.url, init));
}

/**
 * A direct transport's init: `cancel` for senders that take it, and `signal` (built only when a
 * sender reads it) for those of an older runtime in the same process.
 */
function wireInit(hop: OutgoingRequest, cancel: AttemptCancel): WireInit {
  return {
    method: hop.method,
    headers: hop.headers,
    body: hop.body,
    cancel,
    get signal() {
      return cancel.signal;
    },
  };
}

/** What a hop's body can be sent again as, or undefined when it is a stream that cannot. */
function replayableBody(body: BodyInit | null): BodyInit | null | undefined {
  return body instanceof ReadableStream ? undefined : body;
}

/** Sends `first` and follows its redirects; `progress` records that bytes left and answers came back. */
export async function followRedirects(
  first: Request | OutgoingRequest,
  cancel: AttemptCancel,
  policy: RedirectPolicy,
  progress: WireProgress,
): Promise<Response> {
  const browser = isBrowserLike();
  // In browsers, manual mode yields an opaque response; the browser applies the same stripping itself.
  const redirect: RequestRedirect = browser ? 'follow' : 'manual';
  const fromHook = first instanceof Request;
  const spare = fromHook && policy.replayBody === undefined && first.body !== null ? first.clone() : undefined;
  let replay: BodyInit | null | undefined = fromHook ? (policy.replayBody ?? undefined) : replayableBody(first.body);
  let current: Request | OutgoingRequest = first;
  let currentUrl = fromHook ? new URL(first.url) : first.url;
  let visited: Set<string> | undefined;
  let stripped = false;
  try {
    for (let hop = 0; ; hop += 1) {
      progress.started = true;
      const response = await sendHop(current, cancel, redirect, policy);
      progress.answered = true;
      if (response.type === 'opaqueredirect') throw new RedirectFailure('was redirected, which this environment cannot follow');
      const location = nextLocation(response, browser);
      if (location === undefined) return response;
      await discardBody(response);
      if (hop >= policy.maxRedirects) throw new RedirectFailure(`was redirected more than ${policy.maxRedirects} times`);
      visited ??= new Set([`${current.method} ${currentUrl.href}`]);
      const from = currentUrl;
      const next = new URL(location, from);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new RedirectFailure(`was redirected to an unsupported scheme ${next.protocol}`);
      }
      assertSecureUrl(next, policy.allowInsecureHttp);
      const toGet =
        (response.status === 303 && current.method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && current.method === 'POST');
      const method = toGet ? 'GET' : current.method;
      if (next.origin !== from.origin || (from.protocol === 'https:' && next.protocol === 'http:')) stripped = true;
      const headers = new Headers(current.headers);
      if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
      if (stripped) stripCredentials({ headers, url: next }, policy.sensitiveHeaders, policy.sensitiveQueryParams);
      // The same request to the same place again would get the same answer: a loop, not progress.
      if (visited.has(`${method} ${next.href}`)) throw new RedirectFailure(`was redirected in a loop (${response.status})`);
      visited.add(`${method} ${next.href}`);
      let body: BodyInit | null = null;
      if (!toGet && current.body !== null) {
        if (replay === undefined && spare !== undefined) replay = new Uint8Array(await spare.arrayBuffer());
        if (replay === undefined || replay === null) {
          throw new RedirectFailure(`got a ${response.status} redirect, but a streamed body cannot be sent twice`);
        }
        body = replay;
      }
      current = { method, url: next, headers, body };
      currentUrl = next;
    }
  } finally {
    if (spare !== undefined && !spare.bodyUsed) void spare.body?.cancel().catch(() => undefined);
  }
}
