/**
 * The observer of a client created without the observability part (client/parts.ts): it logs
 * nothing and keeps no metrics, but still redacts, because error headers and messages must never
 * carry credentials whatever parts a client has.
 */
import { ConfigurationError } from '../errors/errors.js';
import type { ObserveOptions, Observer } from './observe.js';
import { createTextRedactor } from './redact.js';

export function createQuietObserver(options: ObserveOptions): Observer {
  // The text redactor only: deep copies (`redactValue`) serve logs and events, which this observer has none of.
  const redactor = createTextRedactor(options);
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
