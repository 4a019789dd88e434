/** The IR: import as `import type * as ir from '../ir/index.js'`. */
export type * from './schema.js';
export type * from './document.js';
export { walkSchema } from './walk.js';
