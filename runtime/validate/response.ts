/**
 * Response validation: the body of every response (success or declared error) is checked against
 * its status's schema. `warn` logs one structured warning per operation and kind of drift for
 * the client's lifetime (not one per call) and counts every drifting response in metrics;
 * `strict` throws a `ResponseValidationError` instead of returning data that lies about its type.
 */
import type { OperationDescriptor } from '../client/descriptor.js';
import { isApiError } from '../errors/guards.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { LogLevel, ObserveEvent } from '../observe/observe.js';
import type { SchemaCheck, ValidationIssue } from './issue.js';
import type { ValidateOptions } from './options.js';
import { summarizeIssues } from './run.js';

/** Warned operation + kind pairs kept per client; beyond this, new kinds are still counted, not logged. */
const MAX_WARNED = 1000;

export interface ResponseChecker {
  /** Checks `body` (as parsed, before any transform); throws under `strict`. */
  check(op: OperationDescriptor, status: number, body: unknown, settings: ValidateOptions, requestId: string): void;
  /**
   * Runs `map` (status → data or a thrown ApiError) and checks what it produced: the data, or the
   * error's body. Only JSON bodies are checked; streams, Blobs and text pass through.
   */
  mapChecked<T>(
    op: OperationDescriptor,
    response: Response,
    settings: ValidateOptions,
    requestId: string,
    map: () => Promise<T>,
  ): Promise<T>;
}

export function createResponseChecker(observer: {
  log(level: LogLevel, record: Record<string, unknown>): void;
  event?(event: ObserveEvent): void;
}): ResponseChecker {
  const warned = new Set<string>();
  return {
    async mapChecked(op, response, settings, requestId, map) {
      const json = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
      if (!json || settings.response === 'off' || op.validate?.responses === undefined) return map();
      let data: Awaited<ReturnType<typeof map>>;
      try {
        data = await map();
      } catch (error) {
        if (isApiError(error)) {
          try {
            this.check(op, error.status, error.body, settings, requestId);
          } catch (drift) {
            if (drift instanceof Error) Object.defineProperty(drift, 'cause', { value: error, configurable: true });
            throw drift;
          }
        }
        throw error;
      }
      if (typeof data === 'object' && data !== null && !Array.isArray(data) && isOpaque(data)) return data;
      this.check(op, response.status, data, settings, requestId);
      return data;
    },
    check(op, status, body, settings, requestId) {
      const mode = settings.response ?? 'warn';
      if (mode === 'off' || op.transform !== undefined) return;
      const check = checkFor(op, status);
      if (check === undefined) return;
      const issues: ValidationIssue[] = [];
      if (check(body, '', issues)) return;
      const kinds = [...new Set(issues.map((issue) => issue.keyword))];
      const timestamp = new Date().toISOString();
      observer.event?.({
        type: 'responseValidation',
        operation: op.id,
        requestId,
        status,
        kinds,
        issues: issues.length,
        mode,
        timestamp,
      });
      const message = `${op.method} ${op.path}: the ${status} response does not match the spec: ${summarizeIssues(issues)}`;
      if (mode === 'strict') {
        throw new ResponseValidationError(message, { status, body, validationIssues: issues, requestId, operation: op.id });
      }
      for (const kind of kinds) {
        const key = `${op.id} ${kind}`;
        if (warned.has(key) || warned.size >= MAX_WARNED) continue;
        warned.add(key);
        const first = issues.find((issue) => issue.keyword === kind);
        observer.log('warn', {
          message: `${op.id}: response drift (${kind}) at ${first?.path === '' ? '(body)' : (first?.path ?? '')}: ${first?.message ?? ''}; logged once per operation and kind`,
          event: 'responseValidation',
          operation: op.id,
          status,
          kind,
          requestId,
          issues: issues.filter((issue) => issue.keyword === kind).slice(0, 5),
        });
      }
    },
  };
}

/** Bodies read as bytes or streams (`responseType`), which no JSON schema describes. */
function isOpaque(data: object): boolean {
  return (
    (typeof Blob !== 'undefined' && data instanceof Blob) ||
    data instanceof ArrayBuffer ||
    (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream)
  );
}

/** The check of the responses entry that applies (exact code, then `2XX`, then `default`), if it has one. */
function checkFor(op: OperationDescriptor, status: number): SchemaCheck | undefined {
  const checks = op.validate?.responses;
  if (checks === undefined) return undefined;
  const range = `${Math.floor(status / 100)}XX`;
  const key = [String(status), range, range.toLowerCase(), 'default'].find((k) => op.responses[k] !== undefined);
  return key === undefined ? undefined : checks[key];
}
