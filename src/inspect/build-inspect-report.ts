/**
 * IR + plan → the discovery report. Pure: everything comes from what the generator decided
 * (pagination, names, environment variables), never from a second detection.
 */
import path from 'node:path';
import type { Problem } from '../analyze-spec.js';
import type * as ir from '../ir/index.js';
import { lookupPointer, parsePointer } from '../json-pointer.js';
import type { ClientPlan, PlannedScheme } from '../plan/plan-types.js';
import { environmentVariables } from '../plan/readme-data.js';
import type { InspectAuth, InspectOperation, InspectReport, InspectSecurityScheme, InspectServer } from './inspect-report.js';
import { isRateLimitHeader, operationRateLimit, rateLimitExtensions } from './rate-limit-info.js';
import { describeScheme } from './describe-scheme.js';

export interface InspectInput {
  plan: ClientPlan;
  /** The loaded spec as data, for the `x-ratelimit-*` extensions the IR does not keep. */
  raw: Record<string, unknown>;
  specFile: string;
  problems: readonly Problem[];
  /** operationIds the config's `pagination` map names (their pagination is declared there). */
  configPagination: readonly string[];
  /** Problem files are shown relative to this folder. */
  cwd: string;
}

export function buildInspectReport(input: InspectInput): InspectReport {
  const { plan } = input;
  const document = plan.document;
  const schemesByName = new Map(plan.schemes.map((planned) => [planned.name, planned]));
  const operations = plan.groups.flatMap((group) =>
    group.operations.map((planned) => ({
      index: document.operations.indexOf(planned.operation),
      report: describeOperation(
        input,
        planned.operation,
        group.tag,
        clientCall(group.facadeKey, planned.functionName),
        schemesByName,
      ),
    })),
  );
  // Spec order, whatever order the groups came in.
  operations.sort((a, b) => a.index - b.index);
  const reports = operations.map((entry) => entry.report);
  const problems = input.problems.map((problem) => ({
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
    ...(problem.file === undefined ? {} : { file: displayFile(input.cwd, problem.file) }),
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.column === undefined ? {} : { column: problem.column }),
    ...(problem.pointer === undefined ? {} : { pointer: problem.pointer }),
  }));
  return {
    reportVersion: 1,
    api: { title: document.title, version: document.version, specVersion: document.specVersion, specFile: input.specFile },
    servers: document.servers.map(describeServer),
    tags: groupByTag(document, reports),
    operations: reports,
    securitySchemes: plan.schemes.map((planned) => describeSchemeUse(planned, reports)),
    rateLimits: {
      operationsWith429: reports.filter((operation) => operation.rateLimit?.statuses.includes('429') === true).length,
      headers: [...new Set(document.operations.flatMap(rateLimitHeaderNames))].sort(),
      extensions: { ...rateLimitExtensions(input.raw), ...rateLimitExtensions(input.raw['info']) },
    },
    webhooks: document.webhooks.map(describeInbound),
    callbacks: document.operations.flatMap((operation) =>
      operation.callbacks.map((callback) => ({ operationId: operation.id, ...describeInbound(callback) })),
    ),
    problems,
    counts: {
      operations: reports.length,
      schemas: document.schemas.size,
      paginated: reports.filter((operation) => operation.pagination !== null).length,
      retrySafe: reports.filter((operation) => operation.retry.safe).length,
      deprecated: reports.filter((operation) => operation.deprecated).length,
      problems: {
        errors: problems.filter((problem) => problem.severity === 'error').length,
        warnings: problems.filter((problem) => problem.severity === 'warning').length,
      },
    },
  };
}

function describeOperation(
  input: InspectInput,
  operation: ir.Operation,
  tag: string | undefined,
  call: string,
  schemes: ReadonlyMap<string, PlannedScheme>,
): InspectOperation {
  const raw = rawAt(input.raw, operation.source);
  return {
    operationId: operation.id,
    hasOperationId: operation.hasOperationId,
    method: operation.method,
    path: operation.path,
    ...(operation.summary === undefined ? {} : { summary: operation.summary }),
    tag: tag ?? null,
    deprecated: operation.deprecated,
    clientCall: call,
    auth: describeAuth(operation, input.plan.document, schemes),
    pagination: operation.pagination
      ? { ...operation.pagination, source: paginationSource(operation, input.configPagination) }
      : null,
    rateLimit: operationRateLimit(operation, raw),
    retry: describeRetry(operation),
    mediaTypes: {
      request: operation.requestBody?.content.map((content) => content.mediaType) ?? [],
      responses: Object.fromEntries(
        operation.responses.map((response) => [response.status, response.content.map((content) => content.mediaType)]),
      ),
    },
  };
}

function describeAuth(operation: ir.Operation, document: ir.Document, schemes: ReadonlyMap<string, PlannedScheme>): InspectAuth {
  const requirements = operation.security ?? document.security;
  const alternatives = requirements.map((requirement) =>
    Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes: [...scopes] })),
  );
  const envVars = new Set<string>();
  for (const alternative of alternatives) {
    for (const { scheme } of alternative) {
      const planned = schemes.get(scheme);
      if (planned) for (const variable of environmentVariables(planned)) envVars.add(variable.name);
    }
  }
  return {
    source: operation.security === undefined ? 'document' : 'operation',
    required: alternatives.length > 0 && alternatives.every((alternative) => alternative.length > 0),
    alternatives,
    envVars: [...envVars].sort(),
  };
}

function describeRetry(operation: ir.Operation): InspectOperation['retry'] {
  if (operation.idempotent) return { safe: true, reason: 'idempotent-method' };
  if (operation.idempotencyHeader !== undefined) {
    return { safe: true, reason: 'idempotency-header', idempotencyHeader: operation.idempotencyHeader };
  }
  return { safe: false, reason: 'not-idempotent' };
}

function paginationSource(operation: ir.Operation, configPagination: readonly string[]): 'config' | 'extension' | 'detected' {
  if (operation.hasOperationId && configPagination.includes(operation.id)) return 'config';
  return operation.paginationExtension === undefined ? 'detected' : 'extension';
}

function describeSchemeUse(planned: PlannedScheme, operations: readonly InspectOperation[]): InspectSecurityScheme {
  return {
    name: planned.name,
    type: planned.scheme.type,
    description: describeScheme(planned.scheme),
    clientOption: planned.option,
    envVars: environmentVariables(planned).map(({ name, description }) => ({ name, description })),
    operationIds: operations
      .filter((operation) =>
        operation.auth.alternatives.some((alternative) => alternative.some((use) => use.scheme === planned.name)),
      )
      .map((operation) => operation.operationId),
  };
}

function describeServer(server: ir.ServerDescriptor): InspectServer {
  const variables = Object.entries(server.variables ?? {}).map(([name, variable]) => ({
    name,
    default: variable.default,
    ...(variable.enum === undefined ? {} : { enum: [...variable.enum] }),
  }));
  const defaultUrl = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
  return { url: server.url, defaultUrl, variables };
}

function describeInbound(inbound: ir.InboundOperation): InspectReport['webhooks'][number] {
  return {
    name: inbound.name,
    method: inbound.method,
    ...(inbound.summary === undefined ? {} : { summary: inbound.summary }),
    requestMediaTypes: inbound.requestBody?.content.map((content) => content.mediaType) ?? [],
  };
}

function groupByTag(document: ir.Document, operations: readonly InspectOperation[]): InspectReport['tags'] {
  const groups = new Map<string | null, string[]>();
  for (const operation of operations) {
    const ids = groups.get(operation.tag) ?? [];
    ids.push(operation.operationId);
    groups.set(operation.tag, ids);
  }
  return [...groups].map(([tag, operationIds]) => {
    const description = document.tags.find((declared) => declared.name === tag)?.description;
    return { tag, ...(description === undefined ? {} : { description }), operationIds };
  });
}

function rateLimitHeaderNames(operation: ir.Operation): string[] {
  return operation.responses.flatMap((response) => response.headers.map((header) => header.name).filter(isRateLimitHeader));
}

function clientCall(facadeKey: string | undefined, functionName: string): string {
  return facadeKey === undefined ? `client.${functionName}` : `client.${facadeKey}.${functionName}`;
}

function rawAt(root: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (segments === undefined) return undefined;
  const found = lookupPointer(root, segments);
  return found.found ? found.value : undefined;
}

function displayFile(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
