import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildClient } from '../../../src/generate.js';
import { prologueEnd, relativeImports } from '../../../src/write/module-imports.js';
import { readRuntimeSources } from '../../../src/write/runtime-files.js';
import { fixturesDir } from '../../support/paths.js';

describe('relativeImports', () => {
  it.each([
    ['named', { given: "import { a, b } from './m.js';", want: [{ specifier: './m.js', names: ['a', 'b'] }] }],
    [
      'type modifiers and aliases',
      { given: "import { type A, b as c } from '../m.js';", want: [{ specifier: '../m.js', names: ['A', 'b'] }] },
    ],
    ['import type', { given: "import type { A } from './m.js';", want: [{ specifier: './m.js', names: ['A'] }] }],
    ['multi-line', { given: "import {\n  a,\n  type B,\n} from './m.js';", want: [{ specifier: './m.js', names: ['a', 'B'] }] }],
    [
      're-export, named before `as`',
      { given: "export { a as b } from './m.js';", want: [{ specifier: './m.js', names: ['a'] }] },
    ],
    ['export type', { given: "export type { A, B } from './m.js';", want: [{ specifier: './m.js', names: ['A', 'B'] }] }],
    ['export *', { given: "export * from './m.js';", want: [{ specifier: './m.js', names: undefined }] }],
    ['export * as', { given: "export * as ns from './m.js';", want: [{ specifier: './m.js', names: undefined }] }],
    ['namespace', { given: "import * as $v from '../v.js';", want: [{ specifier: '../v.js', names: undefined }] }],
    ['import type * as', { given: "import type * as t from './t.js';", want: [{ specifier: './t.js', names: undefined }] }],
    ['default and named', { given: "import d, { a } from './m.js';", want: [{ specifier: './m.js', names: undefined }] }],
    ['side effect', { given: "import './m.js';", want: [{ specifier: './m.js', names: [] }] }],
    ['import type query', { given: "type T = import('./m.js').T;", want: [{ specifier: './m.js', names: undefined }] }],
    ['dynamic', { given: "const m = await import('./m.js');", want: [{ specifier: './m.js', names: undefined }] }],
    ['packages are not relative', { given: "import { http } from 'msw';\nimport('jose');", want: [] }],
    ['not in a comment line', { given: " * import { a } from './m.js';\n// export { a } from './n.js';", want: [] }],
    ['not a local declaration', { given: "export function f() { return g; }\nexport const a = 'from';", want: [] }],
  ])('%s', (_, { given, want }) => expect(relativeImports(given)).toEqual(want));

  it('finds every relative import TypeScript finds, in every runtime file and generated file', async () => {
    const runtime = await readRuntimeSources();
    const clients = await Promise.all([
      buildClient({ spec: path.join(fixturesDir, 'petstore/openapi.yaml'), out: 'out/petstore', mocks: true }),
      buildClient({ spec: path.join(fixturesDir, 'webhooks/openapi.yaml'), out: 'out/webhooks' }),
    ]);
    const generated = clients.flatMap(({ files }) => files.filter((file) => !file.path.startsWith('runtime/')));
    expect(runtime.length).toBeGreaterThan(50);
    for (const file of [...runtime, ...generated.filter((file) => file.path.endsWith('.ts'))]) {
      const oracle = ts
        .preProcessFile(file.content, true, true)
        .importedFiles.map((entry) => entry.fileName)
        .filter((name) => name.startsWith('.'));
      const found = relativeImports(file.content).map((entry) => entry.specifier);
      expect([file.path, ...found]).toEqual([file.path, ...oracle]);
    }
    // Generated files hold every import in their prologue, which is all select-runtime.ts reads of them.
    for (const file of generated.filter((f) => f.path.endsWith('.ts'))) {
      expect([file.path, ...relativeImports(file.content.slice(0, prologueEnd(file.content)))]).toEqual([
        file.path,
        ...relativeImports(file.content),
      ]);
    }
  });

  it.each([
    [
      'imports, comments, a multi-line declaration',
      "// a\n/**\n * b\n */\nimport {\n  a,\n} from './a.js';\n\nexport const x = 1;\n",
      50,
    ],
    ['a re-export only file', "export { a } from './a.js';\nexport type * from './t.js';\n", 57],
    ['stops at the first statement', "import './a.js';\nconst b = import('./b.js');\n", 17],
  ])('prologueEnd: %s', (_, source, want) => expect(prologueEnd(source)).toBe(want));
});
