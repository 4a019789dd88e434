/** Small builders shared by the resilience tests. */
import { createObserver, type FullObserver, type LogLevel, type ObserveEvent } from '../../../runtime/observe/observe.js';
import type { HttpMethod, OperationDescriptor, RequestContext } from '../../../runtime/client/descriptor.js';

let counter = 0;

export function makeOperation(id = 'getThing', method: HttpMethod = 'GET'): OperationDescriptor {
  return { id, method, path: '/thing', params: [], responses: { '200': ['application/json'] } };
}

export function makeCtx(
  init: { method?: HttpMethod; idempotencyKey?: string; signal?: AbortSignal; deadline?: number; id?: string } = {},
): RequestContext {
  counter += 1;
  return {
    operation: makeOperation(init.id ?? 'getThing', init.method ?? 'GET'),
    requestId: `req-${counter}`,
    ...(init.idempotencyKey === undefined ? {} : { idempotencyKey: init.idempotencyKey }),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
    ...(init.deadline === undefined ? {} : { deadline: init.deadline }),
  };
}

export function respond(status: number, headers: Record<string, string> = {}, body: string | null = null): Response {
  return new Response(body, { status, headers });
}

export interface Recorder {
  observer: FullObserver;
  events: ObserveEvent[];
  lines: Array<{ level: LogLevel; record: Record<string, unknown> }>;
}

/** An observer whose logger and event hook capture everything (debug level). */
export function createRecorder(options: { sensitiveHeaders?: string[]; sensitiveQueryParams?: string[] } = {}): Recorder {
  const events: ObserveEvent[] = [];
  const lines: Recorder['lines'] = [];
  const logger = {
    debug: (record: Record<string, unknown>) => lines.push({ level: 'debug', record }),
    info: (record: Record<string, unknown>) => lines.push({ level: 'info', record }),
    warn: (record: Record<string, unknown>) => lines.push({ level: 'warn', record }),
    error: (record: Record<string, unknown>) => lines.push({ level: 'error', record }),
  };
  const observer = createObserver({ logger, level: 'debug', onEvent: (e) => events.push(e), ...options });
  return { observer, events, lines };
}
