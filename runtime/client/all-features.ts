/** Every optional part (features.ts): what `createRuntimeClient` gives a client that does not know its spec's needs. */
import { allSchemes } from '../auth/index.js';
import { transforms } from '../transform/support.js';
import { createClientCache } from './cache-step.js';
import type { ClientFeatures } from './features.js';

export const allFeatures: ClientFeatures = { auth: allSchemes, cache: createClientCache, transform: transforms };
