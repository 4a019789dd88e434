/**
 * Checks a response body against the spec's response schema with ajv (+ ajv-formats) compiling
 * the spec's own schema text, made JSON-Schema-clean first (3.0 `nullable` and boolean exclusive
 * bounds, 2.0 `x-nullable`). An oracle independent of the generated validators, which check the
 * same bodies inside the client (`validate: { response: 'strict' }`).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export interface Issue {
  path: string;
  message: string;
}

/** `pointer` names the response's schema in the (3.x-shaped) document. */
export type ResponseChecker = (pointer: string, data: unknown) => Issue[];

export function createResponseChecker(document: Record<string, unknown>, version: '2.0' | '3.0' | '3.1'): ResponseChecker {
  return createAjvChecker(document, version);
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

function createAjvChecker(document: Record<string, unknown>, version: '2.0' | '3.0' | '3.1'): ResponseChecker {
  const options = { strict: false, allErrors: true, logger: false } as const;
  const ajv = version === '3.1' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(format, true);
  ajv.addSchema(jsonSchemaClean(structuredClone(document), version !== '3.1'), 'spec');
  const compiled = new Map<string, ValidateFunction>();
  return (pointer, data) => {
    let validate = compiled.get(pointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `spec${pointer}` });
      compiled.set(pointer, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: `${e.keyword}: ${e.message ?? ''}` }));
  };
}

/** 3.0/2.0 keywords ajv does not read as OpenAPI means them, rewritten in place (iteratively: specs nest deep). */
function jsonSchemaClean(root: unknown, draft4Bounds: boolean): Record<string, unknown> {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    const object = node as Record<string, unknown>;
    if (draft4Bounds) {
      for (const [exclusive, inclusive] of [
        ['exclusiveMinimum', 'minimum'],
        ['exclusiveMaximum', 'maximum'],
      ] as const) {
        if (object[exclusive] === true && typeof object[inclusive] === 'number') {
          object[exclusive] = object[inclusive];
          delete object[inclusive];
        } else if (typeof object[exclusive] === 'boolean') delete object[exclusive];
      }
    }
    if (object['type'] === 'file') delete object['type'];
    if (object['nullable'] === true || object['x-nullable'] === true) {
      const rest = { ...object };
      delete rest['nullable'];
      delete rest['x-nullable'];
      for (const key of Object.keys(object)) delete object[key];
      object['anyOf'] = [rest, { type: 'null' }];
      stack.push(rest);
      continue;
    }
    stack.push(...Object.values(object));
  }
  return root as Record<string, unknown>;
}
