/**
 * 2.0 parameters → 3.0: the schema keywords written on the parameter move into `schema`,
 * `collectionFormat` becomes `style`/`explode`, and `formData` parameters become one form body.
 */
import { isObject, type JsonObject } from './context.js';
import type { RefHomes } from './swagger2-ref-homes.js';
import { setOwn } from './swagger2-json.js';

const collectionStyles: Record<string, { style: string; explode: boolean }> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  tsv: { style: 'form', explode: false },
  multi: { style: 'form', explode: true },
};

/**
 * The schema keywords a 2.0 parameter or header carries itself (Swagger 2.0 Parameter Object and
 * Header Object; they live under `schema` in 3.0), plus `x-nullable`.
 */
export const schemaKeys: readonly string[] = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'x-nullable',
];

export function convertParameter(param: JsonObject, homes: RefHomes): JsonObject {
  const out: JsonObject = {};
  homes.converted.set(param, out);
  for (const key of ['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue']) {
    if (param[key] !== undefined) setOwn(out, key, param[key]);
  }
  for (const [key, value] of Object.entries(param)) if (key.startsWith('x-') && key !== 'x-nullable') setOwn(out, key, value);
  const schema: JsonObject = {};
  for (const key of schemaKeys) if (param[key] !== undefined) setOwn(schema, key, param[key]);
  setOwn(out, 'schema', schema);
  if (param['type'] === 'array') {
    const format = typeof param['collectionFormat'] === 'string' ? param['collectionFormat'] : 'csv';
    const mapped = collectionStyles[format] ?? { style: 'form', explode: false };
    const style = param['in'] === 'path' || param['in'] === 'header' ? 'simple' : mapped.style;
    setOwn(out, 'style', style);
    setOwn(out, 'explode', style === 'simple' ? false : mapped.explode);
  }
  return out;
}

export function convertFormData(form: JsonObject[], consumes: string[], homes: RefHomes): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const param of form) {
    const name = String(param['name']);
    const converted = convertParameter(param, homes);
    setOwn(properties, name, converted['schema']);
    if (param['required'] === true) required.push(name);
  }
  const hasFile = form.some((p) => p['type'] === 'file' || (isObject(p['schema']) && p['schema']['format'] === 'binary'));
  const mediaType =
    consumes.find((c) => c.startsWith('multipart/')) ?? (hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded');
  const content: JsonObject = {};
  setOwn(content, mediaType, { schema: { type: 'object', properties, required } });
  return { required: required.length > 0, content };
}
