/**
 * The generated README's mocks section: a unit test (vitest + msw) for one real operation of the
 * spec, written out line by line so a user can paste it, and test/e2e runs it as written.
 * Spec text reaches the code only through literal.ts (keys, string literals).
 */
import type * as ir from '../ir/index.js';
import { objectKey, primitiveLiteral } from '../emit/ts/literal.js';
import type { TemplateCodeLine, TemplateMocks } from '../write/render-templates.js';
import { moduleName } from './import-specifier.js';
import type { ClientPlan, PlannedOperation } from './plan-types.js';

interface Candidate {
  planned: PlannedOperation;
  facadeKey: string | undefined;
  params: string[];
}

/** The README's mock test for `clientName`, or undefined when mocks were not generated. */
export function readmeMocks(plan: ClientPlan, clientName: string, clientModule: string): TemplateMocks | undefined {
  if (plan.files.mocks === undefined) return undefined;
  const example = chooseExample(plan);
  const mocksModule = clientModule.replace(/index\.js$/, moduleName(plan.files.mocks));
  const handler = example === undefined ? undefined : `mock${example.planned.typeBase}`;
  const server = plan.document.servers[0]?.url ?? '';
  // A relative or missing server has no origin outside a browser: the test names one for both sides.
  const baseUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) || server.startsWith('{') ? undefined : 'https://api.test';
  const lines: string[] = [
    `import { setupServer } from 'msw/node';`,
    `import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';`,
    `import { createClient } from '${clientModule}';`,
    `import { ${['handlers', ...(handler === undefined ? [] : [handler])].join(', ')} } from '${mocksModule}';`,
    '',
    `const server = setupServer(...handlers({ seed: 1${baseUrl === undefined ? '' : `, baseUrl: '${baseUrl}'`} }));`,
    `beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));`,
    'afterEach(() => server.resetHandlers());',
    'afterAll(() => server.close());',
    '',
    `const ${clientName} = createClient({ ${[...(baseUrl === undefined ? [] : [`baseUrl: '${baseUrl}'`]), ...authOption(plan, example), 'retry: false'].join(', ')} });`,
  ];
  if (example !== undefined && handler !== undefined) {
    const call = [clientName, example.facadeKey, example.planned.functionName].filter((p) => p !== undefined).join('.');
    const args = example.params.length === 0 ? '' : `{ ${example.params.join(', ')} }`;
    const error = errorStatus(example.planned.operation);
    lines.push(
      '',
      `it('${example.planned.functionName} answers with data shaped like the spec', async () => {`,
      `  const { response } = await ${call}(${args}).withResponse();`,
      `  expect(response.status).toBe(${successStatus(example.planned.operation)});`,
      '});',
      '',
      `it('${example.planned.functionName} fails with ${error} when the handler says so', async () => {`,
      `  server.use(${handler}({ status: ${error} }));`,
      `  await expect(${call}(${args})).rejects.toMatchObject({ status: ${error} });`,
      '});',
    );
  }
  return { code: lines.map(codeLine), handler: handler ?? 'mockOperation', mocksModule };
}

function codeLine(line: string): TemplateCodeLine {
  const indent = /^ */.exec(line)?.[0] ?? '';
  return { indent, text: line.slice(indent.length) };
}

/** A GET with a declared 2xx body and only simple required parameters. */
function chooseExample(plan: ClientPlan): Candidate | undefined {
  const candidates: Candidate[] = [];
  for (const group of plan.groups) {
    for (const planned of group.operations) {
      const { operation } = planned;
      if (operation.method !== 'GET' || !operation.responses.some((r) => /^2/.test(r.status) && r.content.length > 0)) continue;
      const params: string[] = [];
      let simple = true;
      for (const { param, key } of planned.params) {
        if (!param.required) continue;
        const value = sampleValue(param.schema, plan);
        if (value === undefined) simple = false;
        else params.push(`${objectKey(key)}: ${value}`);
      }
      if (simple) candidates.push({ planned, facadeKey: group.facadeKey, params });
    }
  }
  // A JSON body and a declared client error make the better example; then the fewest parameters.
  const score = ({ planned, params }: Candidate): number =>
    (planned.operation.responses.some((r) => /^2/.test(r.status) && r.content.some((c) => /json/i.test(c.mediaType))) ? 0 : 20) +
    (planned.operation.responses.some((r) => /^4\d\d$/.test(r.status)) ? 0 : 10) +
    params.length;
  return candidates.sort((a, b) => score(a) - score(b))[0];
}

function sampleValue(schema: ir.Schema, plan: ClientPlan): string | undefined {
  const resolved = schema.kind === 'ref' ? plan.document.schemas.get(schema.target)?.schema : schema;
  switch (resolved?.kind) {
    case 'string':
      return resolved.format === undefined ? `'id-1'` : undefined;
    case 'integer':
    case 'number':
      return String(Math.max(1, resolved.minimum ?? 1));
    case 'boolean':
      return 'true';
    case 'enum': {
      const first = resolved.values.find((v) => v !== null);
      return first === undefined ? undefined : primitiveLiteral(first);
    }
    default:
      return undefined;
  }
}

/** Made-up credentials for the example's security requirement (the mocks accept any). */
function authOption(plan: ClientPlan, example: Candidate | undefined): string[] {
  const requirement = (example?.planned.operation.security ?? plan.document.security)[0] ?? {};
  const entries = Object.keys(requirement).flatMap((name) => {
    const scheme = plan.schemes.find((s) => s.name === name);
    if (scheme === undefined) return [];
    const s = scheme.scheme;
    const value =
      s.type === 'oauth2' || s.type === 'openIdConnect'
        ? `{ accessToken: 'test-token' }`
        : s.type === 'http' && s.scheme.toLowerCase() === 'basic'
          ? `{ username: 'test', password: 'test' }`
          : s.type === 'mutualTLS'
            ? undefined
            : `'test-credential'`;
    return value === undefined ? [] : [`${objectKey(scheme.option)}: ${value}`];
  });
  return entries.length === 0 ? [] : [`auth: { ${entries.join(', ')} }`];
}

function successStatus(operation: ir.Operation): number {
  const codes = operation.responses.filter((r) => /^2\d\d$/.test(r.status)).map((r) => Number(r.status));
  return codes.length > 0 ? Math.min(...codes) : 200;
}

/** A declared 4xx (404 first), else 500. */
function errorStatus(operation: ir.Operation): number {
  const codes = operation.responses.filter((r) => /^[45]\d\d$/.test(r.status)).map((r) => Number(r.status));
  return codes.includes(404) ? 404 : (codes.find((c) => c >= 400 && c < 500) ?? 500);
}
