/**
 * What the attempt loop (resilience.ts) carries from one named step to the next:
 * acquire → attempt → decide → finish / wait.
 */
import type { RequestContext } from '../client/descriptor.js';
import type { RetryDecision } from './retry.js';

/** What one attempt of a request looks like, for logs and per-origin state. */
export interface AttemptTarget {
  method: string;
  url: URL;
}

/** What the loop knows about one logical request while it runs. */
export interface CallState {
  readonly ctx: RequestContext;
  readonly target: AttemptTarget;
  readonly who: { requestId: string; operation: string };
  readonly base: { method: string; url: URL; requestId: string; operation: string };
  readonly breakerKey: string;
  readonly limiterKey: string;
  /** Attempts started so far. */
  attempts: number;
  /** The one `request` observation of the call, on success or failure. */
  readonly report: (status: number | undefined, error: unknown) => void;
}

/** What one attempt produced: a Response or the error it rejected with. */
export interface AttemptResult {
  readonly response: Response | undefined;
  readonly error: unknown;
  readonly durationMs: number;
}

/** The retry policy's decision after the deadline and the budget had their say. */
export type LoopDecision = RetryDecision & { readonly delayMs: number; readonly deadlineHit: boolean };

/** A decision not to try again: what `finish` turns into the call's outcome. */
export type FinalDecision = Extract<LoopDecision, { readonly retry: false }>;
