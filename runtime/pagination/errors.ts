/**
 * Errors of pagination: a server whose pages cannot be followed safely.
 */
import { ApiwrightError, type ApiwrightErrorInit } from '../errors/errors.js';
import { nameErrorClass } from '../errors/kinds.js';

/** A page could not be followed: items are not an array, a next link is not http(s), a relative link has no base. */
export class PaginationError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'PaginationError');
  override readonly code: string = 'PAGINATION_ERROR';
}

/** The server sent the same cursor or next link twice: following it would never end. */
export class PaginationLoopError extends PaginationError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'PaginationLoopError');
  override readonly code: string = 'PAGINATION_LOOP';
  /** How many pages had been read when the repeat was seen. */
  readonly pagesRead: number;
  constructor(message: string, init: ApiwrightErrorInit & { pagesRead: number }) {
    super(message, init);
    this.pagesRead = init.pagesRead;
  }
}

/** `all({ max })` found more than `max` items: nothing is returned rather than a silent first `max`. */
export class PaginationLimitError extends PaginationError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'PaginationLimitError');
  override readonly code: string = 'PAGINATION_LIMIT';
  readonly max: number;
  constructor(message: string, init: ApiwrightErrorInit & { max: number }) {
    super(message, init);
    this.max = init.max;
  }
}

export const isPaginationError = (value: unknown): value is PaginationError =>
  value instanceof PaginationError ||
  (typeof value === 'object' &&
    value !== null &&
    ['PaginationError', 'PaginationLoopError', 'PaginationLimitError'].includes(String((value as { name?: unknown }).name)));
