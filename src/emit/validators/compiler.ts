/**
 * What every keyword family compiles with: the module's context, the code being written, the
 * direction (plain, request, response) and a way to compile a subschema at another site. Its own
 * module, so keyword files depend on this shape and not on compile-schema.ts (which imports them).
 */
import type { Code, Site } from './code.js';
import type { CompileContext, Direction } from './context.js';

export interface Compiler {
  ctx: CompileContext;
  /** Pointer of the schema whose function is being compiled (for cycles that never look into the value). */
  root: string;
  code: Code;
  direction: Direction;
  /** Compiles a subschema at another site (properties, items, combinators). */
  schema(schema: unknown, pointer: string, site: Site): void;
}
