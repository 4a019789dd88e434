/**
 * Which operation `health` calls. Only GET and HEAD, and only operations without required
 * parameters (it has no values to send): the one named, else a declared health/status/ping
 * endpoint, else the first such GET.
 */
import type * as ir from '../ir/index.js';
import { closestName } from '../util/closest-name.js';

export type ChosenOperation =
  { kind: 'operation'; operation: ir.Operation; reason: 'named' | 'health-endpoint' | 'first-get' } | { kind: 'none' };

/** A choice the user must fix (exit 2). */
export class HealthOperationError extends Error {
  override name = 'HealthOperationError';
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
const HEALTH_WORDS = /(^|[^a-z])(health|healthz|healthcheck|status|ping|heartbeat|alive|livez|readyz|ready)([^a-z]|$)/i;

export function isSafeMethod(method: string): method is 'GET' | 'HEAD' {
  return SAFE_METHODS.has(method);
}

function requiredParameters(operation: ir.Operation): string[] {
  const required = operation.parameters.filter((parameter) => parameter.required || parameter.in === 'path');
  return required.map((parameter) => `${parameter.in} ${parameter.name}`);
}

function callable(operation: ir.Operation): boolean {
  return isSafeMethod(operation.method) && requiredParameters(operation).length === 0;
}

export function chooseOperation(document: ir.Document, named: string | undefined): ChosenOperation {
  if (named !== undefined) return { kind: 'operation', operation: findNamed(document, named), reason: 'named' };
  const candidates = document.operations.filter(callable);
  const health = candidates.find((operation) => HEALTH_WORDS.test(operation.path) || HEALTH_WORDS.test(operation.id));
  if (health) return { kind: 'operation', operation: health, reason: 'health-endpoint' };
  const first = candidates.find((operation) => operation.method === 'GET');
  return first ? { kind: 'operation', operation: first, reason: 'first-get' } : { kind: 'none' };
}

function findNamed(document: ir.Document, named: string): ir.Operation {
  const operation = document.operations.find((candidate) => candidate.id === named);
  if (!operation) {
    const closest = closestName(
      named,
      document.operations.map((candidate) => candidate.id),
    );
    throw new HealthOperationError(
      `--operation names "${named}", which the spec does not have${closest === undefined ? '' : `; did you mean "${closest}"?`}`,
    );
  }
  if (!isSafeMethod(operation.method)) {
    throw new HealthOperationError(`--operation ${named} is a ${operation.method}; health only sends GET and HEAD`);
  }
  const required = requiredParameters(operation);
  if (required.length > 0) {
    throw new HealthOperationError(
      `--operation ${named} needs parameters health cannot fill (${required.join(', ')}); name one without required parameters`,
    );
  }
  return operation;
}
