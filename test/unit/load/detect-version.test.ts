import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { detectVersion } from '../../../src/load/detect-version.js';

describe('detectVersion', () => {
  it.each([
    ['swagger 2.0', { given: { swagger: '2.0' }, want: '2.0', warnings: [] }],
    ['swagger number 2', { given: { swagger: 2 }, want: '2.0', warnings: ['VERSION_NOT_STRING'] }],
    ['openapi 3.0.0', { given: { openapi: '3.0.0' }, want: '3.0', warnings: [] }],
    ['openapi 3.0.4', { given: { openapi: '3.0.4' }, want: '3.0', warnings: [] }],
    ['openapi 3.0 without patch', { given: { openapi: '3.0' }, want: '3.0', warnings: [] }],
    ['openapi 3.1.1', { given: { openapi: '3.1.1' }, want: '3.1', warnings: [] }],
    ['openapi 3.1 as a YAML number', { given: { openapi: 3.1 }, want: '3.1', warnings: ['VERSION_NOT_STRING'] }],
    ['openapi 3.2.0 read as 3.1', { given: { openapi: '3.2.0' }, want: '3.1', warnings: ['VERSION_3_2_AS_3_1'] }],
    ['openapi wins over swagger', { given: { openapi: '3.0.1', swagger: '2.0' }, want: '3.0', warnings: [] }],
  ])('%s', (_, { given, want, warnings }) => {
    const detected = detectVersion(given, '/s/spec.yaml');
    expect(detected.version).toBe(want);
    expect(detected.warnings.map((warning) => warning.code)).toEqual(warnings);
  });

  it.each([
    ['no version field', { given: { info: {} }, code: 'NOT_OPENAPI' }],
    ['an array', { given: [], code: 'NOT_OPENAPI' }],
    ['a string', { given: 'openapi', code: 'NOT_OPENAPI' }],
    ['null (empty file)', { given: null, code: 'NOT_OPENAPI' }],
    ['swagger 1.2', { given: { swagger: '1.2' }, code: 'UNSUPPORTED_VERSION' }],
    ['openapi 4.0.0', { given: { openapi: '4.0.0' }, code: 'UNSUPPORTED_VERSION' }],
    ['openapi 3.3.0', { given: { openapi: '3.3.0' }, code: 'UNSUPPORTED_VERSION' }],
  ])('%s is refused', (_, { given, code }) => {
    let caught: unknown;
    try {
      detectVersion(given, '/s/spec.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    expect(caught).toMatchObject({ code, location: { file: '/s/spec.yaml' } });
    expect((caught as SpecError).hint).toBeTruthy();
  });
});
