import { describe, expect, it } from 'vitest';
import { importSpecifier, moduleName } from '../../../src/plan/import-specifier.js';

describe('importSpecifier', () => {
  it.each([
    ['a sibling at the root', { given: ['types.gen.ts'], want: './types.gen.js' }],
    ['a file in a folder, from the root', { given: ['endpoints/pets.gen.ts'], want: './endpoints/pets.gen.js' }],
    ['the root, from a folder', { given: ['types.gen.ts', 'endpoints/pets.gen.ts'], want: '../types.gen.js' }],
    ['the root, two folders down', { given: ['types.gen.ts', 'a/b/c.gen.ts'], want: '../../types.gen.js' }],
    ['a sibling in the same folder', { given: ['endpoints/users.gen.ts', 'endpoints/pets.gen.ts'], want: './users.gen.js' }],
    ['a .ts inside a name is kept', { given: ['facts.tsx.gen.ts'], want: './facts.tsx.gen.js' }],
  ])('%s', (_, { given: [file = '', from], want }) => expect(importSpecifier(file, from)).toBe(want));

  it('moduleName changes only a final .ts', () => {
    expect([moduleName('pets.gen.ts'), moduleName('a.ts/b.gen.ts'), moduleName('runtime/index.js')]).toEqual([
      'pets.gen.js',
      'a.ts/b.gen.js',
      'runtime/index.js',
    ]);
  });
});
