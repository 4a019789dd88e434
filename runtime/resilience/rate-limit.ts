/**
 * Client-side rate limiting per key (by default the origin): a token bucket checked before each
 * attempt, with a FIFO queue of waiters, plus pauses learned from responses.
 *
 * - Bucket (only when `requestsPerSecond` is set): holds up to `burst` tokens, refills at
 *   `requestsPerSecond`; each attempt takes one. So any window of W ms admits at most
 *   burst + requestsPerSecond · W / 1000 attempts.
 * - Learning (on by default, also when no bucket is configured; `learnFromHeaders: false` turns it
 *   off): a response whose RateLimit / X-RateLimit-* fields say no request is left pauses the key
 *   until the reset, and a 429 with a Retry-After (or reset) pauses it for every caller — for at most
 *   `maxLearnedPauseMs` (default 60,000).
 * - A waiter is refused with RateLimitError as soon as it is clear it would wait past `maxWaitMs`
 *   (default 60,000), and with TimeoutError when it would pass the request's deadline. The
 *   RateLimitError has `status` 0: no HTTP exchange took place (the fetch convention for "no
 *   response"), empty headers, a null body, and `retryAfterMs` = the earliest time it could go.
 *
 * Bucket state lives in the StateStore (`rl:<key>`, no TTL: the store's LRU bound evicts idle keys,
 * and a missing record is a full bucket); the FIFO queue is local to this process.
 */
import { AbortError, RateLimitError, TimeoutError } from '../errors/errors.js';
import { readRateLimitHeaders, readServerWaitMs } from './retry-after.js';
import { isRecord, readNumber, updateState, type StateStore } from './state-store.js';
import type { Clock } from '../client/descriptor.js';
import type { AcquireOptions, RateLimitNotice } from './rate-limit-types.js';

export type { AcquireOptions, RateLimitNotice } from './rate-limit-types.js';
import { sharedStateOf } from '../stores/shared-state.js';
import { acquireShared } from '../stores/shared-rate-limit.js';

export interface RateLimitOptions {
  /** Sustained rate. Without it there is no bucket, only learned pauses. */
  requestsPerSecond?: number | undefined;
  /** Bucket size: attempts allowed at once after idling. Default max(1, requestsPerSecond). */
  burst?: number | undefined;
  /** Longest a request waits in the queue before RateLimitError. Default 60,000. */
  maxWaitMs?: number | undefined;
  /** Pause on exhausted-quota headers and on 429 waits. Default true. */
  learnFromHeaders?: boolean | undefined;
  /**
   * Longest pause learned from one response. Default 60,000, the same bound as `maxRetryAfterMs`:
   * a server asking for days fails that call at once (RateLimitError), and must not block the whole
   * origin for days either.
   */
  maxLearnedPauseMs?: number | undefined;
  /** Which bucket a request belongs to. Default: its URL's origin. */
  keyOf?: ((target: { method: string; url: URL }) => string) | undefined;
}

export interface RateLimiter {
  /** Resolves when an attempt may be sent; rejects with RateLimitError, TimeoutError or AbortError. */
  acquire(key: string, options?: AcquireOptions): Promise<void>;
  /** Learns from a response's status and headers. */
  learn(key: string, status: number, headers: Headers): Promise<void>;
}

export interface RateLimiterDeps {
  clock: Clock;
  store: StateStore;
  /** Told when a request has to wait or is refused. */
  onLimited?: ((notice: RateLimitNotice) => void) | undefined;
}

interface BucketRecord {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
}

interface Waiter {
  readonly enqueuedAt: number;
  readonly options: AcquireOptions;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  notified: boolean;
  cleanup: () => void;
}

interface KeyQueue {
  waiters: Waiter[];
  running: boolean;
  wake: AbortController | undefined;
}

const EPSILON = 1e-9;

export function createRateLimiter(options: RateLimitOptions, deps: RateLimiterDeps): RateLimiter {
  const rps = options.requestsPerSecond !== undefined && options.requestsPerSecond > 0 ? options.requestsPerSecond : undefined;
  const burst = rps === undefined ? Infinity : Math.max(1, options.burst ?? rps);
  const interval = rps === undefined ? 0 : 1000 / rps;
  const maxWaitMs = Math.max(0, options.maxWaitMs ?? 60_000);
  const learning = options.learnFromHeaders !== false;
  const maxLearnedPauseMs = Math.max(0, options.maxLearnedPauseMs ?? 60_000);
  const queues = new Map<string, KeyQueue>();
  const storeKey = (key: string): string => `rl:${key}`;

  const read = (value: unknown, now: number): BucketRecord => {
    const rec = isRecord(value) ? value : {};
    const tokens = readNumber(rec, 'tokens', burst === Infinity ? 0 : burst);
    const updatedAt = readNumber(rec, 'updatedAt', now);
    const refilled = rps === undefined ? 0 : Math.min(burst, tokens + ((now - updatedAt) * rps) / 1000);
    return { tokens: Math.max(0, refilled), updatedAt: now, pausedUntil: readNumber(rec, 'pausedUntil', 0) };
  };

  /** Takes a token if one is free; otherwise says how long until the head of the queue may go. */
  const take = async (key: string): Promise<number> => {
    const now = deps.clock.now();
    let waitMs = 0;
    await updateState(deps.store, storeKey(key), (value) => {
      const rec = read(value, now);
      if (now < rec.pausedUntil) waitMs = rec.pausedUntil - now;
      else if (rps === undefined) waitMs = 0;
      else if (rec.tokens >= 1 - EPSILON) {
        rec.tokens = Math.max(0, rec.tokens - 1);
        waitMs = 0;
      } else waitMs = Math.ceil(((1 - rec.tokens) * 1000) / rps);
      return rec;
    });
    return waitMs;
  };

  const notify = (key: string, w: Waiter, waitMs: number, rejected: boolean): void => {
    try {
      deps.onLimited?.({ key, waitMs, rejected, requestId: w.options.requestId, operation: w.options.operation });
    } catch {
      // Observers never break the limiter.
    }
  };

  /** Drops waiters that cannot be admitted in time; `waitMs` is the head's wait, a lower bound for all. */
  const weed = (key: string, q: KeyQueue, waitMs: number): void => {
    const now = deps.clock.now();
    const kept: Waiter[] = [];
    for (const w of q.waiters) {
      // Tokens never exceed `burst`, so the n-th waiter goes no sooner than this.
      const eta = now + waitMs + Math.max(0, kept.length + 1 - burst) * interval;
      if (eta - w.enqueuedAt > maxWaitMs) {
        const error = new RateLimitError(
          `Client-side rate limit for ${key}: would wait ${Math.ceil(eta - w.enqueuedAt)} ms (maxWaitMs ${maxWaitMs})`,
          {
            status: 0,
            headers: new Headers(),
            body: null,
            requestId: w.options.requestId,
            operation: w.options.operation,
          },
        );
        error.retryAfterMs = Math.ceil(eta - now);
        notify(key, w, eta - now, true);
        w.cleanup();
        w.reject(error);
      } else if (w.options.deadline !== undefined && eta > w.options.deadline) {
        w.cleanup();
        w.reject(
          new TimeoutError(`Deadline passes while waiting for the rate limiter of ${key}`, {
            requestId: w.options.requestId,
            operation: w.options.operation,
          }),
        );
      } else {
        if (!w.notified && waitMs > 0) {
          w.notified = true;
          notify(key, w, eta - now, false);
        }
        kept.push(w);
      }
    }
    q.waiters = kept;
  };

  const pump = async (key: string, q: KeyQueue): Promise<void> => {
    q.running = true;
    try {
      while (q.waiters.length > 0) {
        const waitMs = await take(key);
        if (waitMs <= 0) {
          const head = q.waiters.shift();
          if (head === undefined) {
            // The head left (aborted) while the token was taken: nothing to give it back to but time.
            continue;
          }
          head.cleanup();
          head.resolve();
          continue;
        }
        weed(key, q, waitMs);
        if (q.waiters.length === 0) break;
        q.wake = new AbortController();
        await deps.clock.sleep(waitMs, q.wake.signal).catch(() => undefined);
        q.wake = undefined;
      }
    } catch (error) {
      // The store failed: every queued caller hears about it rather than waiting forever.
      for (const w of q.waiters.splice(0)) {
        w.cleanup();
        w.reject(error);
      }
    } finally {
      q.running = false;
      if (q.waiters.length === 0) queues.delete(key);
    }
  };

  /** The process's own bucket and FIFO queue (no shared store, or it cannot answer). */
  const acquireLocal = (key: string, acquireOptions: AcquireOptions): Promise<void> => {
    const signal = acquireOptions.signal;
    if (signal?.aborted) {
      return Promise.reject(new AbortError('Request aborted', { requestId: acquireOptions.requestId, cause: signal.reason }));
    }
    let q = queues.get(key);
    if (q === undefined) {
      q = { waiters: [], running: false, wake: undefined };
      queues.set(key, q);
    }
    const queue = q;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.waiters.indexOf(waiter);
        if (index >= 0) queue.waiters.splice(index, 1);
        reject(
          new AbortError('Request aborted while waiting for the rate limiter', {
            requestId: acquireOptions.requestId,
            cause: signal?.reason,
          }),
        );
        queue.wake?.abort();
      };
      const waiter: Waiter = {
        enqueuedAt: deps.clock.now(),
        options: acquireOptions,
        resolve,
        reject,
        notified: false,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiters.push(waiter);
      if (!queue.running) void pump(key, queue);
    });
  };

  /**
   * Without a token bucket only a learned pause can hold a caller back: with nobody queued and no
   * pause, the caller goes at once (one store read), as the queue would have let it, without a
   * waiter, a listener and a pump turn per call.
   */
  const acquireUnmetered = async (key: string, acquireOptions: AcquireOptions): Promise<void> => {
    if (!queues.has(key) && !acquireOptions.signal?.aborted) {
      const value = await deps.store.get(storeKey(key));
      const pausedUntil = isRecord(value) ? readNumber(value, 'pausedUntil', 0) : 0;
      if (deps.clock.now() >= pausedUntil && !queues.has(key)) return;
    }
    return acquireLocal(key, acquireOptions);
  };

  return {
    acquire(key, acquireOptions = {}) {
      // Shared store (runtime/stores): one GCRA reservation script per acquire across the fleet.
      const shared = sharedStateOf(deps.store)?.rateLimit;
      if (shared === undefined)
        return rps === undefined ? acquireUnmetered(key, acquireOptions) : acquireLocal(key, acquireOptions);
      const settings = { intervalMs: interval, burst, maxWaitMs, clock: deps.clock, onLimited: deps.onLimited };
      return acquireShared(shared, key, acquireOptions, settings, () => acquireLocal(key, acquireOptions));
    },

    async learn(key, status, headers) {
      if (!learning) return;
      const now = deps.clock.now();
      let pauseMs = 0;
      const quota = readRateLimitHeaders(headers, now);
      if (quota.remaining === 0 && quota.resetInMs !== undefined) pauseMs = quota.resetInMs;
      if (status === 429) pauseMs = Math.max(pauseMs, readServerWaitMs(headers, status, now) ?? 0);
      pauseMs = Math.min(pauseMs, maxLearnedPauseMs);
      if (pauseMs <= 0) return;
      // Shared store (runtime/stores): the pause reaches every replica; local state otherwise.
      const shared = await sharedStateOf(deps.store)?.rateLimit?.pause(key, pauseMs);
      if (shared === undefined)
        await updateState(deps.store, storeKey(key), (value) => {
          const current = read(value, now);
          return Object.assign({}, current, { pausedUntil: Math.max(current.pausedUntil, now + pauseMs) });
        });
      queues.get(key)?.wake?.abort();
    },
  };
}
