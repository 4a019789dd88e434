/**
 * How Prism 5 says a request broke the spec, read from each response (prism-http-server):
 * - the `sl-violations` header, a JSON array of `{ location: ['request', …], severity, code, message }`,
 *   set whenever Prism answers with a response the spec declares (e.g. the spec's own 400/422/401);
 * - otherwise a problem+json body whose `type` is `https://stoplight.io/prism/errors#<KIND>`
 *   (UNPROCESSABLE_ENTITY carries the violations under `validation`; UNAUTHORIZED, INVALID_CONTENT_TYPE,
 *   NO_PATH_MATCHED_ERROR, NO_METHOD_MATCHED_ERROR and NOT_ACCEPTABLE say what was wrong).
 * `--errors` only turns *response* violations into errors, so it adds nothing for requests.
 */

export interface Violation {
  readonly location: readonly string[];
  readonly severity: string;
  readonly code?: string | number;
  readonly message: string;
}

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string;
  readonly status: number;
  readonly contentType: string;
  /** Request violations of severity Error. */
  readonly violations: readonly Violation[];
  /** Request violations of lower severity (Prism logs them but still answers). */
  readonly warnings: readonly Violation[];
  /** Set when the body is a Prism-generated problem (no response of the spec was used). */
  readonly prismError?: string;
}

const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';
/** Prism errors that mean the request itself was wrong. */
const REQUEST_ERROR_KINDS = new Set([
  'UNPROCESSABLE_ENTITY',
  'UNAUTHORIZED',
  'INVALID_CONTENT_TYPE',
  'NO_PATH_MATCHED_ERROR',
  'NO_METHOD_MATCHED_ERROR',
  'NOT_ACCEPTABLE',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON scalar as text; anything else as JSON (never `[object Object]`). */
function textOf(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function toViolation(value: unknown): Violation | undefined {
  if (!isRecord(value)) return undefined;
  const location = Array.isArray(value['location']) ? value['location'].map(String) : [];
  const code = typeof value['code'] === 'string' || typeof value['code'] === 'number' ? value['code'] : undefined;
  return {
    location,
    severity: textOf(value['severity'], 'Error'),
    message: textOf(value['message'], ''),
    ...(code === undefined ? {} : { code }),
  };
}

export function parseViolationHeader(header: string | null): Violation[] {
  if (header === null || header === '') return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed.map(toViolation).filter((v): v is Violation => v !== undefined) : [];
  } catch {
    // Over ~8 KB Prism cuts the JSON after a "Too many violations! " prefix: read the entries that survived,
    // and count the cut one as a request error so it can never pass unseen.
    const entries = [
      ...header.matchAll(
        /\{"location":(\[[^\]]*\]),"severity":"(\w+)"(?:,"code":("[^"]*"|\d+))?,"message":"((?:[^"\\]|\\.)*)"\}/g,
      ),
    ];
    const found = entries.map((m): Violation => ({
      location: JSON.parse(m[1] ?? '[]') as string[],
      severity: m[2] ?? 'Error',
      message: JSON.parse(`"${m[4] ?? ''}"`) as string,
    }));
    const tail = header.slice((entries.at(-1)?.index ?? 0) + (entries.at(-1)?.[0].length ?? 0));
    if (/"location":\["request"/.test(tail) || found.length === 0)
      found.push({ location: ['request'], severity: 'Error', message: `unreadable sl-violations: ${header.slice(0, 300)}` });
    return found;
  }
}

/** Reads the violations Prism reported for one response. */
export function readViolations(response: Response, body: string): Pick<Exchange, 'violations' | 'warnings' | 'prismError'> {
  const reported = parseViolationHeader(response.headers.get('sl-violations')).filter((v) => v.location[0] === 'request');
  const violations = reported.filter((v) => v.severity === 'Error');
  const warnings = reported.filter((v) => v.severity !== 'Error');
  let prismError: string | undefined;
  if (/problem\+json/i.test(response.headers.get('content-type') ?? '')) {
    let problem: unknown;
    try {
      problem = JSON.parse(body);
    } catch {
      problem = undefined;
    }
    if (isRecord(problem) && typeof problem['type'] === 'string' && problem['type'].startsWith(PRISM_ERROR_TYPE)) {
      prismError = problem['type'].slice(PRISM_ERROR_TYPE.length);
      const listed = Array.isArray(problem['validation'])
        ? problem['validation'].map(toViolation).filter((v): v is Violation => v !== undefined)
        : [];
      if (REQUEST_ERROR_KINDS.has(prismError)) {
        violations.push(
          ...(listed.length > 0
            ? listed
            : [
                {
                  location: ['request'],
                  severity: 'Error',
                  code: prismError,
                  message: textOf(problem['detail'] ?? problem['title'], ''),
                },
              ]),
        );
      }
    }
  }
  return { violations, warnings, ...(prismError === undefined ? {} : { prismError }) };
}

/** A fetch that forwards to the global one and keeps what Prism said, per `X-Request-ID`, so calls can overlap. */
export function createRecordingFetch(): { fetch: typeof fetch; take(requestId: string): Exchange[] } {
  const exchanges = new Map<string, Exchange[]>();
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const requestBody = request.body === null ? '' : new TextDecoder().decode(await request.clone().arrayBuffer()).slice(0, 2000);
    const requestHeaders: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      requestHeaders[name] = value;
    });
    const response = await fetch(request);
    const body = await response.clone().text();
    const requestId = request.headers.get('x-request-id') ?? '';
    const list = exchanges.get(requestId) ?? [];
    exchanges.set(requestId, list);
    list.push({
      method: request.method,
      url: request.url,
      requestHeaders,
      requestBody,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      ...readViolations(response, body),
    });
    return response;
  };
  return {
    fetch: recording,
    take(requestId) {
      const taken = exchanges.get(requestId) ?? [];
      exchanges.delete(requestId);
      return taken;
    },
  };
}
