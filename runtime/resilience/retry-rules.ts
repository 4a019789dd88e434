/**
 * The retry part of the attempt loop (resilience.ts): the policy with its defaults, the decision
 * after each attempt, the backoff and the client's retry budget, behind one small interface so a
 * loop built without it (breaker or limiter alone) carries none of this code.
 */
import type { StateStore } from './state-store.js';
import {
  computeBackoffDelay,
  createRetryBudget,
  decideRetry,
  resolveRetryPolicy,
  type RetryDecision,
  type RetryDecisionInput,
  type RetryOptions,
  type RetryPolicy,
} from './retry.js';
import { shareRetryBudget, type AsyncRetryBudget } from '../stores/shared-retry-budget.js';

export interface RetryRules {
  /** The `retry` option with its defaults applied. */
  readonly policy: RetryPolicy;
  /** Whether attempt `retriesSoFar + 1` may be followed by another (retry.ts `decideRetry`; pass `policy`). */
  decide(input: RetryDecisionInput): RetryDecision;
  /** Backoff before retry number `retryIndex` (0 = first retry), full jitter. */
  backoffMs(retryIndex: number): number;
  /** One budget per client, shared by every replica when the state store can hold it. */
  readonly budget: AsyncRetryBudget;
}

/** Builds the retry rules of one client from its `retry` option. */
export type RetrySupport = (options: RetryOptions | false | undefined, store: StateStore, random: () => number) => RetryRules;

export const createRetryRules: RetrySupport = (options, store, random) => {
  const policy = resolveRetryPolicy(options);
  const budgetOptions = options === false ? false : options?.budget;
  return {
    policy,
    decide: decideRetry,
    backoffMs: (retryIndex) => computeBackoffDelay(retryIndex, policy, random),
    budget: shareRetryBudget(createRetryBudget(budgetOptions), store, budgetOptions),
  };
};
