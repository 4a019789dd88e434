/**
 * Why a webhook was refused. A verification failure carries a reason code for logs and metrics,
 * never the secret, the expected signature or the body.
 */
import { ApiwrightError } from '../errors/errors.js';
import { guardFor } from '../errors/guards.js';
import { nameErrorClass } from '../errors/kinds.js';

export type WebhookVerificationReason =
  /** A header the scheme needs (signature, timestamp, id) is absent or empty. */
  | 'missing_header'
  /** A header is present but not in the scheme's format (e.g. `t=` without digits). */
  | 'bad_format'
  /** The signed timestamp is older, or further in the future, than the tolerance allows. */
  | 'timestamp_outside_tolerance'
  /** No signature in the header matches the body under any of the secrets. */
  | 'no_matching_signature'
  /** A message with this id (or signature) was already accepted within the replay window. */
  | 'replayed';

/** Thrown by `verifyWebhook`: the request is not a genuine, fresh delivery. */
export class WebhookVerificationError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'WebhookVerificationError');
  override readonly code = 'WEBHOOK_VERIFICATION_FAILED';
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Thrown when a webhook receiver is set up wrong (no secret, a secret that does not decode, no scheme). */
export class WebhookConfigError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'WebhookConfigError');
  override readonly code = 'WEBHOOK_CONFIG';
}

/** Also true for a WebhookVerificationError from another realm or copy of the runtime (guards.ts). */
export const isWebhookVerificationError = /* @__PURE__ */ guardFor(WebhookVerificationError);
