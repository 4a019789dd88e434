/**
 * The optional parts of a client, handed in by whoever creates it rather than imported by the
 * client itself, so a bundle carries only those it was given: the generated `createCoreClient`
 * passes the scheme kinds its spec declares (and the transform when generated with one), the
 * `createClient` facade adds the response cache, `createRuntimeClient` passes everything
 * (all-features.ts). Pagination and streams are reached from the endpoint functions that need them
 * (`paginate()`, `stream()`), never from the client.
 */
import type { SchemeSupport } from '../auth/schemes.js';
import type { CacheSetup } from './cache-step.js';
import type { TransformSupport } from '../transform/support.js';

export interface ClientFeatures {
  /** The kinds of security scheme the client can apply (a declared scheme of another kind fails its call). */
  readonly auth?: readonly SchemeSupport[] | undefined;
  /** Makes `cache: true | CacheOptions` work (without it, pass `cache: responseCache(…)`). */
  readonly cache?: CacheSetup | undefined;
  /** camelCase names and `Date` values (clients generated with `naming` / `dates`). */
  readonly transform?: TransformSupport | undefined;
}
