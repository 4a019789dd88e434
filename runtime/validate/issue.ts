/**
 * What a generated validator reports. Validators are compiled per schema into validators.gen.ts
 * (src/emit/validators/); this folder holds only the small helpers their code calls and the two
 * pipeline steps (request.ts, response.ts).
 */

/** One way a value breaks its schema. */
export interface ValidationIssue {
  /** JSON pointer into the value (`/items/0/price`; `''` is the value itself). */
  path: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `pattern`, `readOnly` …). */
  keyword: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/**
 * A compiled check: appends its issues to `issues` (paths prefixed with `path`) and tells whether
 * the value is valid. The shape every function in validators.gen.ts has.
 */
export type SchemaCheck = (value: unknown, path: string, issues: ValidationIssue[]) => boolean;

/** What an operation descriptor's `validate` holds (runtime/client/descriptor.ts). */
export interface OperationValidators {
  /** Checks the params object: parameters under their keys, the body under its key. */
  readonly request?: SchemaCheck;
  /** Status (`200`, `4XX`, `default`) → check of that response's JSON body. */
  readonly responses?: Readonly<Record<string, SchemaCheck>>;
}

/** Records an issue; returns `false` so compiled code can write `ok = fail(…)`. */
export function fail(issues: ValidationIssue[], path: string, keyword: string, message: string): false {
  issues.push({ path, keyword, message });
  return false;
}

/**
 * The three issues compiled code reports most (GitHub's validators hold ~14,000 required and
 * ~23,000 type checks): one short call each, so every check stays one readable line and the
 * generated module stays small. Same issues, same messages as the `fail` each one stands for.
 */
export function missing(issues: ValidationIssue[], path: string, key: string): false {
  return fail(issues, `${path}/${pointerToken(key)}`, 'required', `must have required property '${key}'`);
}

/** `type` failed: `types` as the message names them (`string`, `string or null`). */
export function wrongType(issues: ValidationIssue[], path: string, types: string): false {
  return fail(issues, path, 'type', `must be ${types}`);
}

/** A string `format` check failed (`uri`, `date-time` …). */
export function badFormat(issues: ValidationIssue[], path: string, format: string): false {
  return fail(issues, path, 'format', `must be a valid ${format}`);
}

/** An object key as a JSON pointer token (RFC 6901 §4): `~` → `~0`, `/` → `~1`. */
export function pointerToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}
