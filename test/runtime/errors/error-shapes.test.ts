/**
 * The error bodies servers really send, each turned into `details: [{ field, issue }]` (what
 * `ApiError.toJSON().error.details` carries). One row per shape, written as the vendor documents it.
 */
import { describe, expect, it } from 'vitest';
import { normalizeErrorBody, type ErrorDetail } from '../../../runtime/errors/error-format.js';

const rows: [string, unknown, ErrorDetail[]][] = [
  [
    'RFC 9457 `errors` with JSON pointers',
    {
      type: 'https://example.net/validation-error',
      title: 'Your request is not valid.',
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
      ],
    },
    [
      { field: '#/age', issue: 'must be a positive integer' },
      { field: '#/profile/color', issue: "must be 'green', 'red' or 'blue'" },
    ],
  ],
  [
    'RFC 7807 `invalid-params`',
    {
      type: 'https://example.net/validation-error',
      title: "Your request parameters didn't validate.",
      'invalid-params': [
        { name: 'age', reason: 'must be a positive integer' },
        { name: 'color', reason: "must be 'green', 'red' or 'blue'" },
      ],
    },
    [
      { field: 'age', issue: 'must be a positive integer' },
      { field: 'color', issue: "must be 'green', 'red' or 'blue'" },
    ],
  ],
  [
    'JSON:API `errors[].source.pointer`',
    {
      errors: [
        {
          status: '422',
          source: { pointer: '/data/attributes/firstName' },
          title: 'Invalid Attribute',
          detail: 'First name must contain at least two characters.',
        },
        {
          status: '400',
          source: { parameter: 'include' },
          title: 'Invalid Query Parameter',
          detail: 'The resource does not have an `author` relationship path.',
        },
      ],
    },
    [
      { field: '/data/attributes/firstName', issue: 'First name must contain at least two characters.' },
      { field: 'include', issue: 'The resource does not have an `author` relationship path.' },
    ],
  ],
  [
    'Google `error.details[].fieldViolations`',
    {
      error: {
        code: 400,
        message: 'Request contains an invalid argument.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [
              { field: 'book.title', description: 'Title must not be empty.' },
              { field: 'book.author', description: 'Author is required.' },
            ],
          },
        ],
      },
    },
    [
      { field: 'book.title', issue: 'Title must not be empty.' },
      { field: 'book.author', issue: 'Author is required.' },
    ],
  ],
  [
    'Stripe `error.param`',
    {
      error: {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        message: 'Missing required param: amount.',
        param: 'amount',
        doc_url: 'https://stripe.com/docs/error-codes/parameter-missing',
      },
    },
    [{ field: 'amount', issue: 'Missing required param: amount.' }],
  ],
  [
    'GitHub `errors[].field` with a code or a message',
    {
      message: 'Validation Failed',
      errors: [
        { resource: 'Issue', field: 'title', code: 'missing_field' },
        { resource: 'Label', field: 'name', code: 'custom', message: 'name is too long' },
      ],
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
    },
    [
      { field: 'title', issue: 'missing_field' },
      { field: 'name', issue: 'name is too long' },
    ],
  ],
  [
    'Prism `validation` with a location array',
    {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      detail:
        'Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.',
      validation: [
        { location: ['body'], severity: 'Error', code: 'required', message: "must have required property 'name'" },
        { location: ['query', 'limit'], severity: 'Error', code: 'type', message: 'must be integer' },
      ],
    },
    [
      { field: 'body', issue: "must have required property 'name'" },
      { field: 'query.limit', issue: 'must be integer' },
    ],
  ],
  [
    'express-validator `errors` with `path` and `location`',
    {
      errors: [
        { type: 'field', value: 'not-an-email', msg: 'Invalid value', path: 'email', location: 'body' },
        { type: 'field', value: '', msg: 'Password too short', path: 'password', location: 'body' },
      ],
    },
    [
      { field: 'email', issue: 'Invalid value' },
      { field: 'password', issue: 'Password too short' },
    ],
  ],
  [
    'Laravel / Rails `errors` keyed by field',
    {
      message: 'The given data was invalid.',
      errors: { email: ['The email field is required.'], name: 'has already been taken' },
    },
    [
      { field: 'email', issue: 'The email field is required.' },
      { field: 'name', issue: 'has already been taken' },
    ],
  ],
  [
    'FastAPI `detail[].loc`',
    { detail: [{ loc: ['body', 'price'], msg: 'value is not a valid float', type: 'type_error.float' }] },
    [{ field: 'body.price', issue: 'value is not a valid float' }],
  ],
  [
    'GraphQL `errors[].path`',
    { errors: [{ message: 'Cannot query field "nme".', path: ['user', 'nme'] }] },
    [{ field: 'user.nme', issue: 'Cannot query field "nme".' }],
  ],
];

describe('error details from the shapes servers send', () => {
  it.each(rows)('%s', (_, body, details) => {
    expect(normalizeErrorBody(body).details).toEqual(details);
  });

  it('reads nothing from prototypes and caps what it keeps', () => {
    const hostile = JSON.parse('{"errors": {"__proto__": ["x"], "constructor": "y"}}') as unknown;
    expect(normalizeErrorBody(hostile).details).toEqual([
      { field: '__proto__', issue: 'x' },
      { field: 'constructor', issue: 'y' },
    ]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    const many = { validation: Array.from({ length: 200 }, (_, i) => ({ location: ['body', `f${i}`], message: 'bad' })) };
    expect(normalizeErrorBody(many).details).toHaveLength(50);
  });
});
