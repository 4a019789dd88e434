/**
 * Which of a response's media types a mock answers with. The rules are the runtime's own, imported,
 * so a mock answers JSON exactly where the generated client parses JSON, and streams exactly where
 * it reads item by item (src/plan/plan-stream.ts decides the same way).
 */
import type * as ir from '../ir/index.js';
import { isJsonMediaType } from '../../runtime/request/body.js';
import { isEventStreamMediaType } from '../../runtime/transport/event-stream.js';
import { isJsonLinesMediaType } from '../../runtime/transport/json-lines.js';

/** Sequential media types: answered item by item when the request asks for them. */
export function isStreamMediaType(mediaType: string): boolean {
  return isEventStreamMediaType(mediaType) || isJsonLinesMediaType(mediaType);
}

/** The media type a mock answers with: the first JSON one, else the first that is not a stream, else the first. */
export function chooseContent(response: Pick<ir.Response, 'content'>): ir.MediaTypeContent | undefined {
  return (
    response.content.find((c) => isJsonMediaType(c.mediaType)) ??
    response.content.find((c) => !isStreamMediaType(c.mediaType)) ??
    response.content[0]
  );
}
