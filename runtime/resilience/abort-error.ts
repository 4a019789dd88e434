/** The caller's abort, seen by the attempt loop, as the typed error the caller gets. */
import type { RequestContext } from '../client/descriptor.js';
import { isTimeoutReason } from '../errors/abort-reason.js';
import { AbortError, ApiwrightError, TimeoutError } from '../errors/errors.js';
import { isAbortError, isTimeoutError } from '../errors/guards.js';

/** The caller's abort as a typed error; a TimeoutError when the caller's signal was a timeout. */
export function abortErrorOf(ctx: RequestContext, cause: unknown): Error {
  const reason: unknown = ctx.signal?.reason ?? cause;
  const timedOut = isTimeoutReason(reason);
  // The transport's own AbortError / TimeoutError already says what was cut off and where; it is
  // kept when it agrees with the signal (the limiter's queue only knows "aborted", not why).
  if (cause instanceof ApiwrightError && (timedOut ? isTimeoutError(cause) : isAbortError(cause))) return cause;
  const who = { requestId: ctx.requestId, operation: ctx.operation.id, cause: reason };
  if (timedOut) return new TimeoutError('Request timed out (caller signal)', who);
  return new AbortError('Request aborted', who);
}
