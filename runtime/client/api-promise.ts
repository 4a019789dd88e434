/**
 * What every generated operation returns: awaitable for the data, with `.withResponse()` for the raw
 * Response and `.safe()` for a result object instead of a throw. The request starts at once, exactly
 * once, however many of these are called. Subclass it to add more ways to consume the same call
 * (pagination adds async iteration): `result` and `execute` are there for that.
 */
import { ApiwrightError, type ApiError } from '../errors/errors.js';
import { isApiwrightError } from '../errors/guards.js';

export interface ApiResult<T> {
  data: T;
  response: Response;
  /** The request id sent with the request (same on every attempt). */
  requestId: string;
}

export type SafeResult<T, E = unknown> =
  { ok: true; data: T; response: Response; requestId: string } | { ok: false; error: ApiError<E> | ApiwrightError };

export class ApiPromise<T, E = unknown> implements PromiseLike<T> {
  /** The one in-flight request behind every way of consuming this call. */
  protected readonly result: Promise<ApiResult<T>>;

  /** `execute` runs now, once. */
  constructor(protected readonly execute: () => Promise<ApiResult<T>>) {
    let started: Promise<ApiResult<T>>;
    try {
      started = execute();
    } catch (error) {
      // Whatever `execute` threw synchronously is rethrown as is, so callers see the runtime's own errors.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      started = Promise.reject(error);
    }
    this.result = started;
  }

  get [Symbol.toStringTag](): string {
    return 'ApiPromise';
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then((value) => value).finally(onfinally);
  }

  /** The data together with the Response (its body already read) and the request id. */
  withResponse(): Promise<ApiResult<T>> {
    return this.result.then((r) => ({ data: r.data, response: r.response, requestId: r.requestId }));
  }

  /** Never rejects: `{ ok: true, data, response }` or `{ ok: false, error }`. */
  safe(): Promise<SafeResult<T, E>> {
    return this.result.then(
      (r): SafeResult<T, E> => ({ ok: true, data: r.data, response: r.response, requestId: r.requestId }),
      (error: unknown): SafeResult<T, E> => ({
        ok: false,
        error: isApiwrightError(error)
          ? (error as ApiError<E> | ApiwrightError)
          : new ApiwrightError(error instanceof Error ? error.message : 'Request failed', { cause: error }),
      }),
    );
  }
}
