/** A response whose body breaks the operation's declared schema, under `validate.response: 'strict'`. */
import { ValidationError, type ApiwrightErrorInit } from './errors.js';
import { guardFor } from './guards.js';
import { nameErrorClass } from './kinds.js';
import type { ValidationIssue } from '../validate/issue.js';

export class ResponseValidationError extends ValidationError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'ResponseValidationError');
  override readonly code: string = 'RESPONSE_VALIDATION_ERROR';
  /** The HTTP status of the response that did not match. */
  readonly status: number;
  /** The parsed body as received, for diagnosis. */
  readonly body: unknown;
  constructor(
    message: string,
    init: ApiwrightErrorInit & { status: number; body: unknown; validationIssues: readonly ValidationIssue[] },
  ) {
    super(message, {
      ...init,
      issues: init.validationIssues.map((issue) => ({ field: `body${issue.path}`, issue: issue.message })),
    });
    this.status = init.status;
    this.body = init.body;
  }
}

/** Also true for a ResponseValidationError from another realm or copy of the runtime (guards.ts). */
export const isResponseValidationError = /* @__PURE__ */ guardFor(ResponseValidationError);
