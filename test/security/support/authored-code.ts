/**
 * What the generator itself writes as code, so the static scan (scan-generated.ts) can tell it from
 * spec text that broke out of a literal. Nothing here is a hand list of generated output: the
 * built-ins come from the emitters' own source (src/emit/), the README's constructions from its
 * template, and the rest from the declarations of the generated file being scanned.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../support/paths.js';

const globals = globalThis as unknown as Record<string, unknown>;
const isBuiltin = (name: string): boolean => typeof globals[name] === 'function';

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.ts'))
    .map((rel) => path.join(dir, rel));
}

/** The text of every string and template literal the emitters hold: the code they write. */
function emittedText(): string {
  const pieces: string[] = [];
  for (const file of sourceFilesUnder(path.join(repoRoot, 'src', 'emit'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) pieces.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return pieces.join('\n');
}

export interface EmitterVocabulary {
  /** `Array.isArray`, `Object.hasOwn`, …: static calls on a built-in that some emitter writes. */
  staticCalls: Set<string>;
  /** `RegExp`, `Set`, …: built-in constructors some emitter writes after `new`. */
  constructors: Set<string>;
}

let vocabulary: EmitterVocabulary | undefined;

export function emitterVocabulary(): EmitterVocabulary {
  if (vocabulary !== undefined) return vocabulary;
  const text = emittedText();
  const staticCalls = new Set<string>();
  for (const [, owner = '', member = ''] of text.matchAll(/\b([A-Z][A-Za-z]*)\.([a-z][A-Za-z]*)\(/g)) {
    const builtin = globals[owner] as Record<string, unknown> | undefined;
    if (isBuiltin(owner) && typeof builtin?.[member] === 'function') staticCalls.add(`${owner}.${member}`);
  }
  const constructors = new Set<string>();
  for (const [, name = ''] of text.matchAll(/\bnew ([A-Z][A-Za-z]*)\b/g)) if (isBuiltin(name)) constructors.add(name);
  vocabulary = { staticCalls, constructors };
  return vocabulary;
}

let templateCode: string[] | undefined;

/** The README template's TypeScript examples, each line without a Handlebars slot, whitespace-collapsed. */
function readmeTemplateCode(): string[] {
  if (templateCode !== undefined) return templateCode;
  const template = readFileSync(path.join(repoRoot, 'templates', 'README.md.hbs'), 'utf8');
  templateCode = [...template.matchAll(/```ts\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] ?? '').split('\n'))
    .filter((line) => !line.includes('{{'))
    .map(collapse);
  return templateCode;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A `new` expression of the README that the template wrote as is (no slot spec text could fill). */
export function isTemplateConstruction(node: ts.NewExpression): boolean {
  const text = collapse(node.getText());
  return readmeTemplateCode().some((line) => line.includes(text));
}

/** What one generated file declares, so calls to its own functions and constants are recognised. */
export interface FileDeclarations {
  /** Names imported from the copied runtime (`./runtime/index.js`), under their local names. */
  runtimeImports: Set<string>;
  /** Functions the file declares (their names are sanitized identifiers). */
  functions: Set<string>;
  /** Top-level constants built with `new <built-in>(literals)`, by name → the built-in. */
  builtinConstants: Map<string, string>;
  /** Variables declared with `let`. */
  lets: Set<string>;
}

const RUNTIME_MODULE = /^(?:\.\.?\/)+runtime\/index\.js$/;

/** A literal, or an array of literals: the only arguments spec text may shape. */
export function isLiteralOnly(node: ts.Expression): boolean {
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteralOnly);
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  );
}

/** A `new <built-in an emitter writes>(<literals>)`: how the validators hold patterns and value sets. */
export function isBuiltinConstruction(node: ts.NewExpression): boolean {
  return (
    ts.isIdentifier(node.expression) &&
    emitterVocabulary().constructors.has(node.expression.text) &&
    (node.arguments ?? []).every(isLiteralOnly)
  );
}

export function fileDeclarations(file: ts.SourceFile): FileDeclarations {
  const declared: FileDeclarations = {
    runtimeImports: new Set(),
    functions: new Set(),
    builtinConstants: new Map(),
    lets: new Set(),
  };
  for (const statement of file.statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    const from =
      ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
    if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings) && RUNTIME_MODULE.test(from) && !clause.isTypeOnly)
      for (const element of clause.namedBindings.elements)
        if (!element.isTypeOnly) declared.runtimeImports.add(element.name.text);
    if (ts.isFunctionDeclaration(statement) && statement.name) declared.functions.add(statement.name.text);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && ts.isNewExpression(init) && isBuiltinConstruction(init))
          declared.builtinConstants.set(d.name.text, (init.expression as ts.Identifier).text);
      }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Let) !== 0)
      for (const d of node.declarations) if (ts.isIdentifier(d.name)) declared.lets.add(d.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return declared;
}

/** A call the generator writes: a runtime helper, a function of the file, a built-in, or a method of a built-in constant. */
export function isAuthoredCall(node: ts.CallExpression, declared: FileDeclarations): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return declared.runtimeImports.has(callee.text) || declared.functions.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const owner = callee.expression.text;
  const member = callee.name.text;
  if (emitterVocabulary().staticCalls.has(`${owner}.${member}`)) return true;
  const builtin = member === 'constructor' ? undefined : declared.builtinConstants.get(owner);
  const prototype =
    builtin === undefined ? undefined : ((globals[builtin] as { prototype?: Record<string, unknown> }).prototype ?? {});
  return prototype !== undefined && typeof prototype[member] === 'function';
}

/** An assignment to a `let` of the file (`ok = fail(…)`); anything else assigned is spec text running. */
export function isAuthoredAssignment(node: ts.BinaryExpression, declared: FileDeclarations): boolean {
  return ts.isIdentifier(node.left) && declared.lets.has(node.left.text);
}
