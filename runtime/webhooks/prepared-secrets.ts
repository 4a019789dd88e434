/**
 * A scheme resolved and its secrets decoded and imported into WebCrypto: the work a receiver does
 * once, at start-up, instead of on every delivery.
 */
import { WebhookConfigError } from './errors.js';
import { createHmacScheme, type HmacSchemeOptions } from './generic-hmac.js';
import { githubScheme } from './github.js';
import { createHmacKey, type HmacKey } from './hmac.js';
import type { SignatureScheme } from './scheme.js';
import { slackScheme } from './slack.js';
import { standardWebhooksScheme } from './standard-webhooks.js';
import { stripeScheme } from './stripe.js';

/** A named provider scheme, or the options of a generic HMAC. */
export type WebhookScheme = 'standard-webhooks' | 'stripe' | 'github' | 'slack' | HmacSchemeOptions;

/** One secret, or several while a secret is rotated (any of them may have signed). */
export type WebhookSecret = string | Uint8Array | readonly (string | Uint8Array)[];

export interface PreparedSecrets {
  scheme: SignatureScheme;
  /** One key per secret, in the order given; each imports its CryptoKey once and keeps it. */
  keys: readonly HmacKey[];
}

/** Throws `WebhookConfigError` for an unknown scheme or a secret that is missing, empty or does not decode. */
export function prepareSecrets(scheme: WebhookScheme, secret: WebhookSecret): PreparedSecrets {
  const resolved = resolveScheme(scheme);
  return { scheme: resolved, keys: decodeSecrets(resolved, secret).map(createHmacKey) };
}

function resolveScheme(scheme: WebhookScheme): SignatureScheme {
  if (typeof scheme === 'object') return createHmacScheme(scheme);
  switch (scheme) {
    case 'standard-webhooks':
      return standardWebhooksScheme;
    case 'stripe':
      return stripeScheme;
    case 'github':
      return githubScheme;
    case 'slack':
      return slackScheme;
    default:
      throw new WebhookConfigError(`unknown webhook scheme ${JSON.stringify(String(scheme))}`);
  }
}

function decodeSecrets(scheme: SignatureScheme, secret: WebhookSecret) {
  const list: readonly (string | Uint8Array)[] = typeof secret === 'string' || isBytes(secret) ? [secret] : secret;
  const keys = list.map((s) => (typeof s === 'string' ? scheme.decodeSecret(s) : new Uint8Array(s)));
  if (keys.length === 0 || keys.some((k) => k.byteLength === 0)) throw new WebhookConfigError('a webhook secret is required');
  return keys;
}

/** `ArrayBuffer.isView` rather than `instanceof`: bytes from another realm (an iframe, a vm) count too. */
export function isBytes(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value);
}
