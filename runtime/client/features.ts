/**
 * The optional parts of a client, handed in by whoever creates it rather than imported by the
 * client itself, so a bundle carries only those it was given: the generated `createCoreClient`
 * passes the scheme kinds its spec declares (and the transform when generated with one) plus the
 * parts its caller hands in (client/parts.ts: retries, circuit breaker, rate limiter,
 * observability, request validation); the `createClient` facade adds every part and the response
 * cache, `createRuntimeClient` passes everything (all-features.ts). Pagination and streams are
 * reached from the endpoint functions that need them (`paginate()`, `stream()`), never from the client.
 */
import type { SchemeSupport } from '../auth/schemes.js';
import type { CacheSetup } from './cache-step.js';
import type { TransformSupport } from '../transform/support.js';
import type { ResilienceParts, ResilienceSupport } from '../resilience/resilience.js';
import type { ObserveOptions, Observer } from '../observe/observe.js';
import type { checkRequest } from '../validate/request.js';
import type { BodyEncoder } from './descriptor.js';

export interface ClientFeatures extends ResilienceParts {
  /** The kinds of security scheme the client can apply (a declared scheme of another kind fails its call). */
  readonly auth?: readonly SchemeSupport[] | undefined;
  /** Makes `cache: true | CacheOptions` work (without it, pass `cache: responseCache(…)`). */
  readonly cache?: CacheSetup | undefined;
  /** camelCase names and `Date` values (clients generated with `naming` / `dates`). */
  readonly transform?: TransformSupport | undefined;
  /** The attempt loop the retry, breaker and limiter parts plug into; without it a call is one attempt. */
  readonly resilience?: ResilienceSupport | undefined;
  /** Logger, `onEvent` and metrics; without it the client logs nothing and keeps no metrics. */
  readonly observe?: ((options: ObserveOptions) => Observer) | undefined;
  /** Checks params and body against the spec before sending; without it nothing is checked. */
  readonly checkRequest?: typeof checkRequest | undefined;
  /** Encodes bodies of descriptors that bring no `encodeBody` of their own (hand-built ones for `request()`). */
  readonly encodeBody?: BodyEncoder | undefined;
}

/** An option that does nothing without a part, and the part to hand in for it. */
const needs: readonly (readonly [option: string, feature: keyof ClientFeatures, part: string])[] = [
  ['retry', 'retry', 'retries'],
  ['circuitBreaker', 'circuitBreaker', 'circuitBreaker'],
  ['rateLimit', 'rateLimiter', 'rateLimiter'],
  ['logger', 'observe', 'observability'],
  ['onEvent', 'observe', 'observability'],
];

/**
 * Why `options` cannot work with `features`, or undefined: an option set (not `false`) whose part
 * was not handed in would otherwise be ignored without a word.
 */
export function missingPart(options: object, features: ClientFeatures): string | undefined {
  const given = options as Record<string, unknown>;
  for (const [option, feature, part] of needs) {
    const value = given[option];
    if (value !== undefined && value !== false && features[feature] === undefined) return partMessage(option, part);
  }
  const validate = given['validate'] as { request?: unknown } | undefined;
  if (validate?.request === true && features.checkRequest === undefined)
    return partMessage('validate.request', 'requestValidation');
  return undefined;
}

function partMessage(option: string, part: string): string {
  return `The \`${option}\` option needs the \`${part}\` part: createCoreClient(options, [${part}]) (createClient has every part)`;
}
