/** 2.0 `securityDefinitions` → 3.0 `securitySchemes`: basic → http, oauth2 `flow` → `flows`. */
import { isObject, type JsonObject } from './context.js';
import { setOwn } from './swagger2-json.js';

export function convertSecurityDefinitions(raw: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(raw)) return out;
  for (const [name, def] of Object.entries(raw)) {
    if (!isObject(def)) continue;
    if (def['type'] === 'basic') setOwn(out, name, { type: 'http', scheme: 'basic', description: def['description'] });
    else if (def['type'] === 'apiKey') setOwn(out, name, def);
    else if (def['type'] === 'oauth2') {
      const flowName = {
        implicit: 'implicit',
        password: 'password',
        application: 'clientCredentials',
        accessCode: 'authorizationCode',
      }[String(def['flow'])];
      if (!flowName) continue;
      const flow: JsonObject = {};
      for (const key of ['authorizationUrl', 'tokenUrl', 'scopes']) if (def[key] !== undefined) setOwn(flow, key, def[key]);
      if (flow['scopes'] === undefined) setOwn(flow, 'scopes', {});
      const flows: JsonObject = {};
      setOwn(flows, flowName, flow);
      setOwn(out, name, { type: 'oauth2', flows, description: def['description'] });
    }
  }
  return out;
}
