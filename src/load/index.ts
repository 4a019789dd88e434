/** load/: spec file(s) → one plain JSON document with only internal `$ref`s. */
export { loadSpec } from './load-spec.js';
export { validateSpec } from './validate-spec.js';
export type { LoadedSpec, LoadOptions } from './loaded-spec.js';
