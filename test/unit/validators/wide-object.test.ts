/**
 * An object with hundreds of properties (docusign's account settings has over 600) is checked in
 * parts of 100 properties, each its own function: one body that long is more than TypeScript's
 * control-flow analysis follows (TS2563), which failed docusign in the APIs.guru sweep.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../src/generate.js';
import { generatedDir } from '../../support/paths.js';
import { typecheck } from '../../support/typecheck.js';
import { compileSchemas } from './compile-validators.js';

const WIDTH = 700;
const names = Array.from({ length: WIDTH }, (_, i) => `setting${i}`);
const wide = {
  type: 'object',
  required: ['setting0', 'setting350', 'setting699'],
  properties: Object.fromEntries(names.map((name, i) => [name, i % 2 === 0 ? { type: 'string' } : { type: 'integer' }])),
};

describe('a very wide object', () => {
  it('type-checks strictly (no TS2563) and is compiled in parts', async () => {
    const dir = generatedDir('unit/validators', 'wide-object');
    const spec = path.join(dir, 'openapi.json');
    const document = {
      openapi: '3.0.3',
      info: { title: 'Wide', version: '1' },
      paths: {
        '/settings': {
          get: {
            operationId: 'getSettings',
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Settings' } } },
              },
            },
          },
        },
      },
      components: { schemas: { Settings: wide } },
    };
    writeFileSync(spec, JSON.stringify(document));
    await generate({ spec, out: path.join(dir, 'client'), cwd: dir });
    const errors = await typecheck(path.join(dir, 'client'), ['validators.gen.ts']);
    expect(errors).toEqual([]);
  }, 120_000);

  it('reports issues from every part, at the right paths', async () => {
    const { validators, source } = await compileSchemas({ Settings: wide }, '3.0');
    expect(source.match(/^export function shared\d+\$check\(/gm)?.length).toBe(Math.ceil(WIDTH / 100));
    const validate = validators.get('Settings');
    if (validate === undefined) throw new Error('no validateSettings');
    const valid = Object.fromEntries(names.map((name, i) => [name, i % 2 === 0 ? 'x' : i]));
    expect(validate(valid).ok).toBe(true);
    const { setting350: _dropped, ...missingOne } = valid;
    const result = validate({ ...missingOne, setting1: 'not a number', setting698: 7 });
    expect(result.issues?.map((issue) => `${issue.path} ${issue.keyword}`).sort()).toEqual([
      '/setting1 type',
      '/setting350 required',
      '/setting698 type',
    ]);
  });
});
