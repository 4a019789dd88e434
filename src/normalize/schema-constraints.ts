/**
 * The validation keywords of a Schema Object that bound its values (JSON Schema Validation §6.2–6.4)
 * and its example, as IR fields. 3.0 and 2.0 write exclusive bounds as booleans beside
 * `minimum`/`maximum` (draft 4); 3.1 as numbers (draft 2020-12): the IR always holds numbers.
 */
import type * as ir from '../ir/index.js';
import type { JsonObject } from './context.js';

type Constraints = Pick<
  ir.SchemaMeta,
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'multipleOf'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'uniqueItems'
  | 'example'
>;

export function readConstraints(raw: JsonObject): Constraints {
  const out: Constraints = {};
  const number = (key: string): number | undefined => {
    const value = raw[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const count = (key: string): number | undefined => {
    const value = number(key);
    return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
  };
  const bound = (inclusiveKey: 'minimum' | 'maximum', exclusiveKey: 'exclusiveMinimum' | 'exclusiveMaximum'): void => {
    const inclusive = number(inclusiveKey);
    const exclusive = raw[exclusiveKey];
    if (exclusive === true && inclusive !== undefined) out[exclusiveKey] = inclusive;
    else if (inclusive !== undefined) out[inclusiveKey] = inclusive;
    if (typeof exclusive === 'number' && Number.isFinite(exclusive)) out[exclusiveKey] = exclusive;
  };
  bound('minimum', 'exclusiveMinimum');
  bound('maximum', 'exclusiveMaximum');
  const multipleOf = number('multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) out.multipleOf = multipleOf;
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    const value = count(key);
    if (value !== undefined) out[key] = value;
  }
  if (raw['uniqueItems'] === true) out.uniqueItems = true;
  if (raw['example'] !== undefined) out.example = raw['example'];
  else if (Array.isArray(raw['examples']) && raw['examples'].length > 0) out.example = raw['examples'][0];
  return out;
}
