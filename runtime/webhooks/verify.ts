/**
 * `verifyWebhook`: the one entry point for every scheme. The raw body is verified as bytes before
 * anything parses it; a fresh delivery's id is then recorded so the same delivery is refused next
 * time (replay protection, through the same StateStore the breaker and limiter use).
 */
import { createMemoryStateStore, type StateStore } from '../resilience/state-store.js';
import { utf8 } from './encoding.js';
import { WebhookConfigError, WebhookVerificationError } from './errors.js';
import { isBytes, prepareSecrets, type PreparedSecrets, type WebhookScheme, type WebhookSecret } from './prepared-secrets.js';
import type { HeaderLookup } from './scheme.js';
import type { Bytes } from '../util/bytes.js';

export type { WebhookScheme, WebhookSecret } from './prepared-secrets.js';

/** A Fetch `Headers`, or a plain record such as Node's `IncomingHttpHeaders`. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookBody = Uint8Array | ArrayBuffer | string;

export interface VerifyWebhookOptions {
  scheme: WebhookScheme;
  secret: WebhookSecret;
  headers: WebhookHeaders;
  /** The body exactly as received. A re-serialized JSON body does not verify: pass the raw bytes. */
  body: WebhookBody;
  /** How far a signed timestamp may be from now, either way. Default 300 (5 minutes). */
  toleranceSeconds?: number | undefined;
  /** Clock in milliseconds; default `Date.now`. */
  now?: (() => number) | undefined;
  /** Where seen ids are kept; `false` turns replay protection off. Default: one in-memory store per process. */
  replay?: StateStore | false | undefined;
}

export interface VerifiedWebhook {
  /** The verified raw body. */
  body: Bytes;
  /** The body as UTF-8 text. */
  text: string;
  /** The message id (or the signature, for schemes without one). */
  id: string;
  /** The signed timestamp in Unix seconds, when the scheme has one. */
  timestamp: number | undefined;
  scheme: string;
}

export const defaultToleranceSeconds = 300;

let processReplayStore: StateStore | undefined;

/** Verifies signature, timestamp and freshness; throws `WebhookVerificationError` with a reason. */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const verified = await verifyWebhookSignature(options);
  const store = options.replay ?? (processReplayStore ??= createMemoryStateStore());
  if (store !== false) await recordDelivery(store, verified, replayWindowMs(options.toleranceSeconds));
  return verified;
}

/**
 * Signature and timestamp only, no replay bookkeeping. `verifyWebhook` prepares the secrets on
 * each call; a receiver prepares them once and calls `verifyWithSecrets` per delivery.
 */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  return await verifyWithSecrets(prepareSecrets(options.scheme, options.secret), options);
}

/** Signature and timestamp against secrets prepared once (the handler records and releases ids itself). */
export async function verifyWithSecrets(
  { scheme, keys }: PreparedSecrets,
  options: Omit<VerifyWebhookOptions, 'scheme' | 'secret' | 'replay'>,
): Promise<VerifiedWebhook> {
  const body = toBytes(options.body);
  const nowMs = (options.now ?? Date.now)();
  const result = await scheme.verify({
    header: headerLookup(options.headers),
    body,
    keys,
    nowSeconds: Math.floor(nowMs / 1000),
    toleranceSeconds: options.toleranceSeconds ?? defaultToleranceSeconds,
  });
  return { body, text: new TextDecoder().decode(body), id: result.id, timestamp: result.timestamp, scheme: scheme.name };
}

/**
 * A delivery may arrive from `now - tolerance` to `now + tolerance` on the sender's clock, so its
 * id is remembered for twice the tolerance.
 */
export function replayWindowMs(toleranceSeconds: number | undefined): number {
  return 2 * (toleranceSeconds ?? defaultToleranceSeconds) * 1000;
}

export function replayKey(verified: Pick<VerifiedWebhook, 'scheme' | 'id'>): string {
  return `webhook:${verified.scheme}:${verified.id}`;
}

/** Records the delivery's id; throws `replayed` when it was already seen within the window. */
export async function recordDelivery(store: StateStore, verified: VerifiedWebhook, windowMs: number): Promise<void> {
  const key = replayKey(verified);
  const fresh =
    store.setIfAbsent !== undefined
      ? await store.setIfAbsent(key, 1, windowMs)
      : (await store.get(key)) === undefined && (await store.set(key, 1, windowMs), true);
  if (!fresh) throw new WebhookVerificationError('replayed', 'this webhook delivery was already received');
}

/** Signs `body` as the scheme's sender would: the headers to send (for tests, or to send webhooks). */
export async function signWebhook(options: {
  scheme: WebhookScheme;
  secret: string | Uint8Array;
  body: WebhookBody;
  /** Unix seconds; default now. */
  timestamp?: number | undefined;
  /** Message id (Standard Webhooks); default a random one. */
  id?: string | undefined;
}): Promise<Record<string, string>> {
  const { scheme, keys } = prepareSecrets(options.scheme, options.secret);
  const [key] = keys;
  if (key === undefined) throw new WebhookConfigError('a webhook secret is required');
  return scheme.sign({
    key,
    body: toBytes(options.body),
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    id: options.id ?? `msg_${crypto.randomUUID().replace(/-/g, '')}`,
  });
}

function toBytes(body: WebhookBody): Bytes {
  if (typeof body === 'string') return utf8(body);
  // A copy: what was verified cannot change under the caller's feet.
  return isBytes(body) ? new Uint8Array(body) : new Uint8Array(body.slice(0));
}

function headerLookup(headers: WebhookHeaders): HeaderLookup {
  // Duck-typed: a Headers object from another realm or library (undici, a polyfill) counts too.
  if (isHeaders(headers)) return (name) => headers.get(name) ?? undefined;
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    lower.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  return (name) => lower.get(name.toLowerCase());
}

function isHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof (headers as { get?: unknown }).get === 'function';
}
