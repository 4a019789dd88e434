/**
 * The `// @ts-nocheck` lines that open generated files made of bodies a user's compiler need not
 * check: validators.gen.ts (megabytes of straight-line checks on a large spec) and endpoints/*.gen.ts
 * (one descriptor literal and one call per operation: on GitHub's spec, checking them was over half
 * of a user's check time). Every signature in them is written out, so the user's code is checked
 * against them as before; apiwright's own tests remove the lines (test/support/typecheck.ts) and
 * check the bodies strictly.
 */
export const BODIES_NOCHECK =
  "// @ts-nocheck\n// Checked strictly by apiwright's tests; your compiler reads the signatures and skips the bodies.\n";
