/**
 * A circuit breaker per key (by default the request's origin): CLOSED → OPEN → HALF_OPEN.
 *
 * - CLOSED trips to OPEN after `failureThreshold` consecutive failures, or when at least
 *   `minimumCalls` calls in the rolling `windowMs` failed at `failureRateThreshold` or more.
 * - OPEN fails fast (CircuitOpenError with the time left) until `resetTimeoutMs` has passed since it
 *   opened, then the next caller becomes a probe and the state is HALF_OPEN.
 * - HALF_OPEN admits exactly `halfOpenMaxCalls` probes; a probe failure reopens with a fresh
 *   cool-down, `halfOpenMaxCalls` probe successes close it.
 *
 * Every permit carries the generation (one per state entered) it was issued in, and results of
 * older generations are ignored: failures of calls admitted before the breaker opened cannot
 * restart its cool-down, and a late success from before cannot close a half-open breaker.
 * State lives in a StateStore and changes only through atomic updates, so concurrent callers (or
 * processes sharing a store) never admit more probes than allowed.
 */
import { CircuitOpenError } from '../errors/errors.js';
import type { CircuitState } from '../observe/observe.js';
import { isRecord, readNumber, updateState, type StateStore } from './state-store.js';
import type { Clock } from '../client/descriptor.js';
import { sharedStateOf, type SharedBreakerAdmission, type SharedBreakerSettings } from '../stores/shared-state.js';

export type { CircuitState } from '../observe/observe.js';

export interface CircuitStateChange {
  key: string;
  from: CircuitState;
  to: CircuitState;
  /** Clock time of the change. */
  at: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number | undefined;
  /** Time OPEN before a probe is let through. Default 30,000. */
  resetTimeoutMs?: number | undefined;
  /** Failure ratio in the rolling window that opens the circuit. Default 0.5. */
  failureRateThreshold?: number | undefined;
  /** Rolling window length for the ratio. Default 60,000. */
  windowMs?: number | undefined;
  /** Calls the window needs before the ratio counts. Default 10. */
  minimumCalls?: number | undefined;
  /** Probes admitted while HALF_OPEN. Default 1. */
  halfOpenMaxCalls?: number | undefined;
  /** Which breaker a request belongs to. Default: its URL's origin. */
  keyOf?: ((target: { method: string; url: URL }) => string) | undefined;
  /** Called on every state change; exceptions are swallowed. */
  onStateChange?: ((change: CircuitStateChange) => void) | undefined;
}

export interface CircuitPermit {
  readonly key: string;
  readonly generation: number;
  readonly probe: boolean;
}

/** How an attempt counts: 5xx, timeouts and connection errors fail; 4xx succeed; aborts are ignored. */
export type CircuitVerdict = 'success' | 'failure' | 'ignore';

export interface CircuitBreaker {
  /** Admits a call or throws CircuitOpenError. */
  acquire(key: string, init?: { requestId?: string | undefined; operation?: string | undefined }): Promise<CircuitPermit>;
  record(permit: CircuitPermit, verdict: CircuitVerdict): Promise<void>;
  state(key: string): Promise<CircuitState>;
}

export interface CircuitBreakerDeps {
  clock: Clock;
  store: StateStore;
  random: () => number;
  /** Observer hook, called after `options.onStateChange`. */
  onChange?: ((change: CircuitStateChange) => void) | undefined;
}

interface BreakerRecord {
  state: CircuitState;
  generation: number;
  consecutiveFailures: number;
  openUntil: number;
  halfOpenAt: number;
  probes: number;
  probeSuccesses: number;
  /** Rolling window as [bucket start, calls, failures], ten buckets of windowMs / 10. */
  buckets: Array<[number, number, number]>;
}

/** The options with every default applied; the shared store's script reads the same settings. */
type Settings = SharedBreakerSettings;

function resolveSettings(o: CircuitBreakerOptions): Settings {
  const pick = (v: number | undefined, fallback: number, min: number): number =>
    v !== undefined && Number.isFinite(v) && v >= min ? v : fallback;
  return {
    failureThreshold: pick(o.failureThreshold, 5, 1),
    resetTimeoutMs: pick(o.resetTimeoutMs, 30_000, 0),
    failureRateThreshold: pick(o.failureRateThreshold, 0.5, 0),
    windowMs: pick(o.windowMs, 60_000, 1),
    minimumCalls: pick(o.minimumCalls, 10, 1),
    halfOpenMaxCalls: Math.floor(pick(o.halfOpenMaxCalls, 1, 1)),
  };
}

/**
 * Records this process built: never mutated (every transition makes a new one), so reading one back
 * from an in-memory store needs no validation and no copy — that was two array copies per call.
 */
const ownRecords = new WeakSet<object>();

function own(record: BreakerRecord): BreakerRecord {
  ownRecords.add(record);
  return record;
}

/**
 * A copy of `rec` with `change` applied, written out field by field: on V8 11 (Node 20)
 * `{ ...rec, field }` costs microseconds, and the breaker updates its record on every call.
 */
function changed(rec: BreakerRecord, change: Partial<BreakerRecord>): BreakerRecord {
  return {
    state: change.state ?? rec.state,
    generation: change.generation ?? rec.generation,
    consecutiveFailures: change.consecutiveFailures ?? rec.consecutiveFailures,
    openUntil: change.openUntil ?? rec.openUntil,
    halfOpenAt: change.halfOpenAt ?? rec.halfOpenAt,
    probes: change.probes ?? rec.probes,
    probeSuccesses: change.probeSuccesses ?? rec.probeSuccesses,
    buckets: change.buckets ?? rec.buckets,
  };
}

function readRecord(value: unknown, fresh: () => BreakerRecord): BreakerRecord {
  if (typeof value === 'object' && value !== null && ownRecords.has(value)) return value as BreakerRecord;
  if (!isRecord(value)) return fresh();
  const state = value['state'];
  if (state !== 'closed' && state !== 'open' && state !== 'half_open') return fresh();
  const buckets = Array.isArray(value['buckets'])
    ? value['buckets'].filter(
        (b): b is [number, number, number] => Array.isArray(b) && b.length === 3 && b.every((n) => typeof n === 'number'),
      )
    : [];
  return {
    state,
    generation: readNumber(value, 'generation', 0),
    consecutiveFailures: readNumber(value, 'consecutiveFailures', 0),
    openUntil: readNumber(value, 'openUntil', 0),
    halfOpenAt: readNumber(value, 'halfOpenAt', 0),
    probes: readNumber(value, 'probes', 0),
    probeSuccesses: readNumber(value, 'probeSuccesses', 0),
    buckets: buckets.map((b) => [b[0], b[1], b[2]]),
  };
}

export function createCircuitBreaker(options: CircuitBreakerOptions, deps: CircuitBreakerDeps): CircuitBreaker {
  const s = resolveSettings(options);
  const bucketMs = s.windowMs / 10;
  const storeKey = (key: string): string => `cb:${key}`;
  // A random first generation keeps permits from an evicted or expired record from matching a new one.
  const fresh = (): BreakerRecord => ({
    state: 'closed',
    generation: Math.floor(deps.random() * 2 ** 30),
    consecutiveFailures: 0,
    openUntil: 0,
    halfOpenAt: 0,
    probes: 0,
    probeSuccesses: 0,
    buckets: [],
  });

  const emit = (key: string, from: CircuitState, to: CircuitState, at: number): void => {
    const change = { key, from, to, at };
    for (const listener of [options.onStateChange, deps.onChange]) {
      try {
        listener?.(change);
      } catch {
        // Listeners observe; they cannot break the breaker.
      }
    }
  };

  const enter = (rec: BreakerRecord, to: CircuitState, now: number, probes = 0): BreakerRecord => ({
    state: to,
    generation: rec.generation + 1,
    consecutiveFailures: 0,
    openUntil: to === 'open' ? now + s.resetTimeoutMs : 0,
    halfOpenAt: to === 'half_open' ? now : 0,
    probes,
    probeSuccesses: 0,
    buckets: [],
  });

  const shouldTrip = (rec: BreakerRecord): boolean => {
    if (rec.consecutiveFailures >= s.failureThreshold) return true;
    let calls = 0;
    let failures = 0;
    for (const [, c, f] of rec.buckets) {
      calls += c;
      failures += f;
    }
    return calls >= s.minimumCalls && failures / calls >= s.failureRateThreshold;
  };

  const count = (rec: BreakerRecord, failed: boolean, now: number): BreakerRecord => {
    const start = Math.floor(now / bucketMs) * bucketMs;
    const horizon = now - s.windowMs;
    // One pass, no destructuring: this runs on every call the breaker guards.
    const buckets: Array<[number, number, number]> = [];
    let current: [number, number, number] = [start, 0, 0];
    for (const bucket of rec.buckets) {
      if (bucket[0] === start) current = bucket;
      else if (bucket[0] > horizon) buckets.push(bucket);
    }
    buckets.push([start, current[1] + 1, current[2] + (failed ? 1 : 0)]);
    return changed(rec, { buckets, consecutiveFailures: failed ? rec.consecutiveFailures + 1 : 0 });
  };

  // Shared store (runtime/stores): the same transitions run as one atomic script per call there.
  const shared = (): ReturnType<typeof sharedStateOf> => sharedStateOf(deps.store);
  const admitShared = (
    key: string,
    a: SharedBreakerAdmission,
    init: { requestId?: string | undefined; operation?: string | undefined },
  ): CircuitPermit => {
    if (a.change !== null) emit(key, a.change[0], a.change[1], deps.clock.now());
    if (a.admitted) return { key, generation: a.generation, probe: a.probe };
    throw new CircuitOpenError(`Circuit open for ${key}; retry in ${Math.ceil(a.retryAfterMs)} ms`, {
      retryAfterMs: a.retryAfterMs,
      requestId: init.requestId,
      operation: init.operation,
    });
  };

  return {
    async acquire(key, init = {}) {
      const sharedBreaker = shared()?.breaker;
      if (sharedBreaker !== undefined) {
        const admission = await sharedBreaker.acquire(key, s, fresh().generation);
        if (admission !== undefined) return admitShared(key, admission, init);
      }
      let permit: CircuitPermit | undefined;
      let retryAfterMs = 0;
      let change: [CircuitState, CircuitState] | undefined;
      const now = deps.clock.now();
      const admit = (rec: BreakerRecord): BreakerRecord => {
        permit = undefined;
        change = undefined;
        if (rec.state === 'closed') {
          permit = { key, generation: rec.generation, probe: false };
          return rec;
        }
        if (rec.state === 'open') {
          if (now < rec.openUntil) {
            retryAfterMs = rec.openUntil - now;
            return rec;
          }
          const next = enter(rec, 'half_open', now, 1);
          change = ['open', 'half_open'];
          permit = { key, generation: next.generation, probe: true };
          return next;
        }
        // HALF_OPEN. Probes that never report back (caller vanished) must not wedge the breaker.
        if (now - rec.halfOpenAt >= s.resetTimeoutMs) {
          const next = enter(rec, 'half_open', now, 1);
          permit = { key, generation: next.generation, probe: true };
          return next;
        }
        if (rec.probes < s.halfOpenMaxCalls) {
          permit = { key, generation: rec.generation, probe: true };
          return changed(rec, { probes: rec.probes + 1 });
        }
        retryAfterMs = rec.halfOpenAt + s.resetTimeoutMs - now;
        return rec;
      };
      await updateState(deps.store, storeKey(key), (value) => own(admit(readRecord(value, fresh))));
      if (change !== undefined) emit(key, change[0], change[1], now);
      if (permit !== undefined) return permit;
      throw new CircuitOpenError(`Circuit open for ${key}; retry in ${Math.ceil(retryAfterMs)} ms`, {
        retryAfterMs,
        requestId: init.requestId,
        operation: init.operation,
      });
    },

    async record(permit, verdict) {
      const sharedBreaker = shared()?.breaker;
      const recorded =
        sharedBreaker === undefined ? undefined : await sharedBreaker.record(permit.key, permit, verdict, s, fresh().generation);
      if (recorded !== undefined) {
        if (recorded.change !== null) emit(permit.key, recorded.change[0], recorded.change[1], deps.clock.now());
        return;
      }
      const now = deps.clock.now();
      let change: [CircuitState, CircuitState] | undefined;
      const settle = (rec: BreakerRecord): BreakerRecord => {
        change = undefined;
        if (rec.generation !== permit.generation || verdict === 'ignore') {
          // A probe that ends without a verdict (aborted) frees its slot for another caller.
          if (verdict === 'ignore' && permit.probe && rec.generation === permit.generation && rec.state === 'half_open') {
            return changed(rec, { probes: Math.max(0, rec.probes - 1) });
          }
          return rec;
        }
        if (rec.state === 'closed') {
          const counted = count(rec, verdict === 'failure', now);
          if (verdict === 'failure' && shouldTrip(counted)) {
            change = ['closed', 'open'];
            return enter(counted, 'open', now);
          }
          return counted;
        }
        if (rec.state === 'half_open') {
          if (verdict === 'failure') {
            change = ['half_open', 'open'];
            return enter(rec, 'open', now);
          }
          const successes = rec.probeSuccesses + 1;
          if (successes >= s.halfOpenMaxCalls) {
            change = ['half_open', 'closed'];
            return enter(rec, 'closed', now);
          }
          return changed(rec, { probeSuccesses: successes });
        }
        return rec;
      };
      await updateState(deps.store, storeKey(permit.key), (value) => own(settle(readRecord(value, fresh))));
      if (change !== undefined) emit(permit.key, change[0], change[1], now);
    },

    async state(key) {
      const sharedState = await shared()?.breaker?.state(key);
      if (sharedState !== undefined) return sharedState;
      const rec = readRecord(await deps.store.get(storeKey(key)), fresh);
      return rec.state;
    },
  };
}
