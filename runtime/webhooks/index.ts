/** Webhook verification and typed receivers: the folder's public surface. */
export { WebhookConfigError, WebhookVerificationError, isWebhookVerificationError } from './errors.js';
export type { WebhookVerificationReason } from './errors.js';
export { signWebhook, verifyWebhook } from './verify.js';
export type {
  VerifiedWebhook,
  VerifyWebhookOptions,
  WebhookBody,
  WebhookHeaders,
  WebhookScheme,
  WebhookSecret,
} from './verify.js';
export type { HmacSchemeOptions } from './generic-hmac.js';
export type { HmacAlgorithm } from './hmac.js';
export { createWebhookReceiver } from './handler.js';
export type {
  UnhandledDelivery,
  WebhookContext,
  WebhookEventHandler,
  WebhookHandler,
  WebhookHandlerMap,
  WebhookHandlerOptions,
  WebhookIssue,
  WebhookReceiverSetup,
  WebhookValidator,
} from './handler.js';
export type { WebhookEventDescriptor, WebhookEventSelector } from './route.js';
export type { NodeListener, NodeRequestLike, NodeResponseLike } from './node-adapter.js';
