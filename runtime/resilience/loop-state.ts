/**
 * What the attempt loop (resilience.ts) carries from one named step to the next:
 * acquire → attempt → decide → finish / wait.
 */
import type { RequestContext } from '../client/descriptor.js';
import type { AttemptInfo, RequestInfo } from '../observe/observe.js';

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

/** What the observations of a call read from its state. */
type CallFacts = Pick<CallState, 'target' | 'who' | 'attempts'>;

/** The retry policy's decision after the deadline and the budget had their say. */
export interface LoopDecision {
  readonly retry: boolean;
  readonly reason: string;
  readonly delayMs: number;
  readonly deadlineHit: boolean;
  /** Set when the server asked for a wait longer than `maxRetryAfterMs`. */
  readonly waitTooLongMs?: number | undefined;
}

/*
 * The observer's records are written out field by field. On V8 11 (Node 20) an object literal that
 * spreads an object and then adds properties (`{ ...base, attempt }`) takes microseconds, each
 * added property a fresh hidden-class transition; these run on every call.
 */

/** The observation of one finished attempt. */
export function attemptInfo(
  call: CallFacts,
  attempt: number,
  durationMs: number,
  status: number | undefined,
  error: unknown,
  willRetry: boolean,
): AttemptInfo {
  const { target, who } = call;
  return {
    method: target.method,
    url: target.url,
    requestId: who.requestId,
    operation: who.operation,
    attempt,
    durationMs,
    status,
    error,
    willRetry,
  };
}

/** The observation of one finished logical request (all its attempts). */
export function requestInfo(call: CallFacts, durationMs: number, status: number | undefined, error: unknown): RequestInfo {
  const { target, who } = call;
  return {
    method: target.method,
    url: target.url,
    requestId: who.requestId,
    operation: who.operation,
    attempts: call.attempts,
    durationMs,
    status,
    error,
  };
}
