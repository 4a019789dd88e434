/**
 * A client with every optional part (all-features.ts): for tests and hand-built clients that do not
 * know their spec's needs. Its own module, so a generated client (which hands in only its parts)
 * reaches neither this nor every part's code, in a bundle or in the user's compiler.
 */
import type { AuthOptions } from '../auth/options.js';
import { allFeatures } from './all-features.js';
import { createClientCore } from './client.js';
import type { ApiDescriptor } from './descriptor.js';
import type { Client, ClientInternals, ClientOptions } from './options.js';

export function createRuntimeClient<TAuth extends object = AuthOptions>(
  api: ApiDescriptor,
  options: ClientOptions<TAuth> = {},
  internals: ClientInternals = {},
): Client {
  return createClientCore(api, options, allFeatures, internals);
}
