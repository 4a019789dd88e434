/**
 * Response validation: the body of every response (success or declared error) is checked against
 * its status's schema as it arrived — parsed, before any camelCase/Date transform, since the
 * validators are compiled from the spec's wire form. `warn` logs one structured warning per operation and kind of drift for
 * the client's lifetime (not one per call) and counts every drifting response in metrics;
 * `strict` throws a `ResponseValidationError` instead of returning data that lies about its type.
 */
import type { OperationDescriptor } from '../client/descriptor.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { LogLevel, ObserveEvent } from '../observe/observe.js';
import type { SchemaCheck, ValidationIssue } from './issue.js';
import type { ValidateOptions } from './options.js';
import { summarizeIssues } from './run.js';
import { isJsonMediaType } from '../request/body.js';
import type { ResponseType } from '../transport/response.js';
import { declaredResponseKey } from '../util/response-key.js';

/** Warned operation + kind pairs kept per client; beyond this, new kinds are still counted, not logged. */
const MAX_WARNED = 1000;

/** A response as the client read it, before any transform. */
export interface ReadResponse {
  readonly op: OperationDescriptor;
  readonly response: Response;
  /** The body as parsed from the wire (the validators describe the wire form, not camelCase/Date). */
  readonly body: unknown;
  /** The call's `responseType`: how a success body was read (error bodies are parsed whenever JSON). */
  readonly responseType: ResponseType | undefined;
  readonly requestId: string;
  /** The ApiError an error status becomes; a strict ResponseValidationError carries it as `cause`. */
  readonly error?: Error | undefined;
}

export interface ResponseChecker {
  /**
   * Checks a JSON body (success or error) against its status's schema; streams, Blobs and text
   * pass. `warn` logs and counts drift, `strict` throws a ResponseValidationError.
   */
  check(read: ReadResponse, settings: ValidateOptions): void;
}

export function createResponseChecker(observer: {
  log(level: LogLevel, record: Record<string, unknown>): void;
  event?(event: ObserveEvent): void;
}): ResponseChecker {
  const warned = new Set<string>();
  // `warn` only logs and counts: with an observer that has neither (a client without the
  // observability part, client/parts.ts) a warn-mode check could not be seen, so it is not run.
  const observed = observer.event !== undefined;
  return {
    check({ op, response, body, responseType, requestId, error }, settings) {
      const mode = settings.response ?? 'warn';
      if (mode === 'off' || (mode === 'warn' && !observed)) return;
      if (!readAsJson(response, error === undefined ? responseType : undefined)) return;
      const { status } = response;
      const check = checkFor(op, status);
      if (check === undefined) return;
      const issues: ValidationIssue[] = [];
      if (check(body, '', issues)) return;
      const kinds = [...new Set(issues.map((issue) => issue.keyword))];
      observer.event?.({
        type: 'responseValidation',
        operation: op.id,
        requestId,
        status,
        kinds,
        issues: issues.length,
        mode,
        timestamp: new Date().toISOString(),
      });
      if (mode === 'strict') {
        const message = `${op.method} ${op.path}: the ${status} response does not match the spec: ${summarizeIssues(issues)}`;
        const init = { status, body, validationIssues: issues, requestId, operation: op.id };
        throw new ResponseValidationError(message, error === undefined ? init : Object.assign(init, { cause: error }));
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

/**
 * Whether the body was parsed from JSON: a JSON Content-Type read the default way (error bodies
 * always are), or any body the caller asked to read as `json`. Streams, Blobs and text are not.
 */
function readAsJson(response: Response, responseType: ResponseType | undefined): boolean {
  if (responseType !== undefined) return responseType === 'json';
  return isJsonMediaType(response.headers.get('content-type') ?? '');
}

/** The check of the responses entry that applies to the status, if that entry has a JSON schema. */
function checkFor(op: OperationDescriptor, status: number): SchemaCheck | undefined {
  const checks = op.validate?.responses;
  const key = declaredResponseKey(op, status);
  return checks !== undefined && key !== undefined && Object.hasOwn(checks, key) ? checks[key] : undefined;
}
