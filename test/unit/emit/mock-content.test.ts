import { describe, expect, it } from 'vitest';
import type * as ir from '../../../src/ir/index.js';
import { chooseContent, isStreamMediaType } from '../../../src/emit/mock-content.js';

const content = (...mediaTypes: string[]): Pick<ir.Response, 'content'> => ({
  content: mediaTypes.map((mediaType) => ({ mediaType, schema: { kind: 'unknown' } })),
});

describe('chooseContent: the media type a mock answers with, by the runtime’s rules', () => {
  it.each([
    ['the first JSON type', { given: content('text/plain', 'application/json'), want: 'application/json' }],
    [
      'a +json type with parameters',
      {
        given: content('text/plain', 'application/problem+json; charset=utf-8'),
        want: 'application/problem+json; charset=utf-8',
      },
    ],
    // The client parses text/json as JSON (runtime/request/body.ts), so the mock answers it as JSON.
    ['text/json, which the client parses as JSON', { given: content('text/plain', 'text/json'), want: 'text/json' }],
    ['not a stream that merely starts with json', { given: content('application/json-seq', 'text/csv'), want: 'text/csv' }],
    ['a stream when nothing else is declared', { given: content('text/event-stream'), want: 'text/event-stream' }],
  ])('%s', (_, { given, want }) => expect(chooseContent(given)?.mediaType).toBe(want));

  it('names every media type the client streams, and no other', () => {
    const streams = ['text/event-stream', 'application/x-ndjson', 'application/jsonl', 'application/json-seq'];
    expect(streams.filter(isStreamMediaType)).toEqual(streams);
    expect(['application/json', 'text/plain', 'application/ndjsonx'].filter(isStreamMediaType)).toEqual([]);
  });
});
