/**
 * The runtime's public surface: the type guards know every error class the runtime throws, and
 * runtime/index.ts exports what generated code and users import.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidCredentialError,
  JwtVerificationError,
  MissingCredentialError,
  MissingDependencyError,
  OAuthError,
  OAuthStateMismatchError,
  UnsupportedAuthFlowError,
} from '../../runtime/auth/index.js';
import { AuthenticationError } from '../../runtime/errors/errors.js';
import { isApiError, isApiwrightError } from '../../runtime/errors/guards.js';
import * as runtime from '../../runtime/index.js';
import { PaginationError, PaginationLoopError } from '../../runtime/pagination/pagination.js';

const oauthError = new OAuthError('refused', { status: 400, headers: new Headers(), oauthError: 'invalid_grant' });
const errors: [string, Error][] = [
  ['MissingCredentialError', new MissingCredentialError('m', { schemes: [], envVars: [] })],
  ['InvalidCredentialError', new InvalidCredentialError('m')],
  ['UnsupportedAuthFlowError', new UnsupportedAuthFlowError('m')],
  ['OAuthStateMismatchError', new OAuthStateMismatchError('m')],
  ['OAuthError', oauthError],
  ['JwtVerificationError', new JwtVerificationError('m', { reason: 'ALG_NONE' })],
  ['MissingDependencyError', new MissingDependencyError('m')],
  ['PaginationError', new PaginationError('m')],
  ['PaginationLoopError', new PaginationLoopError('m', { pagesRead: 2 })],
];

describe('isApiwrightError', () => {
  it.each(errors)('knows %s, as an instance and by name alone (another copy of the runtime)', (name, error) => {
    expect(isApiwrightError(error)).toBe(true);
    const foreign = Object.assign(new Error('from another realm'), { name });
    expect(isApiwrightError(foreign)).toBe(true);
  });

  it('still refuses plain errors', () => {
    expect(isApiwrightError(new TypeError('x'))).toBe(false);
    expect(isApiwrightError({ name: 'Error' })).toBe(false);
  });

  it('an OAuthError is an ApiError (an AuthenticationError with status and body)', () => {
    expect(oauthError).toBeInstanceOf(AuthenticationError);
    expect(isApiError(oauthError)).toBe(true);
    expect(isApiError(Object.assign(new Error('x'), { name: 'OAuthError' }))).toBe(true);
  });
});

describe('runtime/index.ts', () => {
  it.each([
    // pagination
    'PaginationError',
    'PaginationLoopError',
    'isPaginationError',
    'parseLinkHeader',
    // cache
    'createResponseCache',
    'createMemoryCacheStore',
    'hashIdentity',
    'CacheEntryMissingError',
    // batch
    'batch',
    'mapConcurrent',
    'BatchResultMismatchError',
    // binding, state
    'bindOperations',
    'createMemoryStateStore',
    // kept from before
    'createRuntimeClient',
    'ApiPromise',
    'ApiError',
    'isApiwrightError',
    'OAuthError',
    'verifyJwt',
    'parseRetryAfterMs',
    'RUNTIME_VERSION',
  ])('exports %s', (name) => {
    expect(runtime).toHaveProperty(name);
    expect((runtime as Record<string, unknown>)[name]).toBeDefined();
  });

  it('the type exports compile (checked by tsc) and fit together', () => {
    const limits: runtime.PaginationLimits = { maxItems: 1 };
    const cacheOptions: runtime.CacheOptions = { ttlMs: 1_000, store: runtime.createMemoryCacheStore() };
    const store: runtime.StateStore = runtime.createMemoryStateStore();
    const settled: runtime.Settled<number> = { status: 'fulfilled', value: 1 };
    type Page = { items: { id: string }[] };
    const item: runtime.PageItem<Page, ['items']> = { id: 'x' };
    expect([limits.maxItems, cacheOptions.ttlMs, typeof store.get, settled.status, item.id]).toEqual([
      1,
      1_000,
      'function',
      'fulfilled',
      'x',
    ]);
  });
});
