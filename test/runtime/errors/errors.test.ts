import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeErrorBody, type NormalizedErrorBody } from '../../../runtime/errors/error-format.js';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  ParseError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from '../../../runtime/errors/errors.js';
import {
  isAbortError,
  isApiError,
  isApiwrightError,
  isConfigurationError,
  isConnectionError,
  isParseError,
  isRateLimitError,
  isTimeoutError,
  isValidationError,
} from '../../../runtime/errors/guards.js';
import { parseRetryAfterMs } from '../../../runtime/resilience/retry-after.js';
import { isResponseValidationError, ResponseValidationError } from '../../../runtime/errors/response-validation-error.js';
import { isWebhookVerificationError, WebhookConfigError, WebhookVerificationError } from '../../../runtime/webhooks/errors.js';
import { fakeAuthenticator, frozenClock, makeClient, makeOp, rejectionOf } from '../support/client.js';

const BASE = 'https://api.example.test/v1';
const SECRET = 'sk_live_0123456789abcdef';
const seen: Request[] = [];

const mock = setupServer(
  http.get(`${BASE}/status/:code`, ({ request, params }) => {
    seen.push(request.clone());
    const status = Number(params['code']);
    const headers: Record<string, string> = { 'set-cookie': `session=${SECRET}` };
    if (status === 429) headers['retry-after'] = '7';
    return HttpResponse.json({ message: `failure ${status}`, code: `E${status}` }, { status, headers });
  }),
  http.get(`${BASE}/retry-date`, () =>
    HttpResponse.json({}, { status: 429, headers: { 'retry-after': new Date(1_700_000_030_000).toUTCString() } }),
  ),
);
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mock.close());

const statusOp = makeOp({
  id: 'getStatus',
  path: '/status/{code}',
  params: [{ name: 'code', in: 'path', style: 'simple', explode: false, required: true }],
  responses: { '200': ['application/json'], '404': ['application/json'], default: ['application/json'] },
});

describe('error class by status', () => {
  it.each([
    [400, BadRequestError, 'BAD_REQUEST'],
    [401, AuthenticationError, 'UNAUTHENTICATED'],
    [403, PermissionDeniedError, 'PERMISSION_DENIED'],
    [404, NotFoundError, 'NOT_FOUND'],
    [409, ConflictError, 'CONFLICT'],
    [418, ApiError, 'API_ERROR'],
    [422, UnprocessableEntityError, 'VALIDATION_ERROR'],
    [429, RateLimitError, 'RATE_LIMITED'],
    [500, InternalServerError, 'INTERNAL_SERVER_ERROR'],
    [503, InternalServerError, 'INTERNAL_SERVER_ERROR'],
  ])('%i → %o', async (status, ErrorClass, code) => {
    const authenticator = fakeAuthenticator({
      apply: async (request) => {
        request.headers.set('Authorization', `Bearer ${SECRET}`);
        request.url.searchParams.set('api_key', SECRET);
      },
      sensitiveQueryParams: ['api_key'],
    });
    const error = await rejectionOf(makeClient(BASE, {}, authenticator).request(statusOp, { code: status }));
    expect(error).toBeInstanceOf(ErrorClass);
    const apiError = error as ApiError<{ message: string }>;
    expect(apiError.name).toBe(ErrorClass.name);
    expect(apiError.code).toBe(code);
    expect(apiError.status).toBe(status);
    expect(apiError.body).toEqual({ message: `failure ${status}`, code: `E${status}` });
    expect(apiError.operation).toBe('getStatus');
    expect(apiError.requestId).toBe(seen.at(-1)?.headers.get('x-request-id'));
    expect(apiError.message).toMatch(new RegExp(`^GET /status/\\{code\\} returned ${status}.*: failure ${status}$`));
    // Never a credential: not in the message, the structured form, or an inspection of the error.
    for (const text of [apiError.message, JSON.stringify(apiError.toJSON()), inspect(apiError, { depth: 5 })]) {
      expect(text).not.toContain(SECRET);
    }
    if (status === 429) expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('RateLimitError reads an HTTP-date Retry-After against the client clock', async () => {
    const clock = frozenClock(1_700_000_000_000);
    const error = await rejectionOf(
      makeClient(BASE, { clock, timeoutMs: Number.POSITIVE_INFINITY }).request(makeOp({ path: '/retry-date' }), undefined),
    );
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });
});

describe('toJSON', () => {
  it('gives the structured format with normalized server fields and our request id', () => {
    const error = new NotFoundError('GET /pets/{petId} returned 404', {
      status: 404,
      headers: new Headers(),
      body: {
        type: 'https://docs.example.test/errors/not-found',
        title: 'Not Found',
        detail: 'No pet p_1',
        errors: [{ pointer: '/petId', detail: 'unknown' }],
      },
      requestId: 'req-1',
      operation: 'getPetById',
    });
    const json = error.toJSON();
    expect(Object.keys(json.error).sort()).toEqual([
      'code',
      'correlation_id',
      'details',
      'documentation_url',
      'message',
      'timestamp',
    ]);
    expect(json.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No pet p_1',
      details: [{ field: '/petId', issue: 'unknown' }],
      correlation_id: 'req-1',
      documentation_url: 'https://docs.example.test/errors/not-found',
    });
    expect(new Date(json.error.timestamp).toISOString()).toBe(json.error.timestamp);
    expect(JSON.parse(JSON.stringify(error))).toEqual(json);
  });

  it('non-HTTP errors use their own code and message', () => {
    const json = new TimeoutError('GET /x timed out after 50 ms', { requestId: 'r' }).toJSON();
    expect(json.error).toMatchObject({
      code: 'TIMEOUT',
      message: 'GET /x timed out after 50 ms',
      details: [],
      correlation_id: 'r',
    });
  });
});

describe('normalizeErrorBody', () => {
  const want = (partial: Partial<NormalizedErrorBody>): NormalizedErrorBody => ({
    code: undefined,
    message: undefined,
    details: [],
    correlationId: undefined,
    documentationUrl: undefined,
    ...partial,
  });
  it.each<[string, unknown, NormalizedErrorBody]>([
    [
      'RFC 9457 problem details',
      {
        type: 'https://example.test/probs/out-of-credit',
        title: 'You do not have enough credit.',
        status: 403,
        detail: 'Balance is 30, cost is 50.',
        instance: '/account/12345/msgs/abc',
        errors: [{ detail: 'must be positive', pointer: '#/amount' }],
      },
      want({
        message: 'Balance is 30, cost is 50.',
        details: [{ field: '#/amount', issue: 'must be positive' }],
        correlationId: '/account/12345/msgs/abc',
        documentationUrl: 'https://example.test/probs/out-of-credit',
      }),
    ],
    [
      'RFC 7807 invalid-params, about:blank type',
      { type: 'about:blank', title: 'Bad input', 'invalid-params': [{ name: 'age', reason: 'must be a positive integer' }] },
      want({ message: 'Bad input', details: [{ field: 'age', issue: 'must be a positive integer' }] }),
    ],
    [
      '{error:{code,message,details}} (Google style)',
      {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: 'Invalid name',
          details: [{ '@type': 'BadRequest', fieldViolations: [{ field: 'name', description: 'too long' }] }],
        },
      },
      want({ code: 'INVALID_ARGUMENT', message: 'Invalid name', details: [{ field: 'name', issue: 'too long' }] }),
    ],
    [
      '{error:{code,message,target details}} (Azure style)',
      {
        error: { code: 'BadArgument', message: 'Bad', details: [{ code: 'NullValue', target: 'size', message: 'size is null' }] },
      },
      want({ code: 'BadArgument', message: 'Bad', details: [{ field: 'size', issue: 'size is null' }] }),
    ],
    [
      'Stripe style with param and doc_url',
      {
        error: {
          type: 'invalid_request_error',
          code: 'parameter_missing',
          message: 'Missing amount',
          param: 'amount',
          doc_url: 'https://stripe.test/docs/error-codes',
        },
      },
      want({
        code: 'parameter_missing',
        message: 'Missing amount',
        details: [{ field: 'amount', issue: 'Missing amount' }],
        documentationUrl: 'https://stripe.test/docs/error-codes',
      }),
    ],
    [
      'OAuth {error, error_description}',
      { error: 'invalid_grant', error_description: 'Refresh token expired', error_uri: 'https://auth.test/errors#invalid_grant' },
      want({
        code: 'invalid_grant',
        message: 'Refresh token expired',
        documentationUrl: 'https://auth.test/errors#invalid_grant',
      }),
    ],
    [
      '{message, code} with GitHub-style errors',
      {
        message: 'Validation Failed',
        code: 'invalid',
        documentation_url: 'https://docs.github.test/rest',
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
        request_id: 'gh-1',
      },
      want({
        code: 'invalid',
        message: 'Validation Failed',
        details: [{ field: 'title', issue: 'missing_field' }],
        correlationId: 'gh-1',
        documentationUrl: 'https://docs.github.test/rest',
      }),
    ],
    [
      'GraphQL errors',
      {
        errors: [{ message: 'Cannot query field', path: ['user', 0, 'name'], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      },
      want({
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: 'Cannot query field',
        details: [{ field: 'user.0.name', issue: 'Cannot query field' }],
      }),
    ],
    [
      'JSON:API errors',
      {
        errors: [
          {
            status: '422',
            code: 'blank',
            title: 'Invalid Attribute',
            detail: 'First name must contain at least two characters.',
            source: { pointer: '/data/attributes/firstName' },
          },
        ],
      },
      want({
        code: 'blank',
        message: 'First name must contain at least two characters.',
        details: [{ field: '/data/attributes/firstName', issue: 'First name must contain at least two characters.' }],
      }),
    ],
    [
      'FastAPI validation detail',
      { detail: [{ loc: ['body', 'age'], msg: 'field required', type: 'value_error.missing' }] },
      want({ details: [{ field: 'body.age', issue: 'field required' }] }),
    ],
    ['plain text first line', 'Service unavailable\nretry later', want({ message: 'Service unavailable' })],
    ['HTML says nothing', '<html><body>502 Bad Gateway</body></html>', want({})],
    ['prototype keys are data only', JSON.parse('{"__proto__":{"message":"polluted"},"constructor":"x"}') as unknown, want({})],
  ])('%s', (_name, body, expected) => {
    expect(normalizeErrorBody(body)).toEqual(expected);
  });
});

describe('type guards work on plain objects (other realms, other copies of the runtime)', () => {
  it.each([
    [isApiError, { name: 'NotFoundError' }, true],
    [isApiError, { name: 'TimeoutError' }, false],
    [isApiwrightError, { name: 'TimeoutError' }, true],
    [isApiwrightError, { name: 'ConfigurationError' }, true],
    [isApiwrightError, { name: 'TypeError' }, false],
    [isRateLimitError, { name: 'RateLimitError' }, true],
    [isTimeoutError, { name: 'TimeoutError' }, true],
    [isAbortError, { name: 'AbortError' }, true],
    [isConnectionError, { name: 'ConnectionError' }, true],
    [isParseError, { name: 'ResponseTooLargeError' }, true],
    [isValidationError, { name: 'RequestTooLargeError' }, true],
    [isConfigurationError, { name: 'ConfigurationError' }, true],
    [isApiError, null, false],
    [isApiError, 'NotFoundError', false],
  ] as const)('%o(%j) is %s', (guard, value, expected) => {
    expect(guard(value)).toBe(expected);
  });

  it('covers the classes outside errors.ts too, by name, across realms', () => {
    // A structured clone keeps only the data: the name is all a guard has to go on.
    const clone = (error: Error): unknown => ({ name: error.name, message: error.message });
    const drift = new ResponseValidationError('x', { status: 200, body: null, validationIssues: [] });
    expect(isResponseValidationError(clone(drift))).toBe(true);
    expect(isValidationError(clone(drift))).toBe(true);
    expect(isApiwrightError(clone(drift))).toBe(true);
    const forged = new WebhookVerificationError('replayed', 'x');
    expect(isWebhookVerificationError(clone(forged))).toBe(true);
    expect(isApiwrightError(clone(forged))).toBe(true);
    expect(isApiwrightError(clone(new WebhookConfigError('x')))).toBe(true);
    expect(isWebhookVerificationError({ name: 'ValidationError' })).toBe(false);
  });

  it('works on real instances', () => {
    expect(isParseError(new ParseError('x'))).toBe(true);
    expect(isAbortError(new AbortError('x'))).toBe(true);
    expect(isApiwrightError(new InternalServerError('x', { status: 500, headers: new Headers(), body: null }))).toBe(true);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it.each<[string | null, number | undefined]>([
    ['0', 0],
    ['120', 120_000],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    const headers = new Headers(value === null ? {} : { 'retry-after': value });
    expect(parseRetryAfterMs(headers, now)).toBe(expected);
  });
});
