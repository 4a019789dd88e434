/** client.gen.ts: the API descriptor, the typed `auth` option, and the `createClient` facade. */
import { importSpecifier } from '../plan/import-specifier.js';
import type { ClientPlan, PlannedScheme } from '../plan/plan-types.js';
import { allSchemeSupports, coreSchemeSupports } from './scheme-supports.js';
import { docComment } from './ts/doc-comment.js';
import { propertyKey } from './ts/literal.js';
import { valueLiteral, type Value } from './ts/value-literal.js';
import { createWriter } from './ts/writer.js';

const authTypes: Record<string, string> = {
  apiKey: 'ApiKeyAuth',
  basic: 'BasicAuth',
  bearer: 'BearerAuth',
  oauth2: 'OAuth2Auth',
  openIdConnect: 'OpenIdConnectAuth',
};

function authType(scheme: PlannedScheme): string | undefined {
  const s = scheme.scheme;
  if (s.type === 'http') return s.scheme === 'basic' ? authTypes['basic'] : authTypes['bearer'];
  if (s.type === 'mutualTLS') return undefined;
  return authTypes[s.type];
}

export function emitClientFile(plan: ClientPlan): string {
  const writer = createWriter();
  const usedAuthTypes = [...new Set(plan.schemes.map(authType).filter((t): t is string => t !== undefined))].sort();
  const runtimeTypes = [
    'ApiDescriptor',
    'Client',
    'ClientFeatures',
    'ClientOptions as RuntimeClientOptions',
    'ClientPart',
    ...usedAuthTypes,
  ].map((t) => `type ${t}`);
  const supports = allSchemeSupports(plan);
  const coreSupports = coreSchemeSupports(plan);
  const transform = plan.files.transforms !== undefined;
  const values = [
    'bindOperations',
    'createClientCache',
    'createClientCore',
    'defaultParts',
    'encodeBody',
    ...supports,
    ...(transform ? ['transforms'] : []),
  ];
  writer.writeLine(`import { ${[...values.sort(), ...runtimeTypes].join(', ')} } from './runtime/index.js';`);
  for (const group of plan.groups) {
    writer.writeLine(`import * as ${group.importName} from '${importSpecifier(group.file, plan.files.client)}';`);
  }
  writer.blankLine();
  emitAuthInterface(writer, plan);
  writer.blankLine();
  writer.write(docComment(['Options of `createClient`: base URL, credentials, retries, timeouts, logging and more.']));
  writer.writeLine('export type ClientOptions = RuntimeClientOptions<ClientAuth>;');
  writer.blankLine();
  writer.writeLine(`const api: ApiDescriptor = ${valueLiteral(apiDescriptor(plan))};`);
  writer.blankLine();
  writer.write(
    docComment([
      "The runtime's optional parts the core client needs" +
        (coreSupports.length > 0 ? ' (OAuth for `client.oauth`)' : '') +
        (transform ? ', with the transform' : '') +
        '; each endpoint function brings the kinds of security scheme its operation uses.',
    ]),
  );
  const featureEntries = [
    ...(coreSupports.length > 0 ? [`auth: [${coreSupports.join(', ')}]`] : []),
    ...(transform ? ['transform: transforms'] : []),
  ];
  writer.writeLine(
    `const features: ClientFeatures = ${featureEntries.length === 0 ? '{}' : `{ ${featureEntries.join(', ')} }`};`,
  );
  writer.blankLine();
  emitCoreClient(writer);
  writer.blankLine();
  writer.write(
    docComment([
      `Creates a client for ${plan.document.title} ${plan.document.version}.`,
      plan.document.description ? firstParagraph(plan.document.description) : undefined,
    ]),
  );
  writer.writeLine('export function createClient(options: ClientOptions = {}) {');
  writer.indent(() => {
    // The facade binds every operation, so it takes every kind of scheme, every part (retries,
    // breaker, limiter, observability, request checks), the response cache (`cache: true`) and the
    // body encoder (for hand-built descriptors sent with `runtime.request()`).
    writer.writeLine('const client = createClientCore(api, options, [');
    writer.indent(() => {
      writer.writeLine('features,');
      writer.writeLine('...defaultParts,');
      writer.writeLine(`{ auth: [${supports.join(', ')}], cache: createClientCache, encodeBody },`);
    });
    writer.writeLine(']);');
    writer.writeLine('return {');
    writer.indent(() => {
      for (const group of plan.groups) {
        if (group.facadeKey === undefined) writer.writeLine(`...bindOperations(client, ${group.importName}),`);
      }
      for (const group of plan.groups) {
        if (group.facadeKey === undefined) continue;
        if (group.tag !== undefined) {
          const tag = plan.document.tags.find((t) => t.name === group.tag);
          writer.write(docComment([tag?.description ? firstParagraph(tag.description) : `Operations tagged \`${group.tag}\`.`]));
        }
        writer.writeLine(`${propertyKey(group.facadeKey)}: bindOperations(client, ${group.importName}),`);
      }
      writer.write(
        docComment([
          'Request counts, success rate, latency percentiles, errors by status, retries, breaker changes: `metrics.snapshot()`.',
        ]),
      );
      writer.writeLine('metrics: client.metrics,');
      writer.write(
        docComment(['The runtime client: OAuth helpers (`runtime.oauth`), and `request()` for anything the spec lacks.']),
      );
      writer.writeLine('runtime: client,');
    });
    writer.writeLine('};');
  });
  writer.writeLine('}');
  writer.blankLine();
  writer.writeLine('export type ApiClient = ReturnType<typeof createClient>;');
  return writer.toString();
}

/**
 * The core client the standalone endpoint functions take: the API descriptor and the runtime,
 * nothing bound. A bundle that calls `getPet(core, …)` from `endpoints/pets.gen.js` carries that
 * one operation (and its validators); `createClient` binds every operation on top of it.
 */
function emitCoreClient(writer: ReturnType<typeof createWriter>): void {
  writer.write(
    docComment([
      'The core client for standalone calls: pass it to the endpoint functions of `endpoints/*.gen.js` ' +
        '(`getPet(core, { petId })`), and a bundler keeps only the operations you call.',
    ]),
  );
  writer.writeLine('export type CoreClient = Client;');
  writer.blankLine();
  writer.write(
    docComment([
      'Creates the core client: the same options as `createClient`, no operations bound, and only the ' +
        'parts handed in, so a bundle carries no code for the others: `retries`, `circuitBreaker`, ' +
        '`rateLimiter`, `observability`, `requestValidation` (all of them: `defaultParts`). Without any, ' +
        'a call is one attempt, logs nothing and sends its params unchecked; an option whose part is ' +
        'missing throws a ConfigurationError. The response cache is `cache: responseCache(options)`.',
      '@example createCoreClient({ auth, retry: { maxRetries: 3 } }, [retries, observability])',
    ]),
  );
  writer.writeLine(
    'export function createCoreClient(options: ClientOptions = {}, parts: readonly ClientPart[] = []): CoreClient {',
  );
  writer.indent(() => writer.writeLine('return createClientCore(api, options, [features, ...parts]);'));
  writer.writeLine('}');
}

function emitAuthInterface(writer: ReturnType<typeof createWriter>, plan: ClientPlan): void {
  writer.write(
    docComment([
      'Credentials, one per security scheme of the spec. Each may also come from the environment variable named below.',
    ]),
  );
  const lines = plan.schemes.flatMap((scheme) => {
    const type = authType(scheme);
    if (type === undefined) return [];
    const doc = docComment(
      [scheme.scheme.description, `Scheme \`${scheme.name}\` (${describeScheme(scheme)}); environment: \`${scheme.env}\`.`],
      '  ',
    );
    return [`${doc}  ${propertyKey(scheme.option)}?: ${type};`];
  });
  writer.writeLine(
    lines.length === 0 ? 'export interface ClientAuth {}' : `export interface ClientAuth {\n${lines.join('\n')}\n}`,
  );
}

function describeScheme(planned: PlannedScheme): string {
  const s = planned.scheme;
  switch (s.type) {
    case 'apiKey':
      return `API key in ${s.in} \`${s.name}\``;
    case 'http':
      return `HTTP ${s.scheme}`;
    case 'oauth2':
      return `OAuth 2.0: ${Object.keys(s.flows).join(', ') || 'no flows'}`;
    case 'openIdConnect':
      return 'OpenID Connect';
    case 'mutualTLS':
      return 'mutual TLS';
  }
}

function firstParagraph(text: string): string {
  const paragraph = text.split(/\n\s*\n/)[0] ?? '';
  return paragraph.length > 400 ? `${paragraph.slice(0, 397)}…` : paragraph;
}

function apiDescriptor(plan: ClientPlan): Value {
  const schemes: Record<string, Value> = {};
  for (const planned of plan.schemes) {
    const { description: _description, ...scheme } = planned.scheme;
    Object.defineProperty(schemes, planned.name, {
      value: { option: planned.option, env: planned.env, ...(scheme as Record<string, Value>) },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    title: plan.document.title,
    version: plan.document.version,
    envPrefix: plan.envPrefix,
    servers: plan.document.servers as unknown as Value,
    security: plan.document.security,
    securitySchemes: schemes,
  };
}
