/** The public forms of a compiled check: `validateX` (result) and `parseX` (throws). */
import { ValidationError } from '../errors/errors.js';
import type { SchemaCheck, ValidationIssue, ValidationResult } from './issue.js';

export function validateWith<T>(check: SchemaCheck, value: unknown): ValidationResult<T> {
  const issues: ValidationIssue[] = [];
  return check(value, '', issues) ? { ok: true, value: value as T } : { ok: false, issues };
}

/** Returns the value typed as `T`, or throws a `ValidationError` carrying every issue. */
export function parseWith<T>(check: SchemaCheck, value: unknown, typeName: string): T {
  const issues: ValidationIssue[] = [];
  if (check(value, '', issues)) return value as T;
  throw new ValidationError(`value is not a valid ${typeName}: ${summarizeIssues(issues)}`, {
    issues: issues.map((issue) => ({ field: issue.path, issue: issue.message })),
    validationIssues: issues,
  });
}

/** The first issues in one line, for error messages: `/name must be string; /age must be >= 0 (+3 more)`. */
export function summarizeIssues(issues: readonly ValidationIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path === '' ? '(value)' : issue.path} ${issue.message}`);
  return shown.join('; ') + (issues.length > limit ? ` (+${issues.length - limit} more)` : '');
}
