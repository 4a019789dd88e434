/**
 * The `<name>Stream` companion of an operation whose success response is streamed: the same
 * request, answered as an async iterable of server-sent events (`EventStream<T>`) or JSON Lines
 * values (`JsonLinesStream<T>`), read as the bytes arrive. Both functions share one descriptor.
 */
import type { PlannedOperation } from '../plan/plan-types.js';
import { docComment } from './ts/doc-comment.js';
import type { Writer } from './ts/writer.js';
import { descriptorName } from './operation-descriptor.js';

/** Local name of the runtime's `stream` in endpoint files (`$`: apart from every planned name). */
export const streamFunctionName = '$stream';

/** Runtime types an endpoints file needs for the streams among its operations. */
export function streamRuntimeTypes(operations: readonly PlannedOperation[]): string[] {
  const kinds = new Set(operations.flatMap((op) => (op.stream === undefined ? [] : [op.stream.kind])));
  if (kinds.size === 0) return [];
  return ['StreamOptions', ...(kinds.has('events') ? ['EventStream'] : []), ...(kinds.has('lines') ? ['JsonLinesStream'] : [])];
}

export function emitStreamEndpoint(writer: Writer, planned: PlannedOperation, params: string, route: string): void {
  const stream = planned.stream;
  if (stream === undefined) return;
  const events = stream.kind === 'events';
  const what = events
    ? 'every server-sent event as it arrives (`for await`), its `data` typed'
    : 'every JSON Lines value as it arrives (`for await`)';
  writer.blankLine();
  writer.write(
    docComment([
      `\`${planned.functionName}\`, streamed: ${what}.`,
      `${route} · ${events ? '`text/event-stream`' : 'JSON Lines'}`,
      'Options add `idleTimeoutMs`' + (events ? ', `reconnect` (resumes with `Last-Event-ID`)' : '') + ' and `maxEventLength`.',
    ]),
  );
  const returnType = `${events ? 'EventStream' : 'JsonLinesStream'}<t.${stream.eventType}>`;
  const decoding = stream.schema === undefined && events ? 'text' : 'json';
  writer.writeLine(`export function ${stream.functionName}(client: Client, ${params}, options?: StreamOptions): ${returnType} {`);
  writer.indent(() =>
    writer.writeLine(`return ${streamFunctionName}(client, ${descriptorName(planned)}, params, options, '${decoding}');`),
  );
  writer.writeLine('}');
}
