/**
 * `apiwright inspect --json` on a fixture, a hand-written spec and corpus specs, checked against
 * expectations written by hand from the specs: pagination as the generator decides it, auth per
 * operation and the environment variables read, rate-limit information, retry safety.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectOperation, InspectReport } from '../../../src/inspect/index.js';
import { createProject, run } from '../../cli/cli-harness.js';
import { corpusDir, fixturesDir } from '../../support/paths.js';

const toolbox = path.join(import.meta.dirname, 'specs/toolbox.yaml');

let project: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

async function inspect(spec: string, extra: string[] = []): Promise<InspectReport> {
  const result = await run(['inspect', spec, '--json', ...extra], project.dir);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as InspectReport;
}

function operation(report: InspectReport, id: string): InspectOperation {
  const found = report.operations.find((candidate) => candidate.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

describe('inspect --json: a hand-written spec with every section', () => {
  it('reports servers, tags, auth, pagination (config, extension), rate limits, retry safety, media types, webhooks', async () => {
    await writeFile(
      path.join(project.dir, 'apiwright.config.json'),
      JSON.stringify({
        pagination: {
          listWidgets: { style: 'cursor', cursorParam: 'page_token', nextCursorPath: ['next'], itemsPath: ['widgets'] },
        },
      }),
    );
    const report = await inspect(toolbox);
    expect(report.reportVersion).toBe(1);
    expect(report.api).toEqual({
      title: 'Toolbox API',
      version: '2.1.0',
      specVersion: '3.1',
      specFile: path.relative(project.dir, toolbox),
    });
    expect(report.servers).toEqual([
      {
        url: 'https://{region}.toolbox.example/{base}',
        defaultUrl: 'https://eu.toolbox.example/v2',
        variables: [
          { name: 'region', default: 'eu', enum: ['eu', 'us'] },
          { name: 'base', default: 'v2' },
        ],
      },
    ]);
    expect(report.tags).toEqual([
      { tag: null, operationIds: ['getHealth'] },
      {
        tag: 'widgets',
        description: 'Widgets and their parts.',
        operationIds: ['listWidgets', 'createWidget', 'listParts', 'renameParts'],
      },
    ]);

    expect(operation(report, 'getHealth').auth).toEqual({ source: 'operation', required: false, alternatives: [], envVars: [] });
    expect(operation(report, 'listWidgets').auth).toEqual({
      source: 'document',
      required: true,
      alternatives: [[{ scheme: 'bearer', scopes: [] }]],
      envVars: ['TOOLBOX_BEARER', 'TOOLBOX_BEARER_TOKEN'],
    });
    expect(operation(report, 'createWidget').auth.alternatives).toEqual([
      [{ scheme: 'apiKey', scopes: [] }],
      [{ scheme: 'oauth', scopes: ['widgets:write'] }],
    ]);
    expect(operation(report, 'renameParts').auth).toMatchObject({
      alternatives: [
        [
          { scheme: 'basic', scopes: [] },
          { scheme: 'apiKey', scopes: [] },
        ],
      ],
      envVars: ['TOOLBOX_API_KEY', 'TOOLBOX_BASIC_PASSWORD', 'TOOLBOX_BASIC_USERNAME'],
    });
    expect(
      report.securitySchemes.map((s) => [s.name, s.description, s.clientOption, s.envVars.map((v) => v.name), s.operationIds]),
    ).toEqual([
      ['bearer', 'HTTP bearer (JWT)', 'bearer', ['TOOLBOX_BEARER', 'TOOLBOX_BEARER_TOKEN'], ['listWidgets', 'listParts']],
      ['apiKey', 'API key in header X-Toolbox-Key', 'apiKey', ['TOOLBOX_API_KEY'], ['createWidget', 'renameParts']],
      ['basic', 'HTTP basic', 'basic', ['TOOLBOX_BASIC_USERNAME', 'TOOLBOX_BASIC_PASSWORD'], ['renameParts']],
      [
        'oauth',
        'OAuth 2.0 clientCredentials',
        'oauth',
        ['TOOLBOX_CLIENT_ID', 'TOOLBOX_CLIENT_SECRET', 'TOOLBOX_ACCESS_TOKEN', 'TOOLBOX_REFRESH_TOKEN'],
        ['createWidget'],
      ],
    ]);

    expect(operation(report, 'listWidgets').pagination).toEqual({
      style: 'cursor',
      cursorParam: 'page_token',
      nextCursorPath: ['next'],
      itemsPath: ['widgets'],
      source: 'config',
    });
    expect(operation(report, 'listParts').pagination).toEqual({
      style: 'offset',
      offsetParam: 'skip',
      limitParam: 'take',
      itemsPath: ['parts'],
      source: 'extension',
    });
    expect(operation(report, 'getHealth').pagination).toBeNull();

    expect(operation(report, 'listWidgets').rateLimit).toEqual({
      statuses: ['429'],
      headers: ['RateLimit-Remaining', 'Retry-After', 'X-RateLimit-Reset'],
      extensions: { 'x-ratelimit-limit': 50 },
    });
    expect(operation(report, 'createWidget').rateLimit).toBeNull();
    expect(report.rateLimits).toEqual({
      operationsWith429: 1,
      headers: ['RateLimit-Remaining', 'Retry-After', 'X-RateLimit-Reset'],
      extensions: { 'x-ratelimit-default': '100/minute' },
    });

    expect(report.operations.map((o) => [o.operationId, o.retry])).toEqual([
      ['getHealth', { safe: true, reason: 'idempotent-method' }],
      ['listWidgets', { safe: true, reason: 'idempotent-method' }],
      ['createWidget', { safe: true, reason: 'idempotency-header', idempotencyHeader: 'Idempotency-Key' }],
      ['listParts', { safe: true, reason: 'idempotent-method' }],
      ['renameParts', { safe: false, reason: 'not-idempotent' }],
    ]);
    expect(operation(report, 'createWidget').mediaTypes).toEqual({
      request: ['application/json', 'multipart/form-data'],
      responses: { '201': ['application/json'] },
    });
    expect(operation(report, 'listParts')).toMatchObject({ deprecated: true, clientCall: 'client.widgets.listParts' });
    expect(operation(report, 'getHealth').clientCall).toBe('client.getHealth');
    expect(report.webhooks).toEqual([
      { name: 'widgetDeleted', method: 'POST', summary: 'A widget was deleted', requestMediaTypes: ['application/json'] },
    ]);
    expect(report.callbacks).toEqual([
      {
        operationId: 'createWidget',
        name: expect.stringContaining('built') as unknown,
        method: 'POST',
        requestMediaTypes: ['application/json'],
      },
    ]);
    expect(report.counts).toEqual({
      operations: 5,
      schemas: 1,
      paginated: 2,
      retrySafe: 4,
      deprecated: 1,
      problems: { errors: 0, warnings: 0 },
    });
  });
});

describe('inspect --json: the petstore fixture', () => {
  it('shows offset pagination, the idempotency key of createPet and auth per operation', async () => {
    const report = await inspect(path.join(fixturesDir, 'petstore/openapi.yaml'));
    expect(operation(report, 'listPets').pagination).toEqual({
      style: 'offset',
      offsetParam: 'offset',
      limitParam: 'limit',
      itemsPath: ['items'],
      source: 'detected',
    });
    expect(operation(report, 'createPet').retry).toEqual({
      safe: true,
      reason: 'idempotency-header',
      idempotencyHeader: 'Idempotency-Key',
    });
    expect(operation(report, 'placeOrder').retry.safe).toBe(false);
    expect(operation(report, 'deletePet').auth.envVars).toEqual(['PETSTORE_BEARER_AUTH', 'PETSTORE_BEARER_AUTH_TOKEN']);
    expect(operation(report, 'placeOrder').auth.envVars).toEqual([
      'PETSTORE_ACCESS_TOKEN',
      'PETSTORE_CLIENT_ID',
      'PETSTORE_CLIENT_SECRET',
      'PETSTORE_REFRESH_TOKEN',
    ]);
    expect(operation(report, 'getHealth').auth.required).toBe(false);
  });
});

describe('inspect --json: corpus specs', () => {
  it('OpenAI: cursor pagination via after/has_more, 429 with Retry-After, POST not retried', async () => {
    const report = await inspect(path.join(corpusDir, 'openai.yaml'));
    expect(operation(report, 'listAssistants').pagination).toEqual({
      style: 'cursor',
      cursorParam: 'after',
      nextCursorPath: ['last_id'],
      hasMorePath: ['has_more'],
      itemsPath: ['data'],
      source: 'detected',
    });
    expect(operation(report, 'listAssistants').rateLimit).toEqual({
      statuses: ['429'],
      headers: ['Retry-After'],
      extensions: {},
    });
    expect(operation(report, 'createAssistant').retry).toEqual({ safe: false, reason: 'not-idempotent' });
    expect(operation(report, 'listAssistants').auth.envVars).toEqual(['OPENAI_API_KEY_AUTH', 'OPENAI_API_KEY_AUTH_TOKEN']);
    expect(report.counts.paginated).toBe(62);
  }, 60_000);

  it('Twilio: next-URL pagination, HTTP basic from two variables', async () => {
    const report = await inspect(path.join(corpusDir, 'twilio-api-v2010.json'));
    expect(operation(report, 'ListAccount').pagination).toEqual({
      style: 'nextUrl',
      nextUrlPath: ['next_page_uri'],
      itemsPath: ['accounts'],
      source: 'detected',
    });
    expect(operation(report, 'ListAccount').auth).toMatchObject({
      source: 'operation',
      alternatives: [[{ scheme: 'accountSid_authToken', scopes: [] }]],
      envVars: ['TWILIO_ACCOUNT_SID_AUTH_TOKEN_PASSWORD', 'TWILIO_ACCOUNT_SID_AUTH_TOKEN_USERNAME'],
    });
    expect(operation(report, 'CreateAccount').retry.safe).toBe(false);
    expect(report.rateLimits.operationsWith429).toBe(0);
  }, 60_000);

  it('Sonarr: page/pageSize pagination, two api-key alternatives', async () => {
    const report = await inspect(path.join(corpusDir, 'sonarr-v3.json'));
    const blocklist = report.operations.find((o) => o.method === 'GET' && o.path === '/api/v3/blocklist');
    expect(blocklist?.pagination).toEqual({
      style: 'page',
      pageParam: 'page',
      sizeParam: 'pageSize',
      itemsPath: ['records'],
      source: 'detected',
    });
    expect(blocklist?.auth.alternatives).toEqual([[{ scheme: 'X-Api-Key', scopes: [] }], [{ scheme: 'apikey', scopes: [] }]]);
    expect(blocklist?.auth.envVars).toEqual(['SONARR_APIKEY', 'SONARR_X_API_KEY']);
  }, 60_000);

  it('Box: cursor via marker/next_marker, Retry-After declared, OAuth 2.0 client variables', async () => {
    const report = await inspect(path.join(corpusDir, 'box.json'));
    expect(operation(report, 'get_files_id_app_item_associations').pagination).toEqual({
      style: 'cursor',
      cursorParam: 'marker',
      nextCursorPath: ['next_marker'],
      itemsPath: ['entries'],
      source: 'detected',
    });
    expect(operation(report, 'get_files_id_content').rateLimit).toEqual({
      statuses: [],
      headers: ['Retry-After'],
      extensions: {},
    });
    expect(report.securitySchemes.map((s) => s.envVars.map((v) => v.name))).toEqual([
      ['BOX_PLATFORM_CLIENT_ID', 'BOX_PLATFORM_CLIENT_SECRET', 'BOX_PLATFORM_ACCESS_TOKEN', 'BOX_PLATFORM_REFRESH_TOKEN'],
    ]);
  }, 60_000);
});
