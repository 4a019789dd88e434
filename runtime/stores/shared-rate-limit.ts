/**
 * The rate limiter's acquire when the state store is shared: one reservation script per acquire
 * (lua.ts RATE_RESERVE) books the caller's slot fleet-wide, then the caller sleeps until it. The
 * fleet's queue is the order of reservations in Redis, so no replica polls and no slot is lost to
 * contention. Refusals and waits are reported like the local limiter's; when the store cannot
 * answer, `local()` (the process's own bucket and queue) decides instead.
 */
import { AbortError, RateLimitError, TimeoutError } from '../errors/errors.js';
import type { Clock } from '../client/descriptor.js';
import type { AcquireOptions, RateLimitNotice } from '../resilience/rate-limit-types.js';
import type { SharedRateLimit } from './shared-state.js';

export interface SharedAcquireSettings {
  intervalMs: number;
  burst: number;
  maxWaitMs: number;
  clock: Clock;
  onLimited?: ((notice: RateLimitNotice) => void) | undefined;
}

export async function acquireShared(
  shared: SharedRateLimit,
  key: string,
  options: AcquireOptions,
  settings: SharedAcquireSettings,
  local: () => Promise<void>,
): Promise<void> {
  const who = { requestId: options.requestId, operation: options.operation };
  const notify = (waitMs: number, rejected: boolean): void => {
    try {
      settings.onLimited?.({ key, waitMs, rejected, ...who });
    } catch {
      // Observers never break the limiter.
    }
  };
  if (options.signal?.aborted === true) {
    throw new AbortError('Request aborted', { requestId: options.requestId, cause: options.signal.reason });
  }
  const now = settings.clock.now();
  const untilDeadline = options.deadline === undefined ? Infinity : Math.max(0, options.deadline - now);
  const reply = await shared.reserve(key, settings.intervalMs, settings.burst, Math.min(settings.maxWaitMs, untilDeadline));
  if (reply === undefined) return local();
  if (reply < 0) {
    const waitMs = -reply;
    if (waitMs > settings.maxWaitMs) {
      const error = new RateLimitError(
        `Client-side rate limit for ${key}: would wait ${waitMs} ms (maxWaitMs ${settings.maxWaitMs})`,
        { status: 0, headers: new Headers(), body: null, ...who },
      );
      error.retryAfterMs = waitMs;
      notify(waitMs, true);
      throw error;
    }
    throw new TimeoutError(`Deadline passes while waiting for the rate limiter of ${key}`, who);
  }
  if (reply === 0) return;
  notify(reply, false);
  try {
    await settings.clock.sleep(reply, options.signal);
  } catch (cause) {
    // The reserved slot goes unused: the fleet sends less, never more.
    throw new AbortError('Request aborted while waiting for the rate limiter', {
      requestId: options.requestId,
      cause: options.signal?.reason ?? cause,
    });
  }
}
