/**
 * Request validation: the generated params check runs before anything is built or sent; issues
 * become one `ValidationError` whose details name fields the way callers know them
 * (`query.limit`, `path.petId`, `body/items/0/price`).
 */
import type { OperationDescriptor } from '../client/descriptor.js';
import { ValidationError } from '../errors/errors.js';
import type { ValidationIssue } from './issue.js';
import type { ValidateOptions } from './options.js';
import { summarizeIssues } from './run.js';

export function checkRequest(
  op: OperationDescriptor,
  params: object | undefined,
  settings: ValidateOptions,
  context: { requestId: string },
): void {
  const check = op.validate?.request;
  if (check === undefined || settings.request === false) return;
  const issues: ValidationIssue[] = [];
  if (check(params ?? {}, '', issues)) return;
  const details = issues.map((issue) => ({ field: fieldOf(op, issue.path), issue: issue.message }));
  const fields = issues.map((issue) => Object.assign({}, issue, { path: fieldOf(op, issue.path) }));
  throw new ValidationError(`${op.method} ${op.path}: invalid request, nothing was sent: ${summarizeIssues(fields)}`, {
    issues: details,
    validationIssues: issues,
    requestId: context.requestId,
    operation: op.id,
  });
}

/** `/limit/0` → `query.limit/0`; `/body/name` → `body/name` (the pointer's first token is the params key). */
export function fieldOf(op: OperationDescriptor, pointer: string): string {
  const end = pointer.indexOf('/', 1);
  const token = unescape(end === -1 ? pointer.slice(1) : pointer.slice(1, end));
  const rest = end === -1 ? '' : pointer.slice(end);
  if (token === (op.bodyKey ?? 'body') && op.body !== undefined) return `body${rest}`;
  const param = op.params.find((p) => (p.key ?? p.name) === token);
  return param === undefined ? `${token}${rest}` : `${param.in}.${param.name}${rest}`;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
