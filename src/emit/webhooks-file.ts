/**
 * webhooks.gen.ts: typed, verified receivers for the spec's webhooks and callbacks. One payload type
 * per event (`WebhookPayloads`), how each event is recognized (`webhookEvents`, from the spec), and
 * `createWebhookHandler`, a Fetch-API endpoint with a node:http adapter (runtime/webhooks).
 */
import type { ClientPlan } from '../plan/plan-types.js';
import { importSpecifier } from '../plan/import-specifier.js';
import type { PlannedWebhookEvent, WebhookPlan } from '../plan/plan-webhooks.js';
import { schemaShape } from './transforms-file.js';
import { typeExpression, type TypeContext } from './type-expression.js';
import { docComment } from './ts/doc-comment.js';
import { objectKey, propertyKey, stringLiteral } from './ts/literal.js';
import { valueLiteral, type Value } from './ts/value-literal.js';
import { createWriter } from './ts/writer.js';

export function emitWebhooksFile(plan: ClientPlan, webhooks: WebhookPlan): string {
  const writer = createWriter();
  const ctx: TypeContext = { typeNames: plan.typeNames, qualifier: 't.' };
  const validators = validatorFunctions(plan, webhooks);
  const validatorsFile = plan.files.validators;
  const runtimeTypes = ['WebhookEventDescriptor', 'WebhookHandler', 'WebhookHandlerMap', 'WebhookHandlerOptions'];
  if (webhooks.defaultScheme === undefined) runtimeTypes.push('WebhookScheme');
  const usesTypes = webhooks.events.some((event) => event.payload !== undefined);
  const transforms = payloadTransforms(plan, webhooks);

  if (usesTypes) writer.writeLine(`import type * as t from '${importSpecifier(plan.files.types)}';`);
  const runtimeImports = [
    'createWebhookReceiver',
    ...(transforms.length > 0 ? ['fromWire'] : []),
    ...runtimeTypes.map((name) => `type ${name}`),
  ];
  writer.writeLine(`import {\n${runtimeImports.map((name) => `  ${name},`).join('\n')}\n} from './runtime/index.js';`);
  if (transforms.length > 0 && plan.files.transforms !== undefined) {
    writer.writeLine(`import { shapes } from '${importSpecifier(plan.files.transforms)}';`);
  }
  if (validatorsFile !== undefined && validators.length > 0) {
    const names = [...new Set(validators.map(([, fn]) => fn))].sort();
    writer.writeLine(`import { ${names.join(', ')} } from '${importSpecifier(validatorsFile)}';`);
  }
  writer.blankLine();

  writer.write(docComment(['The payload of every event the spec declares, by handler key.']));
  writer.writeLine('export interface WebhookPayloads {');
  for (const event of webhooks.events) {
    writer.write(docComment(eventDoc(event), '  '));
    writer.writeLine(
      `  ${propertyKey(event.key)}: ${event.payload === undefined ? 'undefined' : typeExpression(event.payload, ctx, '  ')};`,
    );
  }
  writer.writeLine('}');
  writer.blankLine();

  writer.write(
    docComment(['One handler per event: `(payload, context) => void | Response`, called once per verified delivery.']),
  );
  writer.writeLine('export type WebhookHandlers = WebhookHandlerMap<WebhookPayloads>;');
  writer.blankLine();
  writer.write(docComment([optionsDoc(webhooks)]));
  writer.writeLine(
    webhooks.defaultScheme === undefined
      ? 'export type WebhookOptions = WebhookHandlerOptions<WebhookPayloads> & { scheme: WebhookScheme };'
      : 'export type WebhookOptions = WebhookHandlerOptions<WebhookPayloads>;',
  );
  writer.blankLine();

  writer.write(
    docComment(['How a delivery is recognized as each event: its method, and the headers and body fields\nthe spec fixes.']),
  );
  writer.writeLine(
    `export const webhookEvents: readonly WebhookEventDescriptor[] = ${valueLiteral(webhooks.events.map(descriptor))};`,
  );
  writer.blankLine();

  writer.write(
    docComment([
      'A verified, replay-safe endpoint for these events: `(request: Request) => Promise<Response>`\nfor Next.js route handlers, Hono, Bun.serve, Deno.serve and Workers. `.node` is the same\nendpoint as a node:http / Express `(req, res)` listener.',
      'The raw body is verified before it is parsed. A bad signature answers 401, an invalid payload\n400 with the issues, an event without a handler 204, a handler that throws 500.',
    ]),
  );
  // Converted clients: the validators check the wire form (no generated type names it), then the transforms convert.
  const converted = plan.transform.enabled;
  writer.writeLine('export function createWebhookHandler(options: WebhookOptions): WebhookHandler {');
  writer.writeLine(
    converted
      ? '  return createWebhookReceiver<WebhookPayloads, { [K in keyof WebhookPayloads]: unknown }>('
      : '  return createWebhookReceiver<WebhookPayloads>(',
  );
  writer.writeLine(
    `    {\n${setupLines(webhooks, validatorsFile === undefined ? [] : validators, transforms).join('\n')}\n    },`,
  );
  writer.writeLine('    options,');
  writer.writeLine('  );');
  writer.writeLine('}');
  return writer.toString();
}

function eventDoc(event: PlannedWebhookEvent): (string | undefined)[] {
  const { inbound } = event;
  const origin =
    inbound.origin.kind === 'webhook'
      ? `Webhook \`${inbound.origin.name}\``
      : `Callback \`${inbound.origin.name}\` of \`${inbound.origin.operation}\` (\`${inbound.origin.expression}\`)`;
  const media = event.mediaType === undefined ? 'no body' : `\`${event.mediaType}\``;
  return [inbound.summary, inbound.description, `${origin} · \`${inbound.method}\` · ${media}`];
}

function optionsDoc(webhooks: WebhookPlan): string {
  const scheme =
    webhooks.defaultScheme === undefined
      ? '`scheme` is required (the spec names none)'
      : `\`scheme\` defaults to \`${webhooks.defaultScheme}\``;
  return `Options of \`createWebhookHandler\`: ${scheme};\n\`secret\` defaults to the \`${webhooks.envVar}\` environment variable.`;
}

function descriptor(event: PlannedWebhookEvent): Value {
  const headers = Object.fromEntries(event.headers.map((h) => [h.name, h.value]));
  const fields = Object.fromEntries(event.fields.map((f) => [f.path, f.value]));
  return {
    key: event.key,
    name: event.inbound.origin.name,
    method: event.inbound.method,
    headers: event.headers.length === 0 ? undefined : headers,
    fields: event.fields.length === 0 ? undefined : fields,
  };
}

/** `[handler key, validator function]` for each event whose payload is a named schema. */
function validatorFunctions(plan: ClientPlan, webhooks: WebhookPlan): [string, string][] {
  return webhooks.events.flatMap((event): [string, string][] => {
    const name = event.payload?.kind === 'ref' ? plan.typeNames.get(event.payload.target) : undefined;
    return name === undefined ? [] : [[event.key, `validate${name}`]];
  });
}

/** The runtime setup object: the events, the spec's scheme, the secret's variable, the validators. */
function setupLines(webhooks: WebhookPlan, validators: [string, string][], transforms: [string, Value][]): string[] {
  const lines = ['      events: webhookEvents,'];
  if (webhooks.defaultScheme !== undefined) lines.push(`      defaultScheme: ${stringLiteral(webhooks.defaultScheme)},`);
  lines.push(`      secretEnv: ${stringLiteral(webhooks.envVar)},`);
  if (validators.length > 0) {
    lines.push('      validators: {');
    for (const [key, fn] of validators) lines.push(`        ${objectKey(key)}: ${fn},`);
    lines.push('      },');
  }
  if (transforms.length > 0) {
    lines.push('      transforms: {');
    for (const [key, shape] of transforms) {
      lines.push(`        ${objectKey(key)}: (wire) => fromWire(wire, ${valueLiteral(shape, '        ')}, shapes),`);
    }
    lines.push('      },');
  }
  return lines;
}

/** With `naming`/`dates` transforms, payloads are converted from the wire form as responses are. */
function payloadTransforms(plan: ClientPlan, webhooks: WebhookPlan): [string, Value][] {
  return webhooks.events.flatMap((event): [string, Value][] => {
    const shape = event.payload === undefined ? undefined : schemaShape(plan, event.payload);
    return shape === undefined ? [] : [[event.key, shape]];
  });
}
