/**
 * Swagger 2.0 → an OpenAPI 3.0-shaped document, so one set of normalizers serves every version.
 * Follows the OAS 2.0 → 3.0 mapping: definitions → components.schemas, body/formData parameters →
 * requestBody, produces/consumes → content maps, host/basePath/schemes → servers,
 * collectionFormat → style/explode, securityDefinitions → securitySchemes.
 * Pure: the input is never mutated; keys are set as own properties (a `__proto__` key stays data).
 */
import { isObject, type JsonObject } from './context.js';
import { setOwn, stringList } from './swagger2-json.js';
import { convertPathItem } from './swagger2-operations.js';
import { convertParameter } from './swagger2-parameters.js';
import { createRefHomes, relocateRefs } from './swagger2-ref-homes.js';
import { convertResponse } from './swagger2-responses.js';
import { rewriteRefs } from './swagger2-rewrite-refs.js';
import { convertServers } from './swagger2-servers.js';
import { convertSecurityDefinitions } from './swagger2-security.js';

export function upgradeSwagger2(doc: JsonObject): JsonObject {
  const homes = createRefHomes();
  const root = rewriteRefs(doc, homes) as JsonObject;
  const out: JsonObject = {};
  setOwn(out, 'openapi', '3.0.3');
  for (const key of ['info', 'tags', 'security', 'externalDocs']) if (root[key] !== undefined) setOwn(out, key, root[key]);
  for (const [key, value] of Object.entries(root)) if (key.startsWith('x-')) setOwn(out, key, value);
  setOwn(out, 'servers', convertServers(root));

  const consumes = stringList(root['consumes']) ?? ['application/json'];
  const produces = stringList(root['produces']) ?? ['application/json'];
  const globalParams = isObject(root['parameters']) ? root['parameters'] : {};
  const components: JsonObject = {};
  setOwn(components, 'schemas', isObject(root['definitions']) ? root['definitions'] : {});
  const parameters: JsonObject = {};
  for (const [name, param] of Object.entries(globalParams)) {
    if (isObject(param) && param['in'] !== 'body' && param['in'] !== 'formData')
      setOwn(parameters, name, convertParameter(param, homes));
  }
  setOwn(components, 'parameters', parameters);
  const responses: JsonObject = {};
  if (isObject(root['responses'])) {
    for (const [name, response] of Object.entries(root['responses']))
      setOwn(responses, name, convertResponse(response, produces, homes));
  }
  setOwn(components, 'responses', responses);
  setOwn(components, 'securitySchemes', convertSecurityDefinitions(root['securityDefinitions']));
  setOwn(out, 'components', components);

  const paths: JsonObject = {};
  if (isObject(root['paths'])) {
    for (const [path, item] of Object.entries(root['paths'])) {
      if (isObject(item)) setOwn(paths, path, convertPathItem(item, { root, globalParams, consumes, produces, homes }));
    }
  }
  setOwn(out, 'paths', paths);
  // Refs into the 2.0 layout (`#/paths/…/responses/200/schema`) follow their value to its 3.0 place.
  relocateRefs(root, out, homes);
  return out;
}
