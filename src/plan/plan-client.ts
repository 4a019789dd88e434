/** IR → ClientPlan: names, files and collisions decided once, deterministically. */
import type * as ir from '../ir/index.js';
import { ensureIdentifierStart, tagCamelCase, tagKebabCase, toCamelCase, toConstantCase } from './identifiers.js';
import { NameRegistry } from './name-registry.js';
import { functionCandidates, planOperation } from './plan-operation.js';
import { planStream } from './plan-stream.js';
import type { ClientPlan, PlannedGroup, PlannedScheme } from './plan-types.js';
import { planWebhooks, webhookTypeNames } from './plan-webhooks.js';
import { planTransforms, type DateStyle, type NamingStyle } from './property-names.js';
import { endpointFileNames, publicApiNames, reservedMemberNames, reservedTypeNames, reservedWords } from './reserved.js';
import { planFunctionNames, planOperationTypeNames, planSchemaNames } from './stable-names.js';

export interface PlanOptions {
  specFile: string;
  /** Overrides the name derived from the spec title (env var prefix). */
  clientName?: string | undefined;
  /** Property names as on the wire (default) or camelCase, converted at runtime. */
  naming?: NamingStyle | undefined;
  /** `format: date-time`/`date` values as strings (default) or `Date`, converted at runtime. */
  dates?: DateStyle | undefined;
  /** Emit validators.gen.ts and check requests/responses with it (default true). */
  validators?: boolean | undefined;
  /** Also plan `mocks.gen.ts` (msw handlers). */
  mocks?: boolean | undefined;
}

export function planClient(document: ir.Document, options: PlanOptions): ClientPlan {
  const transform = planTransforms(document, options.naming, options.dates);
  // No type may shadow a global or a primitive (`Date`, `Error`, `object`), nor be a reserved word
  // (`interface function` does not parse): plan/reserved.ts.
  const typeNames = new NameRegistry([
    ...publicApiNames,
    ...reservedTypeNames,
    ...reservedWords,
    // Webhooks: webhooks.gen.ts exports these beside the schema types.
    ...(hasInbound(document) ? webhookTypeNames : []),
  ]);
  const schemaNames = planSchemaNames(document, typeNames);
  const schemaOrder = [...document.schemas.values()].sort((a, b) =>
    compare(schemaNames.get(a.id) ?? '', schemaNames.get(b.id) ?? ''),
  );
  const groups = planGroups(document, typeNames);
  const envPrefix =
    (options.clientName === undefined ? apiShortName(document.title) : toConstantCase(options.clientName)) || 'API';
  const webhooks = planWebhooks(document, envPrefix);
  return {
    document,
    specFile: options.specFile,
    typeNames: schemaNames,
    schemaOrder,
    groups,
    schemes: planSchemes(document, envPrefix),
    envPrefix,
    transform,
    files: {
      types: 'types.gen.ts',
      client: 'client.gen.ts',
      index: 'index.ts',
      ...(transform.enabled ? { transforms: 'transforms.gen.ts' } : {}),
      // Validation: one module of compiled checks (src/emit/validators/).
      ...(options.validators === false ? {} : { validators: 'validators.gen.ts' }),
      ...(options.mocks === true ? { mocks: 'mocks.gen.ts' } : {}),
    },
    ...(webhooks === undefined ? {} : { webhooks }),
  };
}

/** Webhooks: does the spec declare any request the API sends (webhooks, callbacks)? */
function hasInbound(document: ir.Document): boolean {
  return document.webhooks.length > 0 || document.operations.some((operation) => operation.callbacks.length > 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function planGroups(document: ir.Document, typeNames: NameRegistry): PlannedGroup[] {
  const byTag = new Map<string | undefined, ir.Operation[]>();
  for (const operation of document.operations) {
    const tag = operation.tags[0];
    const list = byTag.get(tag) ?? [];
    list.push(operation);
    byTag.set(tag, list);
  }
  // Windows device names cannot be file names (`con.gen.ts` would open the console), whatever the extension.
  const devices = ['con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`])];
  const files = new NameRegistry(['index', 'client', 'types', ...devices], true);
  const imports = new NameRegistry([
    ...reservedWords,
    'api',
    'createClient',
    'createCoreClient',
    'CoreClient',
    'Client',
    'createRuntimeClient',
    'bindOperations',
    'client',
    'options',
  ]);
  const facade = new NameRegistry(reservedMemberNames);
  const groups: PlannedGroup[] = [];
  const operationTypes = planOperationTypeNames(document.operations, typeNames);
  // Untagged operations sit on the client itself: their names are claimed on the facade first.
  const untagged = byTag.get(undefined);
  const rootNames = untagged ? new NameRegistry([...reservedWords, ...reservedMemberNames, ...endpointFileNames]) : undefined;
  const ordered = [...byTag.entries()].sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : 0));
  for (const [tag, operations] of ordered) {
    const functionNames =
      rootNames && tag === undefined
        ? rootNames
        : new NameRegistry([...reservedWords, ...reservedMemberNames, ...endpointFileNames]);
    // Names never depend on the spec's order or on other operations (plan/stable-names.ts).
    const names = planFunctionNames(operations, (operation) => functionCandidates(operation, tag), functionNames);
    const planned = operations.flatMap((operation) => {
      const types = operationTypes.get(operation);
      return types ? [planOperation(operation, names.get(operation) ?? 'operation', types)] : [];
    });
    // Stream companions claim their names after every operation of the group has its own.
    for (const op of planned) {
      const stream = planStream(op.operation, op.functionName, op.typeBase, functionNames, typeNames);
      if (stream !== undefined) op.stream = stream;
    }
    if (tag === undefined) {
      for (const op of planned) facade.claim([op.functionName], op.operation.source);
      for (const op of planned) if (op.stream) facade.claim([op.stream.functionName], op.operation.source);
    }
    const base = tag === undefined ? 'untagged' : tagKebabCase(tag) || 'tag';
    const file = `endpoints/${files.claim([base, `${base}-tag`], tag ?? '')}.gen.ts`;
    const camel = tag === undefined ? 'untagged' : ensureIdentifierStart(tagCamelCase(tag)) || 'tag';
    groups.push({
      tag,
      facadeKey: tag === undefined ? undefined : facade.claim([camel, `${camel}Api`, `${camel}Tag`], tag),
      file,
      importName: imports.claim([`${camel}Endpoints`, `${camel}TagEndpoints`], tag ?? ''),
      operations: planned,
    });
  }
  return groups;
}

/**
 * `Swagger Petstore - OpenAPI 3.0` → `PETSTORE`, `GitHub REST API` → `GITHUB`, `Pets OAuth` →
 * `PETS_OAUTH`: the words that name the API, for environment variables. Words are split at spaces
 * and punctuation only, so brand names stay whole (not `GIT_HUB`).
 */
function apiShortName(title: string): string {
  const generic = new Set(['api', 'apis', 'swagger', 'openapi', 'rest', 'the', 'http', 'web', 'public', 'v1', 'v2', 'v3']);
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '' && !generic.has(w.toLowerCase()) && !/^\d+$/.test(w));
  return words.slice(0, 2).join('_').toUpperCase();
}

function planSchemes(document: ir.Document, envPrefix: string): PlannedScheme[] {
  const options = new NameRegistry(reservedMemberNames);
  const oauthLike = document.securitySchemes.filter((s) => s.scheme.type === 'oauth2' || s.scheme.type === 'openIdConnect');
  return document.securitySchemes.map(({ name, scheme }) => {
    const camel = ensureIdentifierStart(toCamelCase(name)) || 'auth';
    let suffix = toConstantCase(name);
    if (suffix.startsWith(`${envPrefix}_`)) suffix = suffix.slice(envPrefix.length + 1);
    const soleOAuth = oauthLike.length === 1 && oauthLike[0]?.name === name;
    const env = soleOAuth || suffix === '' || suffix === envPrefix ? envPrefix : `${envPrefix}_${suffix}`;
    return { name, scheme, option: options.claim([camel, `${camel}Scheme`], name), env };
  });
}
