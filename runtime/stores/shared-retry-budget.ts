/**
 * The retry budget of one client, shared by every replica when the state store can (one token
 * bucket in Redis instead of one per process). Refills are batched: successes add up locally and
 * are sent once they make a whole token, so a success costs no round trip most of the time.
 * When the store cannot answer, the process's own budget decides (it is kept up to date too).
 */
import type { RetryBudget, RetryBudgetOptions } from '../resilience/retry.js';
import type { StateStore } from '../resilience/state-store.js';
import { sharedStateOf } from './shared-state.js';

export interface AsyncRetryBudget {
  /** Takes one token for a retry; false (nothing taken) when fewer than one is left. */
  trySpend(): Promise<boolean>;
  /** Counts a successful attempt (refills in the background; never rejects). */
  recordSuccess(): void;
}

const BUDGET_KEY = 'client';

export function shareRetryBudget(
  local: RetryBudget,
  store: StateStore,
  options: RetryBudgetOptions | false | undefined,
): AsyncRetryBudget {
  const shared = sharedStateOf(store)?.retryBudget;
  if (shared === undefined || options === false) {
    return { trySpend: () => Promise.resolve(local.trySpend()), recordSuccess: () => local.recordSuccess() };
  }
  const capacity = Math.max(0, options?.capacity ?? 10);
  const refillPerSuccess = Math.max(0, options?.refillPerSuccess ?? 0.1);
  let pending = 0;
  let flushing = false;
  return {
    async trySpend() {
      const taken = await shared.spend(BUDGET_KEY, capacity);
      if (taken === undefined) return local.trySpend();
      return taken;
    },
    recordSuccess() {
      local.recordSuccess();
      pending = Math.round((pending + refillPerSuccess) * 1e9) / 1e9;
      if (pending < 1 || flushing) return;
      const amount = pending;
      pending = 0;
      flushing = true;
      void shared
        .refill(BUDGET_KEY, amount, capacity)
        .catch(() => undefined)
        .finally(() => {
          flushing = false;
        });
    },
  };
}
