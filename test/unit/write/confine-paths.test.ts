import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/errors.js';
import { assertConfinedPaths, explainUnsafePath } from '../../../src/write/confine-paths.js';

const file = (path: string) => ({ path, content: '' });

describe('explainUnsafePath', () => {
  it.each([
    ['../../evil', /\.\./],
    ['a/../../b', /\.\./],
    ['a/..', /\.\./],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x.ts', /absolute/],
    ['a\\..\\b', /backslash/],
    ['a\0b.ts', /NUL/],
    ['', /empty/],
    ['a//b.ts', /empty or `\.` segment/],
    ['./a.ts', /`\.` segment/],
    ['a/', /empty/],
    ['ab:stream', /colon/],
    ['a\nb.ts', /control/],
  ])('refuses %j', (given, want) => {
    expect(explainUnsafePath(given)).toMatch(want);
  });

  it.each(['index.ts', 'endpoints/pets.gen.ts', 'runtime/auth/index.ts', '.gitattributes', 'a..b.ts'])('accepts %j', (given) => {
    expect(explainUnsafePath(given)).toBeUndefined();
  });
});

describe('assertConfinedPaths', () => {
  it('throws a PlanError naming the refused path', () => {
    let caught: unknown;
    try {
      assertConfinedPaths('/tmp/out', [file('index.ts'), file('../../evil')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanError);
    expect((caught as PlanError).code).toBe('OUTPUT_PATH_REFUSED');
    expect((caught as PlanError).message).toContain('"../../evil"');
  });

  it('refuses two paths that differ only in case', () => {
    expect(() => assertConfinedPaths('/tmp/out', [file('Pet.ts'), file('pet.ts')])).toThrow(/collides with "Pet.ts"/);
  });

  it('refuses a path used both as a file and as a folder', () => {
    expect(() => assertConfinedPaths('/tmp/out', [file('a/b.ts'), file('a')])).toThrow(/as a folder/);
  });

  it('refuses the reserved manifest name', () => {
    expect(() => assertConfinedPaths('/tmp/out', [file('.apiwright-manifest.json')])).toThrow(/reserved/);
  });

  it('accepts an ordinary client', () => {
    expect(() =>
      assertConfinedPaths('/tmp/out', [file('index.ts'), file('endpoints/pets.gen.ts'), file('runtime/types.ts')]),
    ).not.toThrow();
  });
});
