/**
 * The strict build: a broken `$ref` fails generate/check/validate with file:line:col, pointer and
 * "did you mean"; each problem is reported once with one code; `--strict` / `failOnWarnings`
 * make warnings fail too; an override naming an unknown operationId is an error naming the closest.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createProject } from './cli-harness.js';

const brokenRefs = `openapi: 3.0.3
info:
  title: Broken
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pets'
        '404':
          $ref: '#/components/responses/NotFund'
  /owners:
    get:
      summary: 12
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schema/Owner'
components:
  responses:
    NotFound:
      description: not found
  schemas:
    Pet:
      type: object
    Owner:
      type: object
`;

/** Valid, but with one warning: two operations share an operationId. */
const oneWarning = `openapi: 3.0.3
info: { title: Warn, version: 1.0.0 }
paths:
  /a:
    get:
      operationId: getThing
      responses: { '204': { description: ok } }
  /b:
    get:
      operationId: getThing
      responses: { '204': { description: ok } }
`;

let project: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

/** The real CLI, with the real pipeline. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd: project.dir,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe('a broken $ref', () => {
  beforeEach(() => writeFile(path.join(project.dir, 'api.yaml'), brokenRefs));

  it('fails generate with exit 1, each ref once, located, with did-you-mean; nothing is written', async () => {
    const result = await cli('generate', 'api.yaml', '--out', 'out');
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error '));
    expect(errors).toEqual(
      [
        'error REF_UNRESOLVED api.yaml:14:15 (#/paths/~1pets/get/responses/200/content/application~1json/schema): $ref "#/components/schemas/Pets" does not resolve; did you mean `#/components/schemas/Pet`?',
        'error REF_UNRESOLVED api.yaml:16:9 (#/paths/~1pets/get/responses/404): $ref "#/components/responses/NotFund" does not resolve; did you mean `#/components/responses/NotFound`?',
        'error REF_UNRESOLVED api.yaml:26:15 (#/paths/~1owners/get/responses/200/content/application~1json/schema): $ref "#/components/schema/Owner" does not resolve; did you mean `#/components/schemas/Owner`?',
      ].map((line) => line.replaceAll('api.yaml', path.join(project.dir, 'api.yaml'))),
    );
    expect(result.stderr).not.toContain('UNRESOLVED_REF');
    expect(result.stderr).toContain('3 problems in the spec; nothing was written');
    expect(await exists(path.join(project.dir, 'out'))).toBe(false);
  });

  it('fails check the same way', async () => {
    const result = await cli('check', 'api.yaml', '--out', 'out');
    expect(result.code).toBe(1);
    expect(result.stderr.match(/error REF_UNRESOLVED/g)).toHaveLength(3);
  });

  it('validate reports every problem, the schema ones after the broken refs too, each once and located', async () => {
    const result = await cli('validate', 'api.yaml');
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error '));
    expect(errors.map((line) => line.replace(/ \(#.*$/, ''))).toEqual([
      `error REF_UNRESOLVED ${path.join(project.dir, 'api.yaml')}:14:15`,
      `error REF_UNRESOLVED ${path.join(project.dir, 'api.yaml')}:16:9`,
      `error REF_UNRESOLVED ${path.join(project.dir, 'api.yaml')}:26:15`,
      `error SCHEMA_INVALID ${path.join(project.dir, 'api.yaml')}:20:7`,
    ]);
    expect(errors[3]).toContain('(#/paths/~1owners/get/summary): must be string');
    expect(result.stderr).toContain('api.yaml: 4 problems (OpenAPI 3.0)');
  }, 30_000);

  it('inspect still prints its report (exit 0), listing each broken ref once as an error, located', async () => {
    const result = await cli('inspect', 'api.yaml', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      problems: { severity: string; code: string; line?: number }[];
      counts: { problems: unknown };
    };
    expect(report.problems.map((problem) => [problem.severity, problem.code, problem.line])).toEqual([
      ['error', 'REF_UNRESOLVED', 14],
      ['error', 'REF_UNRESOLVED', 16],
      ['error', 'REF_UNRESOLVED', 26],
    ]);
    expect(report.counts.problems).toEqual({ errors: 3, warnings: 0 });
  });

  it('names no suggestion when nothing is close', async () => {
    await writeFile(
      path.join(project.dir, 'api.yaml'),
      brokenRefs.replace('#/components/schemas/Pets', '#/components/schemas/Zebra'),
    );
    const result = await cli('generate', 'api.yaml', '--out', 'out');
    expect(result.stderr).toContain('$ref "#/components/schemas/Zebra" does not resolve\n');
  });
});

describe('--strict and failOnWarnings', () => {
  beforeEach(() => writeFile(path.join(project.dir, 'api.yaml'), oneWarning));

  it('a warning alone does not fail the build', async () => {
    const result = await cli('generate', 'api.yaml', '--out', 'out');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning DUPLICATE_OPERATION_ID .*api\.yaml:\d+:\d+ \(#\/paths\/~1b\/get\)/);
  });

  it('--strict turns it into an error: exit 1, nothing written', async () => {
    const result = await cli('generate', 'api.yaml', '--out', 'out', '--strict');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error DUPLICATE_OPERATION_ID .*api\.yaml:\d+:\d+ \(#\/paths\/~1b\/get\)/);
    expect(result.stderr).toContain('build without --strict (failOnWarnings)');
    expect(await exists(path.join(project.dir, 'out'))).toBe(false);
  });

  it('config failOnWarnings does the same, and --no-strict overrides it', async () => {
    await writeFile(
      path.join(project.dir, 'apiwright.config.json'),
      JSON.stringify({ input: 'api.yaml', output: 'out', failOnWarnings: true }),
    );
    expect((await cli('generate')).code).toBe(1);
    expect((await cli('generate', '--no-strict')).code).toBe(0);
  });

  it('validate --strict fails on warnings', async () => {
    expect((await cli('validate', 'api.yaml')).code).toBe(0);
    // The duplicate operationId is found by normalize, not by validate's loader: a loader warning is needed here.
    await writeFile(path.join(project.dir, 'api.yaml'), 'openapi: 3.2.0\ninfo: {title: t, version: "1"}\npaths: {}\n');
    const lenient = await cli('validate', 'api.yaml');
    expect(lenient.stderr).toContain('warning VERSION_3_2_AS_3_1');
    const strict = await cli('validate', 'api.yaml', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error VERSION_3_2_AS_3_1');
  }, 30_000);
});

describe('an override naming an operationId the spec lacks', () => {
  it('is an error naming the closest operationId', async () => {
    await writeFile(
      path.join(project.dir, 'api.yaml'),
      brokenRefs
        .replace("$ref: '#/components/schemas/Pets'", 'type: object')
        .replace("$ref: '#/components/responses/NotFund'", "$ref: '#/components/responses/NotFound'")
        .replace("$ref: '#/components/schema/Owner'", 'type: object'),
    );
    await writeFile(
      path.join(project.dir, 'apiwright.config.json'),
      JSON.stringify({ input: 'api.yaml', output: 'out', pagination: { listPet: false } }),
    );
    const result = await cli('generate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${path.join(project.dir, 'apiwright.config.json')} (#/pagination/listPet): pagination names operationId "listPet", which the spec does not have`,
    );
    expect(result.stderr).toContain('Did you mean "listPets"?');
    const inspect = await cli('inspect');
    expect(inspect.code).toBe(1);
  });
});
