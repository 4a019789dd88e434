/**
 * In-process metrics fed by the observer's event stream. Counters are exact; latency percentiles
 * come from a bounded ring buffer of the most recent requests (default 1,024), so memory stays
 * constant however long the client lives. Export elsewhere (OpenTelemetry, Prometheus) through
 * the `onEvent` hook instead of polling this.
 */
import type { CircuitState, ObserveEvent } from './events.js';

export interface LatencySummary {
  /** Requests the percentiles are computed over (at most the reservoir size). */
  count: number;
  /** Mean over every request since the client was created. */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface MetricsSnapshot {
  /** Logical requests completed (one per call, however many attempts it took). */
  requests: number;
  successes: number;
  failures: number;
  /** successes / requests; 1 when no request has completed. */
  successRate: number;
  /** Attempts sent (first tries plus retries). */
  attempts: number;
  /** Retries scheduled. */
  retries: number;
  /** Attempts that ended in a TimeoutError. */
  timeouts: number;
  /** Attempts answered 429, plus requests the client-side limiter delayed or refused. */
  rateLimitHits: number;
  circuitStateChanges: number;
  /** Times a shared state store stopped answering and local state took over. */
  stateStoreFallbacks: number;
  /** Last known breaker state per key (origin), for the most recent 100 keys. */
  circuitStates: Record<string, CircuitState>;
  /** Final failures per HTTP status (`"503"`) or, without a response, per error name (`"TimeoutError"`). */
  errorsByStatus: Record<string, number>;
  /** Responses whose body did not match the declared schema (validation `warn` or `strict`). */
  responseValidationFailures: number;
  /** End-to-end request latency in ms, retries and waits included. */
  latencyMs: LatencySummary;
}

export interface Metrics {
  record(event: ObserveEvent): void;
  snapshot(): MetricsSnapshot;
}

const MAX_CIRCUIT_KEYS = 100;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  // Nearest-rank method.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export function createMetrics(options: { reservoirSize?: number | undefined } = {}): Metrics {
  const size = Math.max(1, Math.floor(options.reservoirSize ?? 1024));
  const samples: number[] = [];
  let next = 0;
  let latencySum = 0;
  const counts = {
    requests: 0,
    successes: 0,
    attempts: 0,
    retries: 0,
    timeouts: 0,
    rateLimitHits: 0,
    circuitStateChanges: 0,
    responseValidationFailures: 0,
    stateStoreFallbacks: 0,
  };
  const errorsByStatus = new Map<string, number>();
  const circuitStates = new Map<string, CircuitState>();

  const addSample = (ms: number): void => {
    if (samples.length < size) samples.push(ms);
    else samples[next] = ms;
    next = (next + 1) % size;
    latencySum += ms;
  };

  return {
    record(event) {
      switch (event.type) {
        case 'attempt':
          counts.attempts += 1;
          if (event.error?.name === 'TimeoutError') counts.timeouts += 1;
          if (event.status === 429) counts.rateLimitHits += 1;
          break;
        case 'retry':
          counts.retries += 1;
          break;
        case 'rateLimited':
          if (event.source === 'client') counts.rateLimitHits += 1;
          break;
        case 'circuit':
          counts.circuitStateChanges += 1;
          circuitStates.delete(event.key);
          circuitStates.set(event.key, event.to);
          if (circuitStates.size > MAX_CIRCUIT_KEYS) {
            const oldest = circuitStates.keys().next();
            if (oldest.done !== true) circuitStates.delete(oldest.value);
          }
          break;
        case 'responseValidation':
          counts.responseValidationFailures += 1;
          break;
        case 'stateStore':
          if (event.status === 'fallback') counts.stateStoreFallbacks += 1;
          break;
        case 'request': {
          counts.requests += 1;
          addSample(event.durationMs);
          const failed = event.error !== undefined || (event.status !== undefined && event.status >= 400);
          if (!failed) {
            counts.successes += 1;
            break;
          }
          const key = event.status !== undefined && event.status > 0 ? String(event.status) : (event.error?.name ?? 'Error');
          errorsByStatus.set(key, (errorsByStatus.get(key) ?? 0) + 1);
          break;
        }
      }
    },
    snapshot() {
      const sorted = [...samples].sort((a, b) => a - b);
      return Object.assign({}, counts, {
        failures: counts.requests - counts.successes,
        successRate: counts.requests === 0 ? 1 : counts.successes / counts.requests,
        circuitStates: Object.fromEntries(circuitStates),
        errorsByStatus: Object.fromEntries(errorsByStatus),
        latencyMs: {
          count: sorted.length,
          mean: counts.requests === 0 ? 0 : latencySum / counts.requests,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? 0,
        },
      });
    },
  };
}
