/**
 * What a client without the retry, breaker and limiter parts (client/parts.ts) sends a call
 * through: one attempt, reported to the observer like the attempt loop's last one.
 */
import type { Clock } from '../client/descriptor.js';
import type { Observer } from '../observe/observe.js';
import type { Resilience } from './resilience.js';
import { attemptInfo, requestInfo } from './loop-state.js';

export function createSingleAttempt(clock: Clock, observer: Observer): Resilience {
  return {
    async execute(ctx, target, attempt) {
      if (observer.request === undefined && observer.attempt === undefined) return attempt(1);
      const call = { ctx, target, who: { requestId: ctx.requestId, operation: ctx.operation.id }, attempts: 1 };
      const started = clock.now();
      let status: number | undefined;
      let error: unknown;
      try {
        const response = await attempt(1);
        status = response.status;
        return response;
      } catch (thrown) {
        error = thrown;
        throw thrown;
      } finally {
        const durationMs = clock.now() - started;
        observer.attempt?.(attemptInfo(call, 1, durationMs, status, error, false));
        observer.request?.(requestInfo(call, durationMs, status, error));
      }
    },
  };
}
