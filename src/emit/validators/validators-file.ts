/**
 * validators.gen.ts: for every named schema `X`, `isX` / `validateX` / `parseX` over a compiled
 * check function, plus each operation's params and response checks the endpoint descriptors
 * point at. One ESM module of top-level functions: a bundler keeps only the functions an import
 * reaches (hoisted constants are marked pure), so one file tree-shakes as well as many.
 *
 * The file opens with `// @ts-nocheck` (VALIDATORS_NOCHECK): on a large spec it is megabytes of
 * straight-line code, and a user's `tsc` spent most of its time checking it (GitHub's spec: check
 * time 26.9 s with it, 9.3 s without). The user's compiler still reads every signature (they are
 * all written out); apiwright's own tests check the bodies strictly with the directive removed.
 */
import type { Diagnostic } from '../../errors.js';
import { importSpecifier } from '../../plan/import-specifier.js';
import type { ClientPlan } from '../../plan/plan-types.js';
import { escapeCodeUnit, invisible } from '../ts/literal.js';
import { layoutLines } from '../ts/layout.js';
import { BODIES_NOCHECK } from '../ts/nocheck.js';
import { Code } from './code.js';
import { createCompiler } from './compile-schema.js';
import { CompileContext, helperAlias, type Direction } from './context.js';
import { createSensitivity } from './direction.js';
import { planOperationChecks, type OperationChecks, type PendingCheck } from './operation-checks.js';
import { validatorSource, type ValidatedOperation, type ValidatorSource } from './source.js';

export interface ValidatorNames {
  /** Public names (`isPet`, `validatePet`, `parsePet` …), for index.ts. */
  exports: string[];
  /** Per operation: the functions its descriptor's `validate` names. */
  operations: Map<ValidatedOperation, OperationChecks>;
}

export interface ValidatorsModule extends ValidatorNames {
  content: string;
  warnings: Diagnostic[];
}

/** Named once, compiled next: what naming found and what compiling still has to write. */
interface NamedValidators extends ValidatorNames {
  ctx: CompileContext;
  publicApi: Code;
  pending: PendingCheck[];
}

export function emitValidatorsModule(plan: ClientPlan, raw: unknown): ValidatorsModule {
  return compileValidators(validatorSource(plan, raw));
}

/** The whole module: every function named first (what the index and descriptors refer to), then compiled. */
export function compileValidators(source: ValidatorSource): ValidatorsModule {
  const { ctx, pending, publicApi, exports, operations } = nameAll(source);
  const functions: string[] = [];
  for (const check of pending)
    functions.push(compileFunction(ctx, check.name, check.schema, check.pointer, check.direction, true));
  // Compiling can queue more functions (refs): drain until every reachable schema has one.
  for (let i = 0; i < ctx.queue.length; i++) {
    const next = ctx.queue[i];
    if (next === undefined) break;
    const schema = next.schema ?? ctx.lookup(next.pointer);
    functions.push(compileFunction(ctx, next.name, schema, next.pointer, next.direction, true));
  }
  const content = render(ctx, source, functions, publicApi, exports.length > 0);
  return { content, exports, operations, warnings: ctx.warnings };
}

function nameAll(source: ValidatorSource): NamedValidators {
  const dialect = source.specVersion === '3.1' ? '2020-12' : 'draft4';
  let lookup = (pointer: string): unknown => pointer;
  const sensitive = createSensitivity((pointer) => lookup(pointer));
  const ctx: CompileContext = new CompileContext(dialect, source.raw, (pointer) => source.typeNames.get(pointer), sensitive);
  lookup = (pointer) => ctx.lookup(pointer);
  const publicApi = new Code();
  const exports: string[] = [];
  // Transformed clients (camelCase names, Date values) type X differently from the wire form the checks read.
  const typed = source.typed;
  for (const id of source.schemaIds) {
    const name = source.typeNames.get(id);
    if (name === undefined) continue;
    const check = ctx.functionFor(id, 'plain');
    const type = typed ? `t.${name}` : 'unknown';
    publicApi.line('');
    publicApi.line(`/** True when \`value\` is a valid \`${name}\`. */`);
    publicApi.line(`export function is${name}(value: unknown): ${typed ? `value is ${type}` : 'boolean'} {`);
    publicApi.line(`  return ${check}(value, '', []);`);
    publicApi.line('}');
    publicApi.line(`export function validate${name}(value: unknown): ValidationResult<${type}> {`);
    publicApi.line(`  return $validateWith<${type}>(${check}, value);`);
    publicApi.line('}');
    publicApi.line(`/** Returns \`value\` as a \`${name}\`, or throws a \`ValidationError\` listing every issue. */`);
    publicApi.line(`export function parse${name}(value: unknown): ${type} {`);
    publicApi.line(`  return $parseWith<${type}>(${check}, value, '${name}');`);
    publicApi.line('}');
    exports.push(`is${name}`, `validate${name}`, `parse${name}`);
  }
  const pending: PendingCheck[] = [];
  const operations = new Map<ValidatedOperation, OperationChecks>();
  for (const planned of source.operations) operations.set(planned, planOperationChecks(ctx, planned, pending));
  return { ctx, publicApi, exports, operations, pending };
}

function compileFunction(
  ctx: CompileContext,
  name: string,
  schema: unknown,
  pointer: string,
  direction: Direction,
  exported: boolean,
): string {
  ctx.resetLocals();
  const code = new Code();
  code.indent(() => {
    code.line('let ok = true;');
    createCompiler(ctx, code, direction, pointer).schema(schema, pointer, {
      value: 'value',
      path: 'path',
      issues: 'issues',
      ok: 'ok',
    });
  });
  const body = code.length === 1 ? '  return true;' : `${code.toString()}\n  return ok;`;
  const used = usedParameters(body);
  const param = (id: string): string => (used.has(id) ? id : `_${id}`);
  const signature = `${param('value')}: unknown, ${param('path')}: string, ${param('issues')}: ValidationIssue[]`;
  const what = direction === 'plain' ? '' : ` (${direction})`;
  const head = layoutLines([
    `/** ${commentText(pointer)}${what} */`,
    `${exported ? 'export ' : ''}function ${name}(${signature}): boolean {`,
  ]);
  return `${head.join('\n')}\n${body}\n}`;
}

/** Which of `value`, `path`, `issues` the body reads (outside string literals). */
function usedParameters(body: string): Set<string> {
  const code = body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return new Set(PARAMETERS.filter(([, pattern]) => pattern.test(code)).map(([name]) => name));
}

const PARAMETERS: readonly (readonly [string, RegExp])[] = [
  ['value', /\bvalue\b/],
  ['path', /\bpath\b/],
  ['issues', /\bissues\b/],
];

/** A pointer as comment text: no comment terminator, no line breaks, invisible characters spelled out. */
function commentText(pointer: string): string {
  return pointer
    .replace(/\*\//g, '*\\/')
    .replace(/[\r\n]/g, ' ')
    .replace(invisible, escapeCodeUnit);
}

/** The first lines of validators.gen.ts (after the generator's header); endpoint files open the same way. */
export const VALIDATORS_NOCHECK = BODIES_NOCHECK;

function render(ctx: CompileContext, source: ValidatorSource, functions: string[], publicApi: Code, hasPublic: boolean): string {
  const runtime = [...ctx.helpers, ...(hasPublic ? ['parseWith', 'validateWith'] : [])].sort();
  const lines: string[] = [];
  lines.push(`import type { ValidationIssue${hasPublic ? ', ValidationResult' : ''} } from './runtime/index.js';`);
  const imports = runtime.map((name) => (helperAlias(name) === name ? name : `${name} as ${helperAlias(name)}`));
  if (runtime.length > 0) lines.push(`import { ${imports.join(', ')} } from './runtime/index.js';`);
  if (hasPublic && source.typed) lines.push(`import type * as t from '${importSpecifier(source.typesFile)}';`);
  if (ctx.constants.length > 0) lines.push('', ...ctx.constants);
  const header = layoutLines(lines).join('\n');
  const body = functions.map((fn) => `\n\n${fn}`).join('');
  return `${VALIDATORS_NOCHECK}${header}${body}\n${publicApi.toString()}\n`;
}
