import { describe, expect, it } from 'vitest';
import { upgradeSwagger2 } from '../../../src/normalize/upgrade-swagger2.js';

const swagger = {
  swagger: '2.0',
  info: { title: 'T', version: '1' },
  host: 'api.example',
  basePath: '/v1',
  schemes: ['http', 'https'],
  securityDefinitions: {
    basic: { type: 'basic' },
    oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://t', scopes: { a: 'A' } },
  },
  parameters: { limit: { name: 'limit', in: 'query', type: 'integer' } },
  paths: {
    '/files': {
      get: {
        parameters: [
          { $ref: '#/parameters/limit' },
          { name: 'ids', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'pipes' },
          {
            name: 'page',
            in: 'query',
            type: 'number',
            minimum: 0,
            exclusiveMinimum: true,
            maximum: 100,
            exclusiveMaximum: true,
            multipleOf: 0.5,
          },
          { name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5, uniqueItems: true },
        ],
        responses: { 200: { description: 'ok', schema: { type: 'array', items: { $ref: '#/definitions/File' } } } },
      },
      post: {
        consumes: ['multipart/form-data'],
        parameters: [{ name: 'content', in: 'formData', type: 'file', required: true }],
        responses: { 201: { description: 'created' } },
      },
    },
  },
  definitions: { File: { type: 'object', discriminator: 'kind', properties: { kind: { type: 'string' } } } },
};

/** Walks JSON data by keys (own properties only); `undefined` when a key is missing. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

describe('upgradeSwagger2', () => {
  const upgraded = upgradeSwagger2(structuredClone(swagger));

  it('turns host, basePath and schemes into servers, https first', () => {
    expect(at(upgraded, 'servers')).toEqual([{ url: 'https://api.example/v1' }, { url: 'http://api.example/v1' }]);
  });

  it('moves definitions and rewrites refs', () => {
    expect(at(upgraded, 'components', 'schemas', 'File', 'discriminator')).toEqual({ propertyName: 'kind' });
    expect(at(upgraded, 'paths', '/files', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'items')).toEqual({
      $ref: '#/components/schemas/File',
    });
  });

  it('inlines parameter refs and maps collectionFormat to style', () => {
    const params = at(upgraded, 'paths', '/files', 'get', 'parameters');
    expect(at(params, 0)).toMatchObject({ name: 'limit', in: 'query', schema: { type: 'integer' } });
    expect(at(params, 1)).toMatchObject({ name: 'ids', style: 'pipeDelimited', explode: false });
  });

  it('moves every schema keyword a 2.0 parameter carries into its schema', () => {
    const parameters = at(upgradeSwagger2(swagger), 'paths', '/files', 'get', 'parameters') as unknown[];
    expect(at(parameters, 2, 'schema')).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 100,
      exclusiveMaximum: true,
      multipleOf: 0.5,
    });
    expect(at(parameters, 3, 'schema')).toEqual({
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
      maxItems: 5,
      uniqueItems: true,
    });
  });

  it('turns formData into a multipart request body with a binary file', () => {
    const body = at(upgraded, 'paths', '/files', 'post', 'requestBody');
    expect(at(body, 'required')).toBe(true);
    expect(at(body, 'content', 'multipart/form-data', 'schema', 'properties', 'content')).toEqual({
      type: 'string',
      format: 'binary',
    });
  });

  it('maps security definitions', () => {
    expect(at(upgraded, 'components', 'securitySchemes', 'basic')).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(at(upgraded, 'components', 'securitySchemes', 'oauth', 'flows')).toEqual({
      clientCredentials: { tokenUrl: 'https://t', scopes: { a: 'A' } },
    });
  });

  it('keeps a __proto__ key as data', () => {
    const hostile = JSON.parse('{"swagger":"2.0","definitions":{"__proto__":{"type":"string"}},"paths":{}}') as Record<
      string,
      unknown
    >;
    const result = upgradeSwagger2(hostile);
    expect(Object.hasOwn(at(result, 'components', 'schemas') as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['type']).toBeUndefined();
  });

  it('rewrites a ref into the 2.0 layout to where the lift put its value', () => {
    const layout = structuredClone(swagger) as Record<string, unknown>;
    layout['paths'] = {
      ...swagger.paths,
      '/copy': {
        get: { responses: { 200: { description: 'ok', schema: { $ref: '#/paths/~1files/get/responses/200/schema' } } } },
      },
    };
    const result = upgradeSwagger2(layout);
    expect(at(result, 'paths', '/copy', 'get', 'responses', '200', 'content', 'application/json', 'schema')).toEqual({
      $ref: '#/paths/~1files/get/responses/200/content/application~1json/schema',
    });
  });
});
