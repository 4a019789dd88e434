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

export interface RedirectPolicy {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly maxRedirects: number;
  readonly allowInsecureHttp: boolean;
  /** Dropped, with Authorization, Cookie and Proxy-Authorization, when a redirect changes origin or drops to http. */
  readonly sensitiveHeaders: readonly string[];
  readonly sensitiveQueryParams: readonly string[];
  /** The body to send again on 307/308; `undefined` means "clone the request". */
  readonly replayBody?: Bytes | Blob | null | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** Where a redirect response leads, or undefined when it is the final response. */
function nextLocation(response: Response, browser: boolean): string | undefined {
  const location = response.headers.get('location');
  if (browser || !REDIRECT_STATUSES.has(response.status) || location === null) return undefined;
  return location;
}

/** Sends `first` and follows its redirects; `progress` records that bytes left and answers came back. */
export async function followRedirects(
  first: Request,
  signal: AbortSignal,
  policy: RedirectPolicy,
  progress: WireProgress,
): Promise<Response> {
  const browser = isBrowserLike();
  // In browsers, manual mode yields an opaque response; the browser applies the same stripping itself.
  const redirect: RequestRedirect = browser ? 'follow' : 'manual';
  const spare = policy.replayBody === undefined && first.body !== null ? first.clone() : undefined;
  let replay: Bytes | Blob | null = policy.replayBody ?? null;
  let current = new Request(first, { signal, redirect });
  const visited = new Set<string>();
  let stripped = false;
  try {
    for (let hop = 0; ; hop += 1) {
      visited.add(`${current.method} ${current.url}`);
      progress.started = true;
      const response = await policy.fetch(current);
      progress.answered = true;
      if (response.type === 'opaqueredirect') throw new RedirectFailure('was redirected, which this environment cannot follow');
      const location = nextLocation(response, browser);
      if (location === undefined) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= policy.maxRedirects) throw new RedirectFailure(`was redirected more than ${policy.maxRedirects} times`);
      const from = new URL(current.url);
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
      let body: Bytes | Blob | null = null;
      if (!toGet && current.body !== null) {
        if (replay === null && spare !== undefined) replay = new Uint8Array(await spare.arrayBuffer());
        if (replay === null) {
          throw new RedirectFailure(`got a ${response.status} redirect, but a streamed body cannot be sent twice`);
        }
        body = replay;
      }
      current = new Request(next, { method, headers, body, signal, redirect });
    }
  } finally {
    if (spare !== undefined && !spare.bodyUsed) void spare.body?.cancel().catch(() => undefined);
  }
}
