/**
 * Type-checks generated code the way its strictest users compile it. Uses the native TypeScript 7
 * compiler (about 3× faster than 5.9) from the `typescript7` alias.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { BODIES_NOCHECK } from '../../src/emit/ts/nocheck.js';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

export const strictCompilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: false,
  // The generated code must not need @types/node.
  types: [] as string[],
};

export interface TypeError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/**
 * Writes a tsconfig.json (and a package.json marking ESM) into `dir` and compiles `include`. The
 * validators and endpoint bodies of every client under `dir` are checked too: their `// @ts-nocheck`
 * is removed first.
 */
export async function typecheck(dir: string, include: string[], extra: Record<string, unknown> = {}): Promise<TypeError[]> {
  exposeValidators(dir);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...strictCompilerOptions, ...extra }, include }, null, 2),
  );
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const tsc = path.join(repoRoot, 'node_modules', 'typescript7', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { maxBuffer: 64 * 1024 * 1024 });
    return [];
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    if (stdout.trim() === '') throw error;
    return parseDiagnostics(stdout);
  }
}

/**
 * validators.gen.ts and endpoints/*.gen.ts tell users' compilers to skip their bodies
 * (src/emit/ts/nocheck.ts); the tests check them.
 */
export function exposeValidators(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.gen\.m?ts$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    if (text.includes(BODIES_NOCHECK)) writeFileSync(file, text.replace(BODIES_NOCHECK, ''));
  }
}

function parseDiagnostics(output: string): TypeError[] {
  const errors: TypeError[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (match) errors.push({ file: match[1] ?? '', line: Number(match[2]), code: match[3] ?? '', message: match[4] ?? '' });
  }
  return errors;
}
