/**
 * The static half of the oracle: reads the syntax of the generated (non-runtime) files and of the
 * README's TypeScript example. Spec text may only be a literal, a comment or a sanitized name, so:
 * the only calls, `new`s and assignments are the ones the generator writes itself (authored-code.ts:
 * runtime helpers, the file's own functions, built-ins the emitters write, `let`s of the file, the
 * README template's own lines), nothing names `globalThis`, no template has a substitution, no raw
 * bidi control character appears; and every string enum and property name of the spec is found,
 * byte for byte, in types.gen.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  fileDeclarations,
  isAuthoredAssignment,
  isAuthoredCall,
  isBuiltinConstruction,
  isTemplateConstruction,
} from './authored-code.js';
import type { Expectations, Mismatch } from './oracle-types.js';
import { compilerOptions } from './transpile-client.js';

const GENERATED_CALL_NAMES = new Set(['client.request', '$paginate', '$stream', 'createClientCore', 'bindOperations']);
const GENERATED_CALLS = (callee: string): boolean => GENERATED_CALL_NAMES.has(callee);
/**
 * The README's examples may create a client and call it: `<client>.<operation>(…)` by the sanitized
 * names the generated modules export, then `.safe()`, `.withResponse()` or `.pages()` on the call,
 * and log a result. A callee is a plain chain of identifiers or such a call — never a string,
 * element access or anything else spec text could shape.
 */
const README_CALL_CHAIN = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\([^()]*\)\.(?:safe|withResponse|pages))?$/;
const README_CALLS = (callee: string): boolean => README_CALL_CHAIN.test(callee);
/** Bidirectional controls (Trojan Source, CVE-2021-42574): they reorder how code reads on screen. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export interface StaticScan {
  transpileDiagnostics: string[];
  unexpectedCalls: string[];
  codeReferences: string[];
  bidiControls: string[];
  mismatches: Mismatch[];
  enumsChecked: number;
  propertyNamesChecked: number;
}

interface Collected {
  unions: string[][];
  propertyNames: Set<string>;
}

function stringLiteralOf(node: ts.Node): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

function isAssignment(node: ts.Node): boolean {
  return (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

function scanCode(
  scan: StaticScan,
  rel: string,
  source: string,
  allowedCalls: (callee: string) => boolean,
  collected: Collected,
): void {
  const file = ts.createSourceFile(rel, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const flag = (list: string[], node: ts.Node, what: string): void => {
    list.push(`${rel}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}: ${node.getText().slice(0, 120)}`);
  };
  const declared = fileDeclarations(file);
  const readme = rel.startsWith('README.md#');
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !allowedCalls(node.expression.getText()) && !isAuthoredCall(node, declared))
      flag(scan.unexpectedCalls, node, 'call');
    const authoredNew = ts.isNewExpression(node) && (isBuiltinConstruction(node) || (readme && isTemplateConstruction(node)));
    if ((ts.isNewExpression(node) && !authoredNew) || ts.isTaggedTemplateExpression(node) || ts.isTemplateExpression(node))
      flag(scan.unexpectedCalls, node, 'expression');
    if (isAssignment(node) && !isAuthoredAssignment(node as ts.BinaryExpression, declared))
      flag(scan.unexpectedCalls, node, 'assignment');
    // `globalThis.x` / `x.__pwned` as code. (A sanitized name may well read `globalThis`: declaring it is fine.)
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const base = node.expression;
      const member = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : '';
      if ((ts.isIdentifier(base) && base.text === 'globalThis') || member === '__pwned')
        flag(scan.codeReferences, node, 'access');
    }
    if (rel === 'types.gen.ts') {
      if (ts.isUnionTypeNode(node)) {
        const strings = node.types.map(stringLiteralOf).filter((s): s is string => s !== undefined);
        if (strings.length > 0) collected.unions.push(strings);
      } else {
        const single = stringLiteralOf(node);
        if (single !== undefined && !ts.isUnionTypeNode(node.parent)) collected.unions.push([single]);
      }
      if (
        ts.isPropertySignature(node) &&
        (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isNumericLiteral(node.name))
      ) {
        collected.propertyNames.add(node.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

function findBidi(scan: StaticScan, rel: string, text: string): void {
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(BIDI)) {
      scan.bidiControls.push(
        `${rel}:${index + 1} U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
      );
    }
  });
}

/** Scans `sources` (every .ts of the client, by relative path) and the README in `outDir`. */
export function scanGenerated(outDir: string, sources: ReadonlyMap<string, string>, expect: Expectations): StaticScan {
  const scan: StaticScan = {
    transpileDiagnostics: [],
    unexpectedCalls: [],
    codeReferences: [],
    bidiControls: [],
    mismatches: [],
    enumsChecked: 0,
    propertyNamesChecked: 0,
  };
  const collected: Collected = { unions: [], propertyNames: new Set() };
  for (const [rel, source] of sources) {
    if (rel.startsWith('runtime/')) continue;
    scanCode(scan, rel, source, GENERATED_CALLS, collected);
    findBidi(scan, rel, source);
  }
  const readmeFile = path.join(outDir, 'README.md');
  if (existsSync(readmeFile)) {
    const readme = readFileSync(readmeFile, 'utf8');
    findBidi(scan, 'README.md', readme);
    [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].forEach((block, index) => {
      const rel = `README.md#ts-${index + 1}`;
      scanCode(scan, rel, block[1] ?? '', README_CALLS, collected);
      const result = ts.transpileModule(block[1] ?? '', { compilerOptions, reportDiagnostics: true });
      for (const d of result.diagnostics ?? [])
        scan.transpileDiagnostics.push(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    });
  }
  checkEnums(scan, collected.unions, expect.enums);
  for (const name of expect.propertyNames) {
    scan.propertyNamesChecked += 1;
    if (!collected.propertyNames.has(name))
      scan.mismatches.push({ where: 'property name (types.gen.ts)', expected: name, actual: 'missing' });
  }
  return scan;
}

/** Each spec enum must be one string literal union of types.gen.ts, as a set, byte for byte. */
function checkEnums(scan: StaticScan, unions: readonly string[][], enums: readonly string[][]): void {
  const asKey = (values: readonly string[]): string => JSON.stringify([...new Set(values)].sort());
  const available = new Set(unions.map(asKey));
  for (const values of enums) {
    scan.enumsChecked += 1;
    if (available.has(asKey(values))) continue;
    const near = unions.filter((u) => u.some((v) => values.includes(v))).slice(0, 3);
    scan.mismatches.push({
      where: 'enum (string literal union in types.gen.ts)',
      expected: values,
      actual: near.length > 0 ? near : 'no union shares a value',
    });
  }
}
