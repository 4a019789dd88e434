/**
 * STUB (replaced by the observability work): logger with redaction, metrics, hook events.
 * The interface below is the contract runtime/client.ts relies on; extend, don't break.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(record: Record<string, unknown>): void;
  info(record: Record<string, unknown>): void;
  warn(record: Record<string, unknown>): void;
  error(record: Record<string, unknown>): void;
}

export interface ObserveOptions {
  logger?: Logger | undefined;
  /** Header names whose values are credentials (added to the defaults: authorization, cookie, …). */
  sensitiveHeaders?: readonly string[];
  /** Query parameter names whose values are credentials. */
  sensitiveQueryParams?: readonly string[];
}

export interface MetricsSnapshot {
  requests: number;
}

export interface Observer {
  /** Emits a structured record (already redacted) at the given level. */
  log(level: LogLevel, record: Record<string, unknown>): void;
  /** Redacts credentials from a URL for logs and error messages. */
  redactUrl(url: URL): string;
  metrics: { snapshot(): MetricsSnapshot };
}

export function createObserver(options: ObserveOptions = {}): Observer {
  const sensitiveQuery = new Set((options.sensitiveQueryParams ?? []).map((n) => n.toLowerCase()));
  return {
    log(level, record) {
      options.logger?.[level](record);
    },
    redactUrl(url) {
      const copy = new URL(url);
      for (const key of [...copy.searchParams.keys()]) {
        if (sensitiveQuery.has(key.toLowerCase())) copy.searchParams.set(key, '[REDACTED]');
      }
      return copy.toString();
    },
    metrics: { snapshot: () => ({ requests: 0 }) },
  };
}
