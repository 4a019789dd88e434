/** 2.0 responses → 3.0: the schema under each produced media type, `examples` per media type, header schemas. */
import { isObject, type JsonObject } from './context.js';
import type { RefHomes } from './swagger2-ref-homes.js';
import { setOwn } from './swagger2-json.js';
import { schemaKeys } from './swagger2-parameters.js';

export function convertResponse(response: unknown, produces: string[], homes: RefHomes): unknown {
  if (!isObject(response) || typeof response['$ref'] === 'string') return response;
  const out: JsonObject = {};
  homes.converted.set(response, out);
  setOwn(out, 'description', typeof response['description'] === 'string' ? response['description'] : '');
  if (response['schema'] !== undefined) {
    const content: JsonObject = {};
    // 2.0 `examples` are keyed by media type: each becomes that media type's `example`.
    const examples = isObject(response['examples']) ? response['examples'] : {};
    for (const mediaType of produces) {
      const media: JsonObject = { schema: response['schema'] };
      if (Object.hasOwn(examples, mediaType)) media['example'] = examples[mediaType];
      setOwn(content, mediaType, media);
    }
    setOwn(out, 'content', content);
  }
  if (isObject(response['headers'])) {
    const headers: JsonObject = {};
    for (const [name, header] of Object.entries(response['headers'])) {
      if (!isObject(header)) continue;
      const schema: JsonObject = {};
      for (const key of schemaKeys) if (header[key] !== undefined) setOwn(schema, key, header[key]);
      setOwn(headers, name, { description: header['description'], schema });
    }
    setOwn(out, 'headers', headers);
  }
  return out;
}
