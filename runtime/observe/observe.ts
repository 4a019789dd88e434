/**
 * Observability: a levelled structured logger (silent unless one is given), one record per
 * attempt, metrics, and an event hook for exporters (OpenTelemetry, Prometheus, …).
 * Everything that leaves this module has been through the redactor (runtime/redact.ts).
 */
import { createMetrics, type MetricsSnapshot } from './metrics.js';
import { createRedactor, summarizeError, type ErrorSummary } from './redact.js';
import type { LogLevel, Logger, ObserveEvent } from './events.js';

export type { CircuitState, LogLevel, Logger, ObserveEvent } from './events.js';

export type { MetricsSnapshot, LatencySummary } from './metrics.js';
export type { ErrorSummary } from './redact.js';

export interface ObserveOptions {
  logger?: Logger | undefined;
  /** Least severe level emitted. Default `info`. */
  level?: LogLevel | undefined;
  /** Header names whose values are credentials (added to the defaults: authorization, cookie, …). */
  sensitiveHeaders?: readonly string[] | undefined;
  /** Query parameter names whose values are credentials. */
  sensitiveQueryParams?: readonly string[] | undefined;
  /** Cuts the credential values the client has sent out of all text (known-secrets.ts). */
  scrubKnown?: ((text: string) => string) | undefined;
  /** Receives every event (already redacted); exceptions it throws are swallowed. */
  onEvent?: ((event: ObserveEvent) => void) | undefined;
  /** Requests kept for latency percentiles. Default 1,024. */
  metricsReservoirSize?: number | undefined;
}

/** One finished attempt, as the resilience loop reports it (raw: the observer redacts). */
export interface AttemptInfo {
  method: string;
  url: URL;
  attempt: number;
  requestId: string;
  operation: string;
  durationMs: number;
  status?: number | undefined;
  error?: unknown;
  willRetry: boolean;
}

/** One finished logical request (all attempts). */
export interface RequestInfo {
  method: string;
  url: URL;
  requestId: string;
  operation: string;
  attempts: number;
  durationMs: number;
  status?: number | undefined;
  error?: unknown;
}

export interface Observer {
  /** Emits a structured record (redacted here) at the given level. */
  log(level: LogLevel, record: Record<string, unknown>): void;
  /** Redacts credentials from a URL for logs and error messages. */
  redactUrl(url: URL): string;
  metrics: { snapshot(): MetricsSnapshot };
  /** Logs one attempt record and emits an `attempt` event. */
  attempt?(info: AttemptInfo): void;
  /** Emits a `request` event when a logical request ends. */
  request?(info: RequestInfo): void;
  /** Feeds metrics and the `onEvent` hook; logs circuit changes (warn) and retries (debug). */
  event?(event: ObserveEvent): void;
  /** A plain redacted deep copy of any value (for error details, bodies, records). */
  redact?(value: unknown): unknown;
  /** A copy of headers with credential values replaced. */
  redactHeaders?(headers: Headers): Headers;
  /** Credential-looking substrings of free text replaced. */
  redactString?(text: string): string;
}

export type FullObserver = Required<Observer>;

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function levelOfAttempt(info: AttemptInfo): LogLevel {
  if (info.willRetry) return 'warn';
  if (info.error !== undefined || (info.status !== undefined && info.status >= 500)) return 'error';
  return info.status !== undefined && info.status >= 400 ? 'warn' : 'info';
}

/*
 * Events are built field by field, optional fields assigned after: on V8 11 (Node 20) an object
 * literal that spreads and then adds properties takes microseconds, and these run on every call.
 */

/** An `attempt` event; `url` and `timestamp` stay empty when only metrics read it. */
function attemptEvent(info: AttemptInfo, url: string, error: ErrorSummary | undefined, timestamp: string): ObserveEvent {
  const event: Extract<ObserveEvent, { type: 'attempt' }> = {
    type: 'attempt',
    method: info.method,
    url,
    attempt: info.attempt,
    requestId: info.requestId,
    operation: info.operation,
    durationMs: info.durationMs,
    willRetry: info.willRetry,
    timestamp,
  };
  if (info.status !== undefined) event.status = info.status;
  if (error !== undefined) event.error = error;
  return event;
}

/** A `request` event; `url` and `timestamp` stay empty when only metrics read it. */
function requestEvent(info: RequestInfo, url: string, error: ErrorSummary | undefined, timestamp: string): ObserveEvent {
  const event: Extract<ObserveEvent, { type: 'request' }> = {
    type: 'request',
    method: info.method,
    url,
    requestId: info.requestId,
    operation: info.operation,
    attempts: info.attempts,
    durationMs: info.durationMs,
    timestamp,
  };
  if (info.status !== undefined) event.status = info.status;
  if (error !== undefined) event.error = error;
  return event;
}

export function createObserver(options: ObserveOptions = {}): FullObserver {
  const redactor = createRedactor(options);
  const metrics = createMetrics({ reservoirSize: options.metricsReservoirSize });
  const threshold = SEVERITY[options.level ?? 'info'];

  const log = (level: LogLevel, record: Record<string, unknown>): void => {
    const logger = options.logger;
    if (logger === undefined || SEVERITY[level] < threshold) return;
    try {
      logger[level](redactor.redactValue(record) as Record<string, unknown>);
    } catch {
      // A failing logger must never fail the request it describes.
    }
  };

  const logsAt = (level: LogLevel): boolean => options.logger !== undefined && SEVERITY[level] >= threshold;

  const event = (e: ObserveEvent): void => {
    metrics.record(e);
    if (e.type === 'circuit') log('warn', { message: `circuit ${e.key} ${e.from} → ${e.to}`, event: 'circuit', ...e });
    if (e.type === 'stateStore') log('warn', { message: `state store ${e.status} (${e.operation})`, event: 'stateStore', ...e });
    if (e.type === 'retry') {
      log('debug', { message: `retrying ${e.operation} in ${e.delayMs} ms (${e.reason})`, event: 'retry', ...e });
    }
    try {
      options.onEvent?.(redactor.redactValue(e) as ObserveEvent);
    } catch {
      // Same rule as the logger: hooks observe, they do not steer.
    }
  };

  return {
    log,
    redactUrl: (url) => redactor.redactUrl(url),
    metrics: { snapshot: () => metrics.snapshot() },
    redact: (value) => redactor.redactValue(value),
    redactHeaders: (headers) => redactor.redactHeaders(headers),
    redactString: (text) => redactor.redactString(text),
    attempt(info) {
      const error = info.error === undefined ? undefined : summarizeError(info.error, (t) => redactor.redactString(t));
      // Metrics read only the status and the error: without a logger at this level or an onEvent
      // hook, no redacted URL, timestamp, message or record is built (this runs on every attempt).
      if (!logsAt(levelOfAttempt(info)) && options.onEvent === undefined) {
        metrics.record(attemptEvent(info, '', error, ''));
        return;
      }
      const url = redactor.redactUrl(info.url);
      const timestamp = new Date().toISOString();
      const outcome = info.status !== undefined ? String(info.status) : (error?.name ?? 'no response');
      const record: Record<string, unknown> = {
        message: `${info.method} ${url} → ${outcome} (${Math.round(info.durationMs)} ms)${info.willRetry ? ', will retry' : ''}`,
        event: 'attempt',
        method: info.method,
        url,
        status: info.status ?? null,
        duration_ms: info.durationMs,
        attempt: info.attempt,
        request_id: info.requestId,
        operation: info.operation,
        timestamp,
        will_retry: info.willRetry,
      };
      if (error !== undefined) record['error'] = error;
      log(levelOfAttempt(info), record);
      event(attemptEvent(info, url, error, timestamp));
    },
    request(info) {
      const error = info.error === undefined ? undefined : summarizeError(info.error, (t) => redactor.redactString(t));
      if (options.onEvent === undefined) metrics.record(requestEvent(info, '', error, ''));
      else event(requestEvent(info, redactor.redactUrl(info.url), error, new Date().toISOString()));
    },
    event,
  };
}
