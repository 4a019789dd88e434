/**
 * What observability hands out: log levels, the logger interface, and the events the runtime
 * reports. Types only, shared by observe.ts (which emits them) and metrics.ts (which counts them).
 */
import type { ErrorSummary } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `console` satisfies this interface. */
export interface Logger {
  debug(record: Record<string, unknown>): void;
  info(record: Record<string, unknown>): void;
  warn(record: Record<string, unknown>): void;
  error(record: Record<string, unknown>): void;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/** What the runtime reports; field values are redacted before a hook sees them. */
export type ObserveEvent =
  | {
      type: 'attempt';
      method: string;
      url: string;
      attempt: number;
      requestId: string;
      operation: string;
      durationMs: number;
      status?: number;
      error?: ErrorSummary;
      willRetry: boolean;
      timestamp: string;
    }
  | {
      type: 'retry';
      method: string;
      url: string;
      requestId: string;
      operation: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | {
      type: 'request';
      method: string;
      url: string;
      requestId: string;
      operation: string;
      attempts: number;
      durationMs: number;
      status?: number;
      error?: ErrorSummary;
      timestamp: string;
    }
  | { type: 'circuit'; key: string; from: CircuitState; to: CircuitState; timestamp: string }
  | {
      type: 'rateLimited';
      key: string;
      /** `client`: the local limiter delayed or refused; `server`: the server answered 429. */
      source: 'client' | 'server';
      waitMs: number;
      rejected: boolean;
      requestId?: string;
      operation?: string;
    }
  /** A shared state store (runtime/stores) stopped answering (`fallback`: local state) or answers again. */
  | { type: 'stateStore'; status: 'fallback' | 'restored'; operation: string; reason?: string; timestamp: string };
