/**
 * Turns a generated client into something node can import: a scratch copy where every .ts file gets
 * a .js next to it from `ts.transpileModule` (TypeScript 5.9; the generated imports already end in
 * `.js`, so nothing is rewritten). Outputs are cached by content: the runtime is the same in every
 * client. Syntax diagnostics are kept: spec text that broke out of a literal shows up there.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  isolatedModules: true,
};

/** Files under `dir` ending in `suffix`, posix paths relative to it, sorted. */
export function listFiles(dir: string, suffix: string, base = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix, base));
    else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return found.sort();
}

export interface Transpiled {
  /** Source text of every .ts file, by path relative to the client. */
  sources: Map<string, string>;
  diagnostics: string[];
}

/** Copies `outDir` to `execDir` and writes `<file>.js` beside every `<file>.ts` there. */
export function transpileClient(outDir: string, execDir: string, cacheDir: string): Transpiled {
  rmSync(execDir, { recursive: true, force: true });
  cpSync(outDir, execDir, { recursive: true });
  writeFileSync(path.join(execDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  mkdirSync(cacheDir, { recursive: true });
  const sources = new Map<string, string>();
  const diagnostics: string[] = [];
  for (const rel of listFiles(execDir, '.ts').filter((f) => !f.endsWith('.d.ts'))) {
    const source = readFileSync(path.join(execDir, rel), 'utf8');
    sources.set(rel, source);
    const key = createHash('sha256')
      .update(`${ts.version}\0${JSON.stringify(compilerOptions)}\0${source}`)
      .digest('hex');
    const cached = path.join(cacheDir, `${key}.js`);
    let output: string;
    if (existsSync(cached)) {
      output = readFileSync(cached, 'utf8');
    } else {
      const result = ts.transpileModule(source, { compilerOptions, fileName: rel, reportDiagnostics: true });
      const found = result.diagnostics ?? [];
      for (const d of found) diagnostics.push(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      output = result.outputText;
      if (found.length === 0) {
        const temp = `${cached}.${process.pid}.tmp`;
        writeFileSync(temp, output);
        renameSync(temp, cached);
      }
    }
    writeFileSync(path.join(execDir, rel.replace(/\.ts$/, '.js')), output);
  }
  return { sources, diagnostics };
}

/** The oracle child's own files (TypeScript, node: imports only). */
const CHILD_SOURCES = ['oracle-child.ts', 'oracle-calls.ts', 'oracle-checks.ts'];

/**
 * Compiles the oracle child (oracle-child.ts + oracle-calls.ts) to JavaScript under `root`, in a
 * folder named by their content, and returns the entry file to run with node.
 */
export function compileChild(root: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sources = CHILD_SOURCES.map((name) => [name, readFileSync(path.join(here, name), 'utf8')] as const);
  const hash = createHash('sha256').update(ts.version).update(JSON.stringify(sources)).digest('hex').slice(0, 16);
  const dir = path.join(root, hash);
  const entry = path.join(dir, 'oracle-child.js');
  if (existsSync(entry)) return entry;
  const temp = `${dir}.${process.pid}.tmp`;
  mkdirSync(temp, { recursive: true });
  writeFileSync(path.join(temp, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const [name, source] of sources) {
    const result = ts.transpileModule(source, { compilerOptions, fileName: name, reportDiagnostics: true });
    if ((result.diagnostics ?? []).length > 0)
      throw new Error(
        `${name} does not compile: ${ts.flattenDiagnosticMessageText(result.diagnostics?.[0]?.messageText ?? '', ' ')}`,
      );
    writeFileSync(path.join(temp, name.replace(/\.ts$/, '.js')), result.outputText);
  }
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another worker got there first
  }
  return entry;
}
