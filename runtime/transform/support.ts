/**
 * The transform as a client feature (client/features.ts): only clients generated with
 * `naming: 'camelCase'` or `dates: 'Date'` pass it, so other bundles carry no conversion code.
 */
import { transformRequest, transformResponse } from './transform.js';

export interface TransformSupport {
  /** The params as the wire needs them (a new object; a no-op for an operation without `transform`). */
  readonly request: typeof transformRequest;
  /** A parsed body as the types say (a no-op for an operation without `transform`). */
  readonly response: typeof transformResponse;
}

export const transforms: TransformSupport = { request: transformRequest, response: transformResponse };
