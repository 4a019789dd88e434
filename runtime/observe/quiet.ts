/**
 * The observer of a client created without the observability part (client/parts.ts): it logs
 * nothing and keeps no metrics, but still redacts, because error headers and messages must never
 * carry credentials whatever parts a client has.
 */
import { ConfigurationError } from '../errors/errors.js';
import type { ObserveOptions, Observer } from './observe.js';
import { createRedactor } from './redact.js';

export function createQuietObserver(options: ObserveOptions): Observer {
  const redactor = createRedactor(options);
  return {
    log: () => undefined,
    redactUrl: (url) => redactor.redactUrl(url),
    redactHeaders: (headers) => redactor.redactHeaders(headers),
    metrics: {
      snapshot: () => {
        throw new ConfigurationError('Metrics need the `observability` part: createCoreClient(options, [observability])');
      },
    },
  };
}
