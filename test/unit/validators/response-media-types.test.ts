/** Which responses get a validator: those whose body the runtime parses as JSON, by the runtime's own rule. */
import { expect, it } from 'vitest';
import { emitClient } from '../../../src/emit/emit-client.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { planClient } from '../../../src/plan/plan-client.js';

const object = { type: 'object', properties: { n: { type: 'integer' } } };
const response = (mediaType: string) => ({ description: 'ok', content: { [mediaType]: { schema: object } } });

it('checks text/json and +json bodies, never a JSON text sequence (a stream, not one JSON body)', () => {
  const spec = {
    openapi: '3.0.3',
    info: { title: 'Media', version: '1' },
    paths: {
      '/a': {
        get: {
          operationId: 'getA',
          responses: {
            '200': response('application/json-seq'),
            '201': response('text/json'),
            '202': response('application/vnd.media+json; charset=utf-8'),
          },
        },
      },
    },
  };
  const { document } = normalizeDocument({ document: spec, version: '3.0', file: 'spec.json' });
  const endpoints = emitClient(planClient(document, { specFile: 'spec.json' })).find((f) => f.path.startsWith('endpoints/'));
  expect(endpoints?.content).toContain("validate: { responses: { '201': $v.getA$response201, '202': $v.getA$response202 } },");
});
