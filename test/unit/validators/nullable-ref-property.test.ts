/**
 * `nullable: true` beside a 3.0 `$ref` admits null (the client's types say `X | null` too), also
 * when the `$ref` is a property: the property check must not call X's validator on null.
 */
import { describe, expect, it } from 'vitest';
import { compileSchemas } from './compile-validators.js';

describe('a nullable $ref property (OpenAPI 3.0)', () => {
  it('accepts null and still checks a present value against the target', async () => {
    const { validators } = await compileSchemas(
      {
        Delta: { type: 'object', required: ['days'], properties: { days: { type: 'integer' } } },
        State: { type: 'string', enum: ['on', 'off'] },
        Task: {
          type: 'object',
          properties: {
            timeout: { $ref: '#/components/schemas/Delta', nullable: true },
            state: { $ref: '#/components/schemas/State', nullable: true },
            strict: { $ref: '#/components/schemas/State' },
          },
        },
      },
      '3.0',
    );
    const validate = validators.get('Task');
    if (validate === undefined) throw new Error('no validateTask');
    expect(validate({ timeout: null, state: null }).ok).toBe(true);
    expect(validate({ timeout: { days: 1 }, state: 'on' }).ok).toBe(true);
    expect(validate({ timeout: {}, state: 'maybe' }).issues?.map((i) => i.path)).toEqual(['/timeout/days', '/state']);
    expect(validate({ strict: null }).ok).toBe(false);
  });
});
