/**
 * Streamed success responses (`text/event-stream`, JSON Lines): such an operation also gets a
 * `<name>Stream` function that returns the events as an async iterable, and a `<Op>StreamEvent`
 * type for what each event carries — the schema of the stream's media type (OpenAI writes the
 * chunk schema there), JSON-decoded; `string` when the spec describes no structure.
 */
import type * as ir from '../ir/index.js';
// The runtime's own media-type rules, so the planner and the client agree on what streams.
import { isEventStreamMediaType } from '../../runtime/transport/event-stream.js';
import { isJsonLinesMediaType } from '../../runtime/transport/json-lines.js';
import type { NameRegistry } from './name-registry.js';
import type { PlannedStream } from './plan-types.js';

/** The stream of an operation's success responses, or undefined when it has none. */
export function planStream(
  operation: ir.Operation,
  functionName: string,
  typeBase: string,
  functionNames: NameRegistry,
  typeNames: NameRegistry,
): PlannedStream | undefined {
  const content = operation.responses
    .filter((r) => /^2/.test(r.status))
    .flatMap((r) => r.content)
    .find((c) => isEventStreamMediaType(c.mediaType) || isJsonLinesMediaType(c.mediaType));
  if (content === undefined) return undefined;
  return {
    kind: isEventStreamMediaType(content.mediaType) ? 'events' : 'lines',
    schema: isUntyped(content.schema) ? undefined : content.schema,
    functionName: functionNames.claim([`${functionName}Stream`, `${functionName}EventStream`], `${operation.source} stream`),
    eventType: typeNames.claim([`${typeBase}StreamEvent`, `${typeBase}StreamItem`], `${operation.source} StreamEvent`),
  };
}

function isUntyped(schema: ir.Schema): boolean {
  return schema.kind === 'unknown' || schema.kind === 'string' || schema.kind === 'binary';
}
