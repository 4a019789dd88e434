import { describe, expect, it } from 'vitest';
import { suggestRef } from '../../../src/load/suggest-ref.js';
import { closestName, editDistance } from '../../../src/util/closest-name.js';

describe('closestName', () => {
  it.each([
    ['one typo', { given: ['listPet', ['listPets', 'getPet', 'createPet']], want: 'listPets' }],
    ['case only', { given: ['getpetbyid', ['getPetById', 'listPets']], want: 'getPetById' }],
    ['transposition', { given: ['lsitPets', ['listPets', 'createPet']], want: 'listPets' }],
    ['nothing close', { given: ['zebra', ['listPets', 'createPet']], want: undefined }],
    ['no candidates', { given: ['x', []], want: undefined }],
  ] as const)('%s', (_, { given, want }) => expect(closestName(given[0], given[1])).toBe(want));

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('suggestRef', () => {
  const document = { components: { schemas: { Pet: {}, Owner: {} }, responses: { NotFound: {} } } };
  it.each([
    ['a misspelt name', { given: '#/components/schemas/Pets', want: '#/components/schemas/Pet' }],
    ['a misspelt folder', { given: '#/components/schema/Owner', want: '#/components/schemas/Owner' }],
    ['two segments wrong', { given: '#/component/response/NotFound', want: '#/components/responses/NotFound' }],
    ['nothing close', { given: '#/components/schemas/Zebra', want: undefined }],
    ['a ref that resolves', { given: '#/components/schemas/Pet', want: undefined }],
    ['not a pointer', { given: 'other.yaml#/Pet', want: undefined }],
  ] as const)('%s', (_, { given, want }) => expect(suggestRef(document, given)).toBe(want));
});
