import { describe, expect, it } from 'vitest';
import { barrelExports, parseBarrel, printBarrel } from '../../../src/write/runtime-barrel.js';
import { readRuntimeSources } from '../../../src/write/runtime-files.js';

const source = [
  '/**',
  ' * The surface.',
  ' */',
  '',
  '// The client.',
  "export { createClient } from './client/client.js';",
  "export type { Client, ClientOptions as Options } from './client/client.js';",
  '',
  '// Webhooks.',
  'export {',
  '  verifyWebhook,',
  '  signWebhook,',
  "} from './webhooks/index.js';",
  '// Mocks, with no blank line before.',
  "export { mockData } from './mock/reply.js';",
  "export * from './extra.js';",
  '',
].join('\n');

describe('parseBarrel', () => {
  it('reads each declaration: its module and the names it exports (after `as`)', () => {
    const barrel = parseBarrel(source);
    expect(barrel && barrelExports(barrel)).toEqual([
      { specifier: './client/client.js', exports: ['createClient'] },
      { specifier: './client/client.js', exports: ['Client', 'Options'] },
      { specifier: './webhooks/index.js', exports: ['verifyWebhook', 'signWebhook'] },
      { specifier: './mock/reply.js', exports: ['mockData'] },
      { specifier: './extra.js', exports: undefined },
    ]);
  });

  it.each([
    ['local code', "export const a = 1;\nexport { b } from './b.js';\n"],
    ['a plain import', "import { a } from './a.js';\nexport { a };\n"],
    ['a statement', "console.log('x');\n"],
  ])('gives up on %s (the caller then ships everything)', (_, given) => {
    expect(parseBarrel(given)).toBeUndefined();
  });

  it("reads the runtime's own barrel, and prints it back unchanged when everything is kept", async () => {
    const index = (await readRuntimeSources()).find((file) => file.path === 'runtime/index.ts');
    const barrel = parseBarrel(index?.content ?? '');
    expect(barrel).toBeDefined();
    if (barrel === undefined || index === undefined) return;
    expect(barrelExports(barrel).length).toBeGreaterThan(20);
    expect(printBarrel(barrel, () => true)).toBe(index.content);
  });
});

describe('printBarrel', () => {
  const barrel = parseBarrel(source);
  if (barrel === undefined) throw new Error('the sample must parse');

  it('drops a declaration, and a comment whose declarations are all dropped', () => {
    const printed = printBarrel(barrel, (declaration) => !declaration.specifier.startsWith('./webhooks/'));
    expect(printed).toBe(
      [
        '/**',
        ' * The surface.',
        ' */',
        '',
        '// The client.',
        "export { createClient } from './client/client.js';",
        "export type { Client, ClientOptions as Options } from './client/client.js';",
        '',
        '// Mocks, with no blank line before.',
        "export { mockData } from './mock/reply.js';",
        "export * from './extra.js';",
        '',
      ].join('\n'),
    );
  });

  it('keeps a comment while one of its declarations stays', () => {
    const printed = printBarrel(barrel, (declaration) => declaration.specifier !== './mock/reply.js');
    expect(printed).toContain("// Mocks, with no blank line before.\nexport * from './extra.js';\n");
    expect(printed).not.toContain('mockData');
  });

  it('keeps the doc comment and no run of blank lines when nothing is kept', () => {
    expect(printBarrel(barrel, () => false)).toBe('/**\n * The surface.\n */\n');
  });
});
