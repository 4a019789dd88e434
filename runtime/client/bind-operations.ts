/**
 * Turns a module of endpoint functions `(client, params, options)` into client methods
 * `(params, options)`, keeping each function's parameter and return types.
 */
import type { Client } from './client.js';

type EndpointFunction = (client: Client, ...args: never[]) => unknown;

export type BoundOperations<T> = {
  readonly [K in keyof T]: T[K] extends (client: Client, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function bindOperations<T extends Record<string, EndpointFunction>>(client: Client, endpoints: T): BoundOperations<T> {
  const bound: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(endpoints)) {
    const endpoint = endpoints[name];
    if (typeof endpoint !== 'function') continue;
    bound[name] = (...args: never[]) => endpoint(client, ...args);
  }
  return Object.freeze(bound) as BoundOperations<T>;
}
