/**
 * Regeneration stability: a name depends only on its own operation or schema. The spec is edited
 * the way APIs change (operations and schemas added, removed, reordered) and every identifier of
 * what is still there must come out the same.
 */
import { describe, expect, it } from 'vitest';
import { emitClient } from '../../../src/emit/emit-client.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { planClient } from '../../../src/plan/plan-client.js';

type Json = Record<string, unknown>;

const ok = (ref?: string): Json => ({
  '200': {
    description: 'ok',
    content: { 'application/json': { schema: ref ? { $ref: `#/components/schemas/${ref}` } : { type: 'object' } } },
  },
});
const op = (operationId: string | undefined, tag: string | undefined, ref?: string): Json => ({
  ...(operationId === undefined ? {} : { operationId }),
  ...(tag === undefined ? {} : { tags: [tag] }),
  parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
  responses: ok(ref),
});

const basePaths: Record<string, Json> = {
  '/repos': { get: op('repos/list', 'repos', 'Repo'), post: op('repos/create', 'repos', 'Repo') },
  '/repos/{id}': { get: op('repos/get', 'repos', 'Repo'), delete: op(undefined, 'repos') },
  '/users': { get: op('listUsers', 'Users', 'User'), put: op('list-users', 'Users') },
  '/health': { get: op('health', undefined) },
  '/oauth/token': { post: op('createToken', 'OAuth', 'Token') },
  '/v1/employees': { get: op('listEmployees', 'V1Employees', 'Employee') },
};
const baseSchemas: Record<string, Json> = {
  Repo: { type: 'object', properties: { id: { type: 'string' }, owner: { $ref: '#/components/schemas/User' } } },
  User: { type: 'object', properties: { login: { type: 'string' } } },
  'user-status': { type: 'string', enum: ['active', 'gone'] },
  Token: { type: 'object', properties: { value: { type: 'string' } } },
  Employee: { type: 'object', properties: { manager: { $ref: '#/components/schemas/Employee' } } },
  Error: { type: 'object', properties: { message: { type: 'string' } } },
};

function spec(paths: Record<string, Json>, schemas: Record<string, Json>): Json {
  return { openapi: '3.0.3', info: { title: 'Stable', version: '1' }, paths, components: { schemas } };
}

function reversed<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).reverse());
}

/** Every identifier the plan hands out, keyed by what it names. */
function identifiers(document: Json): Map<string, string> {
  const { document: normalized } = normalizeDocument({ document: document, version: '3.0', file: 'spec.json' });
  const plan = planClient(normalized, { specFile: 'spec.json' });
  const names = new Map<string, string>();
  for (const group of plan.groups) {
    for (const planned of group.operations) {
      const { method, path } = planned.operation;
      names.set(
        `${method} ${path}`,
        [group.file, group.facadeKey, planned.functionName, planned.paramsType, planned.responseType, planned.errorType].join(
          ' ',
        ),
      );
    }
  }
  for (const [id, name] of plan.typeNames) names.set(id, name);
  return names;
}

/** The exported names of the emitted files, for a check on what users import. */
function exportedNames(document: Json): Set<string> {
  const { document: normalized } = normalizeDocument({ document: document, version: '3.0', file: 'spec.json' });
  const files = emitClient(planClient(normalized, { specFile: 'spec.json' }));
  const names = new Set<string>();
  for (const file of files) {
    for (const match of file.content.matchAll(/^export (?:interface|type|function|const) (\w+)/gm)) {
      names.add(`${file.path}:${match[1] ?? ''}`);
    }
  }
  return names;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before]
    .filter(([key, name]) => after.has(key) && after.get(key) !== name)
    .map(([key, name]) => `${key}: ${name} → ${after.get(key) ?? ''}`);
}

describe('names survive edits to the rest of the spec', () => {
  const base = identifiers(spec(basePaths, baseSchemas));

  it('uses the full operationId for types and the tag-less id for functions', () => {
    expect(base.get('GET /repos/{id}')).toBe('endpoints/repos.gen.ts repos get ReposGetParams ReposGetResponse ReposGetError');
    expect(base.get('GET /users')).toBe(
      'endpoints/users.gen.ts users listUsers ListUsersParams ListUsersResponse ListUsersError',
    );
    expect(base.get('PUT /users')).toMatch(/^endpoints\/users\.gen\.ts users putUsers ListUsersOperationParams /);
    expect(base.get('DELETE /repos/{id}')).toBe(
      'endpoints/repos.gen.ts repos deleteReposId DeleteReposIdParams DeleteReposIdResponse DeleteReposIdError',
    );
    expect(base.get('POST /oauth/token')).toMatch(/^endpoints\/oauth\.gen\.ts oauth createToken /);
    expect(base.get('GET /v1/employees')).toMatch(/^endpoints\/v1-employees\.gen\.ts v1Employees listEmployees /);
    expect(base.get('#/components/schemas/Error')).toBe('ErrorSchema');
  });

  it('qualifies a schema named like a reserved word (netlify.com has `function`), which would not parse', () => {
    const names = identifiers(spec(basePaths, { ...baseSchemas, function: { type: 'object' }, class: { type: 'string' } }));
    expect(names.get('#/components/schemas/function')).toBe('FunctionSchema');
    expect(names.get('#/components/schemas/class')).toBe('Class');
  });

  it.each<[string, Json]>([
    [
      'operations added, in other tags and in the same tag, some with the same short names',
      spec(
        {
          '/issues/{id}': { get: op('issues/get', 'issues', 'Issue') },
          ...basePaths,
          '/repos/{id}/forks': { get: op('repos/list-forks', 'repos', 'Repo'), post: op('issues/get', 'repos') },
          '/status': { get: op('status', undefined), post: op(undefined, undefined) },
          '/a': { get: op('aFirst', 'Aardvark') },
        },
        baseSchemas,
      ),
    ],
    [
      'schemas added before and after, including ones named like other schemas',
      spec(basePaths, {
        Aardvark: { type: 'object' },
        ...baseSchemas,
        repo: { type: 'object' },
        Issue: { type: 'object' },
        ErrorModel: { type: 'string' },
      }),
    ],
    [
      'operations and schemas removed',
      spec(
        { '/repos/{id}': basePaths['/repos/{id}'] ?? {}, '/users': basePaths['/users'] ?? {} },
        { User: baseSchemas['User'] ?? {}, Error: baseSchemas['Error'] ?? {} },
      ),
    ],
    ['everything in reverse order', spec(reversed(basePaths), reversed(baseSchemas))],
  ])('%s', (_, edited) => {
    const after = identifiers(edited);
    expect(changed(base, after)).toEqual([]);
    // Something is compared: the edit kept some of the base spec.
    expect([...base.keys()].filter((key) => after.has(key)).length).toBeGreaterThan(2);
  });

  it('settles a true clash (two ids that sanitize alike) for the exact spelling, whatever the order', () => {
    const clash = (order: 'first' | 'last') => {
      const ops = { get: op('listUsers', 'Users'), put: op('list-users', 'Users') };
      return identifiers(spec({ '/users': order === 'first' ? ops : reversed(ops) }, {}));
    };
    for (const order of ['first', 'last'] as const) {
      expect(clash(order).get('GET /users')).toMatch(/ listUsers ListUsersParams /);
      expect(clash(order).get('PUT /users')).toMatch(/ putUsers ListUsersOperationParams /);
    }
  });

  it('gives each operation the base its three type names share, qualifier included', () => {
    const ops = { get: op('listUsers', 'Users'), put: op('list-users', 'Users') };
    const document = spec({ '/users': ops }, {});
    const { document: normalized } = normalizeDocument({ document, version: '3.0', file: 'spec.json' });
    const planned = planClient(normalized, { specFile: 'spec.json' }).groups.flatMap((group) => group.operations);
    expect(planned.map((p) => [p.operation.method, p.typeBase])).toEqual([
      ['GET', 'ListUsers'],
      ['PUT', 'ListUsersOperation'],
    ]);
    for (const p of planned) {
      expect([p.paramsType, p.responseType, p.errorType]).toEqual(['Params', 'Response', 'Error'].map((s) => p.typeBase + s));
    }
  });

  it('emits the same exported names when only the order changes', () => {
    expect([...exportedNames(spec(reversed(basePaths), reversed(baseSchemas)))].sort()).toEqual(
      [...exportedNames(spec(basePaths, baseSchemas))].sort(),
    );
  });
});
