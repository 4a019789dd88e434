// One batch of `npm run sweep` (bench/sweep.mjs), run in its own process: generates each spec of
// the batch into <dir>/<n>/ with the built generator (dist/), type-checks all of them as one strict
// project with TypeScript 7, and prints one JSON line per spec: { spec, stage, cause?, detail? }.
// Usage: node bench/sweep-batch.mjs <batch.json>  (batch.json: { dir, specs: [{ id, file }] })
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { generate } = await import(path.join(root, 'dist/src/index.js'));
const { BODIES_NOCHECK } = await import(path.join(root, 'dist/src/emit/ts/nocheck.js'));

/** validators.gen.ts and endpoints/*.gen.ts tell users' compilers to skip their bodies; the sweep checks them. */
function exposeValidators(dir) {
  const endpoints = path.join(dir, 'endpoints');
  const files = [
    path.join(dir, 'validators.gen.ts'),
    ...(existsSync(endpoints) ? readdirSync(endpoints).map((name) => path.join(endpoints, name)) : []),
  ];
  for (const file of files.filter((f) => f.endsWith('.gen.ts') && existsSync(f))) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(BODIES_NOCHECK, ''));
  }
}
const batch = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const strict = {
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
  types: [],
};

const report = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const generated = new Map();
for (const [n, spec] of batch.specs.entries()) {
  const folder = String(n);
  try {
    await generate({ spec: spec.file, out: path.join(batch.dir, folder), cwd: batch.dir });
    exposeValidators(path.join(batch.dir, folder));
    generated.set(folder, spec);
  } catch (error) {
    report({ spec: spec.id, stage: 'generate', cause: generateCause(error), detail: firstLine(error) });
  }
}

if (generated.size > 0) {
  writeFileSync(path.join(batch.dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  writeFileSync(
    path.join(batch.dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: strict, include: [...generated.keys()].map((f) => `${f}/index.ts`) }),
  );
  const errors = await typecheck(batch.dir);
  const perFolder = new Map();
  for (const error of errors) {
    // tsc names files relative to its working directory (the batch folder): `3/types.gen.ts`.
    const folder = path.relative(batch.dir, path.resolve(batch.dir, error.file)).split(/[\\/]/)[0];
    if (!perFolder.has(folder)) perFolder.set(folder, []);
    perFolder.get(folder).push(error);
  }
  // An error no client folder owns (tsc crashed, or a file outside them) fails the whole batch:
  // a pass must mean "tsc found nothing", never "found nothing it could attribute".
  const unowned = [...perFolder.entries()].filter(([folder]) => !generated.has(folder)).flatMap(([, list]) => list);
  for (const [folder, spec] of generated) {
    const found = unowned.length > 0 ? [...(perFolder.get(folder) ?? []), ...unowned] : perFolder.get(folder);
    if (found === undefined) report({ spec: spec.id, stage: 'pass' });
    else
      report({
        spec: spec.id,
        stage: 'typecheck',
        cause: typeCause(found[0]),
        detail: `${found.length} errors; first: ${found[0].file}(${found[0].line}) ${found[0].code} ${found[0].message}`,
      });
  }
}

async function typecheck(dir) {
  const tsc = path.join(root, 'node_modules/typescript7/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
    return [];
  } catch (error) {
    const stdout = error.stdout ?? '';
    const errors = [];
    for (const line of stdout.split('\n')) {
      const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
      if (match) errors.push({ file: match[1], line: Number(match[2]), code: match[3], message: match[4] });
    }
    if (errors.length === 0) errors.push({ file: '?', line: 0, code: 'TSC', message: firstLine(error) });
    return errors;
  }
}

/** A cause shared by specs failing the same way: the error's name and code, names and numbers masked. */
function generateCause(error) {
  const name = error?.name ?? 'Error';
  const code = error?.code ? ` ${error.code}` : '';
  return `generate: ${name}${code}: ${mask(firstLine(error))}`;
}

function typeCause(error) {
  return `typecheck: ${error.code} ${mask(error.message)}${error.file.includes('/runtime/') ? ' (runtime)' : ''}`;
}

function mask(text) {
  return text
    .replace(/(?:[A-Za-z]:)?(?:[\\/][^\s:'"`]+){2,}/g, '<path>')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 400);
}
