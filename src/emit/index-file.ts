/** index.ts: the explicit public surface of a generated client. */
import { contractErrorClasses } from '../../runtime/errors/errors.js';
import { importSpecifier } from '../plan/import-specifier.js';
import type { ClientPlan } from '../plan/plan-types.js';
import {
  corePartExports,
  runtimeTypeExports,
  validationTypeExports,
  validationValueExports,
  webhookRuntimeExports,
} from '../plan/reserved.js';
import { createWriter } from './ts/writer.js';

const errorExports = [...contractErrorClasses, 'isApiError', 'isApiwrightError'].sort();

/** `validators`: the public names of validators.gen.ts (`isPet`, `validatePet`, `parsePet` …). */
export function emitIndexFile(plan: ClientPlan, validators?: readonly string[]): string {
  const writer = createWriter();
  const client = importSpecifier(plan.files.client);
  writer.writeLine(`export { createClient, createCoreClient } from '${client}';`);
  writer.writeLine(`export type { ApiClient, ClientAuth, ClientOptions, CoreClient } from '${client}';`);
  writer.writeLine(`export type * from '${importSpecifier(plan.files.types)}';`);
  writer.writeLine(`export {\n${errorExports.map((n) => `  ${n},`).join('\n')}\n} from './runtime/index.js';`);
  writer.writeLine(`export { batch, createUndiciFetch, mapConcurrent, verifyJwt } from './runtime/index.js';`);
  // The response cache of a core client (createCoreClient), which carries no cache code unless given one.
  writer.writeLine(`export { responseCache } from './runtime/index.js';`);
  // The parts a core client is handed (retries, breaker, limiter, observability, request checks).
  writer.writeLine(`export { ${corePartExports.join(', ')} } from './runtime/index.js';`);
  writer.writeLine(`export type { ClientPart } from './runtime/index.js';`);
  writer.writeLine(`export type {\n${runtimeTypeExports.map((n) => `  ${n},`).join('\n')}\n} from './runtime/index.js';`);
  // Webhooks: the typed receiver, and the runtime pieces a receiver uses directly.
  if (plan.webhooks !== undefined) {
    const webhooks = importSpecifier(plan.webhooks.file);
    writer.writeLine(`export { createWebhookHandler, webhookEvents } from '${webhooks}';`);
    writer.writeLine(`export type { WebhookHandlers, WebhookOptions, WebhookPayloads } from '${webhooks}';`);
    writer.writeLine(`export { ${webhookRuntimeExports.join(', ')} } from './runtime/index.js';`);
  }
  // Validation: the generated validators and the types they return.
  if (validators !== undefined && plan.files.validators !== undefined) {
    const module = importSpecifier(plan.files.validators);
    if (validators.length > 0) writer.writeLine(`export {\n${validators.map((n) => `  ${n},`).join('\n')}\n} from '${module}';`);
    writer.writeLine(`export { ${validationValueExports.join(', ')} } from './runtime/index.js';`);
    writer.writeLine(`export type { ${validationTypeExports.join(', ')} } from './runtime/index.js';`);
  }
  return writer.toString();
}
