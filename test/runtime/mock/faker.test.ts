/** @faker-js/faker's own `faker` is a FakerLike (checked by the compiler) and makes the data reproducible per seed. */
import { faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { mockData, type FakerLike, type MockApi } from '../../../runtime/index.js';

const api: MockApi = {
  servers: [],
  schemas: {
    User: {
      kind: 'object',
      properties: {
        email: { kind: 'string', format: 'email' },
        lastName: { kind: 'string' },
        id: { kind: 'string', format: 'uuid' },
      },
      required: ['email', 'lastName', 'id'],
    },
  },
};

describe('faker as the data source', () => {
  it('accepts the real faker and gives the same data for the same seed', () => {
    const source: FakerLike = faker;
    const first = mockData(api, 'User', { faker: source, seed: 4 });
    const again = mockData(api, 'User', { faker: source, seed: 4 });
    const other = mockData(api, 'User', { faker: source, seed: 5 });
    expect(first).toEqual(again);
    expect(first).not.toEqual(other);
    expect(first).toMatchObject({ email: expect.stringMatching(/^\S+@\S+\.\S+$/) as string, id: expect.any(String) as string });
  });
});
