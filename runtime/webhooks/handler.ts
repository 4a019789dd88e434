/**
 * A Fetch-API webhook endpoint, `(request: Request) => Promise<Response>`, for Next.js route
 * handlers, Hono, Bun.serve, Deno.serve and Workers (and node:http / Express through `.node`).
 *
 * Order matters: cap the body → verify the raw bytes → record the id (replay) → parse → route →
 * validate → call the handler. A verification failure answers 401 with no detail; an invalid
 * payload 400 with the issues; an event nobody handles 204 and a log line; a handler that throws
 * 500 with an empty body (and its id is released, so the provider's retry is accepted).
 */
import type { Logger } from '../observe/observe.js';
import { createMemoryStateStore, type StateStore } from '../resilience/state-store.js';
import { readEnv } from '../util/env.js';
import type { ValidationIssue, ValidationResult } from '../validate/issue.js';
import { WebhookConfigError, isWebhookVerificationError } from './errors.js';
import { toNodeListener, type Delivery, type NodeListener } from './node-adapter.js';
import { defaultMaxBodyBytes, readCappedBody } from './read-body.js';
import { routeEvent, type WebhookEventDescriptor, type WebhookEventSelector } from './route.js';
import { prepareSecrets, type WebhookScheme, type WebhookSecret } from './prepared-secrets.js';
import { recordDelivery, replayKey, replayWindowMs, verifyWithSecrets, type VerifiedWebhook } from './verify.js';

/** A payload's validation issue: the validators' own type, under the name the webhook API exports. */
export type WebhookIssue = ValidationIssue;

/** The shape of a generated validator (`validate<TypeName>` in validators.gen.ts). */
export type WebhookValidator<T> = (value: unknown) => ValidationResult<T>;

export interface WebhookContext {
  /** The handler key under `on`. */
  event: string;
  /** The event's name in the spec. */
  name: string;
  /** Message id (or signature, for schemes without ids). */
  id: string;
  /** Signed timestamp (Unix seconds), when the scheme has one. */
  timestamp: number | undefined;
  headers: Headers;
  url: string;
  /** The verified raw body. */
  rawBody: Uint8Array;
}

export type WebhookEventHandler<P> = (payload: P, context: WebhookContext) => void | Response | Promise<void | Response>;

export type WebhookHandlerMap<Payloads> = { [K in keyof Payloads]?: WebhookEventHandler<Payloads[K]> };

export interface UnhandledDelivery {
  /** The event's handler key, when the delivery is a declared event without a handler. */
  event: string | undefined;
  id: string;
  payload: unknown;
  headers: Headers;
}

export interface WebhookHandlerOptions<Payloads> {
  /** The signature scheme; the generated code defaults it when the spec's headers name one. */
  scheme?: WebhookScheme | undefined;
  /** Secret(s); default the `<API>_WEBHOOK_SECRET` environment variable where there is one. */
  secret?: WebhookSecret | undefined;
  /** One handler per event, keyed as the generated `WebhookPayloads` names them. */
  on: WebhookHandlerMap<Payloads>;
  /** How to tell events apart when the spec does not say (a header, a body field, or a function). */
  eventFrom?: WebhookEventSelector | undefined;
  /** Answer for an unknown event or one without a handler. Default: a warn log line and 204. */
  onUnhandled?: ((delivery: UnhandledDelivery) => void | Response | Promise<void | Response>) | undefined;
  /** Default 300 seconds. */
  toleranceSeconds?: number | undefined;
  /** Seen-id store; `false` turns replay protection off. Default: in memory, per handler. */
  replay?: StateStore | false | undefined;
  /** Larger bodies answer 413 unread. Default 5 MiB. */
  maxBodyBytes?: number | undefined;
  /** Default `console`; `false` for silence. Never receives secrets or bodies. */
  logger?: Logger | false | undefined;
  /** Clock in milliseconds (tests). */
  now?: (() => number) | undefined;
}

/**
 * What generated code tells the runtime about the spec's events. `Wire` is each payload as it
 * arrives, which the validators check: the payload types themselves, unless the client converts
 * names or dates (`naming`/`dates` options), when no generated type names the wire form and the
 * validators check `unknown` values before `transforms` turn them into `Payloads`.
 */
export interface WebhookReceiverSetup<Payloads, Wire extends { [K in keyof Payloads]: unknown } = Payloads> {
  events: readonly WebhookEventDescriptor[];
  validators?: { [K in keyof Payloads]?: WebhookValidator<Wire[K]> } | undefined;
  defaultScheme?: WebhookScheme | undefined;
  /** Environment variable holding the secret when the option is absent. */
  secretEnv?: string | undefined;
  /** Per event, wire form → the generated types (`naming`/`dates` options), after validation. */
  transforms?: { [K in keyof Payloads]?: (wire: Wire[K]) => unknown } | undefined;
}

export interface WebhookHandler {
  (request: Request): Promise<Response>;
  /** The same endpoint as a node:http / Express `(req, res)` listener. */
  readonly node: NodeListener;
}

export function createWebhookReceiver<Payloads, Wire extends { [K in keyof Payloads]: unknown } = Payloads>(
  setup: WebhookReceiverSetup<Payloads, Wire>,
  options: WebhookHandlerOptions<Payloads>,
): WebhookHandler {
  const scheme = options.scheme ?? setup.defaultScheme;
  if (scheme === undefined) throw new WebhookConfigError('createWebhookHandler needs a `scheme`: the spec does not name one');
  const secret = options.secret ?? (setup.secretEnv === undefined ? undefined : readEnv(setup.secretEnv));
  if (secret === undefined || secret === '') {
    const where = setup.secretEnv === undefined ? '' : ` or set ${setup.secretEnv}`;
    throw new WebhookConfigError(`createWebhookHandler needs a \`secret\`: pass one${where}`);
  }
  // Once, at start-up: a secret that does not decode fails here, not on the first delivery, and
  // each delivery reuses the imported keys.
  const secrets = prepareSecrets(scheme, secret);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const replay = options.replay ?? createMemoryStateStore();
  const logger = options.logger === false ? undefined : (options.logger ?? console);
  const handlers = options.on as Readonly<Record<string, WebhookEventHandler<unknown> | undefined>>;
  const validators = (setup.validators ?? {}) as Readonly<Record<string, WebhookValidator<unknown> | undefined>>;
  const transforms = (setup.transforms ?? {}) as Readonly<Record<string, ((wire: unknown) => unknown) | undefined>>;

  const receive = async (delivery: Delivery): Promise<Response> => {
    if (delivery.body === undefined) {
      logger?.warn({ msg: 'webhook body too large', maxBodyBytes });
      return empty(413);
    }
    let verified: VerifiedWebhook;
    try {
      verified = await verifyWithSecrets(secrets, {
        headers: delivery.headers,
        body: delivery.body,
        toleranceSeconds: options.toleranceSeconds,
        now: options.now,
      });
      if (replay !== false) await recordDelivery(replay, verified, replayWindowMs(options.toleranceSeconds));
    } catch (error) {
      if (!isWebhookVerificationError(error)) throw error;
      logger?.warn({ msg: 'webhook refused', reason: error.reason });
      return empty(401);
    }
    const release = () => (replay === false ? undefined : replay.delete?.(replayKey(verified)));

    const parsed = parsePayload(verified, delivery.headers.get('content-type'));
    if (!parsed.ok) return json(400, { error: 'invalid_body', message: 'the body is not valid JSON' });
    const route = { method: delivery.method, headers: delivery.headers, payload: parsed.value, url: delivery.url };
    const event = routeEvent(setup.events, route, options.eventFrom);
    const handler = event !== undefined && Object.hasOwn(handlers, event.key) ? handlers[event.key] : undefined;
    if (event === undefined || handler === undefined) {
      const unhandled = { event: event?.key, id: verified.id, payload: parsed.value, headers: delivery.headers };
      if (options.onUnhandled !== undefined) return (await options.onUnhandled(unhandled)) ?? empty(204);
      logger?.warn({ msg: 'webhook event has no handler', event: event?.key ?? 'unknown' });
      return empty(204);
    }

    const validate = Object.hasOwn(validators, event.key) ? validators[event.key] : undefined;
    const checked = validate === undefined ? { ok: true as const, value: parsed.value } : validate(parsed.value);
    if (!checked.ok) return json(400, { error: 'invalid_payload', event: event.key, issues: checked.issues });
    const transform = Object.hasOwn(transforms, event.key) ? transforms[event.key] : undefined;
    let payload = checked.value;
    try {
      if (transform !== undefined) payload = transform(payload);
    } catch {
      // A date that does not parse, for instance: the payload does not match its type.
      return json(400, { error: 'invalid_payload', event: event.key, issues: [] });
    }

    const context: WebhookContext = {
      event: event.key,
      name: event.name,
      id: verified.id,
      timestamp: verified.timestamp,
      headers: delivery.headers,
      url: delivery.url,
      rawBody: verified.body,
    };
    try {
      return (await handler(payload, context)) ?? empty(200);
    } catch (error) {
      await release();
      logger?.error({ msg: 'webhook handler failed', event: event.key, error: error instanceof Error ? error.name : 'unknown' });
      return empty(500);
    }
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    try {
      const body = await readCappedBody(request.body, request.headers, maxBodyBytes);
      return await receive({ method: request.method, url: request.url, headers: request.headers, body });
    } catch (error) {
      // A failing store, a body stream that broke, a throwing onUnhandled: 500, nothing leaks.
      logger?.error({ msg: 'webhook request failed', error: error instanceof Error ? error.name : 'unknown' });
      return empty(500);
    }
  };
  return Object.assign(fetchHandler, { node: toNodeListener(receive, { maxBodyBytes, logger }) });
}

type Parsed = { ok: true; value: unknown } | { ok: false };

/** Form fields, or JSON (whatever the type says, when it parses), else text; after verification only. */
function parsePayload(verified: VerifiedWebhook, contentType: string | null): Parsed {
  const type = (contentType ?? '').toLowerCase();
  if (verified.body.byteLength === 0) return { ok: true, value: undefined };
  if (type.includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(verified.text)) };
  }
  try {
    return { ok: true, value: JSON.parse(verified.text) as unknown };
  } catch {
    // Declared (or defaulted) JSON that does not parse is a bad request; other types stay text.
    return type === '' || type.includes('json') ? { ok: false } : { ok: true, value: verified.text };
  }
}

function empty(status: number): Response {
  return new Response(null, { status });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
