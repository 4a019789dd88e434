import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/index.js';
import { applyModuleFormat } from '../../../src/write/module-format.js';

const files = [
  {
    path: 'index.ts',
    content: "export { createClient } from './client.gen.js';\nexport type * from './types.gen.js';\n",
  },
  {
    path: 'runtime/client/client.ts',
    content:
      "import { a } from '../util/a.js';\nimport type {\n  B,\n} from './b.js';\nconst jose = await import('jose');\nconst lazy = () => import('./lazy.js');\n// see './not-an-import.js'\n",
  },
  { path: 'README.md', content: "```ts\nimport { createClient } from './clients/petstore/index.js';\n```\n" },
  { path: '.apiwright-manifest.json', content: '[]' },
];

describe('moduleFormat', () => {
  it("'ts' leaves every file as it is", () => {
    expect(applyModuleFormat(files, 'ts')).toEqual(files);
  });

  it("'mts' renames .ts files and points relative .js imports at .mjs, nothing else", () => {
    const out = applyModuleFormat(files, 'mts');
    expect(out.map((f) => f.path)).toEqual(['index.mts', 'runtime/client/client.mts', 'README.md', '.apiwright-manifest.json']);
    expect(out[0]?.content).toBe("export { createClient } from './client.gen.mjs';\nexport type * from './types.gen.mjs';\n");
    expect(out[1]?.content).toBe(
      "import { a } from '../util/a.mjs';\nimport type {\n  B,\n} from './b.mjs';\nconst jose = await import('jose');\nconst lazy = () => import('./lazy.mjs');\n// see './not-an-import.js'\n",
    );
    expect(out[2]?.content).toContain("from './clients/petstore/index.mjs'");
    expect(out[3]).toEqual(files[3]);
  });

  it('is a config setting with "ts" as the default, and anything else is refused where it is written', () => {
    expect(validateConfig({}, '/p/apiwright.config.json').moduleFormat).toBe('ts');
    expect(validateConfig({ moduleFormat: 'mts' }, '/p/apiwright.config.json').moduleFormat).toBe('mts');
    expect(() => validateConfig({ moduleFormat: 'cjs' }, '/p/apiwright.config.json')).toThrow(
      /"moduleFormat" must be one of "ts", "mts", got "cjs"/,
    );
  });
});
