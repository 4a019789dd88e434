/** ClientPlan → the text of every generated source file (paths relative to the output folder). */
import type { Diagnostic } from '../errors.js';
import type { ClientPlan } from '../plan/plan-types.js';
import { emitClientFile } from './client-file.js';
import { emitEndpointsFile } from './endpoints-file.js';
import { emitIndexFile } from './index-file.js';
import { emitMocksFile } from './mocks-file.js';
import { emitTransformsFile } from './transforms-file.js';
import { emitTypesFile } from './types-file.js';
import { emitWebhooksFile } from './webhooks-file.js';
import { validatorSource } from './validators/source.js';
import { compileValidators, type ValidatorNames } from './validators/validators-file.js';

export interface EmittedFile {
  path: string;
  content: string;
}

/** `warnings` receives what compiling the validators found (patterns JavaScript cannot run …). */
export function emitClient(plan: ClientPlan, warnings: Diagnostic[] = []): EmittedFile[] {
  const validators = plan.files.validators === undefined ? undefined : compileValidators(validatorSource(plan, rawOf(plan)));
  warnings.push(...(validators?.warnings ?? []));
  // Every file comes laid out (issue 14: lines wrapped the way a formatter would, ts/layout.ts)
  // from the writer that printed it: its lines are never scanned again.
  const files = emitFiles(plan, validators);
  if (validators !== undefined && plan.files.validators !== undefined)
    files.push({ path: plan.files.validators, content: validators.content });
  return files;
}

function rawOf(plan: ClientPlan): unknown {
  return plan.document.raw ?? {};
}

/** Every file but validators.gen.ts; `validators` names what the index and the endpoint descriptors refer to. */
function emitFiles(plan: ClientPlan, validators: ValidatorNames | undefined): EmittedFile[] {
  return [
    { path: plan.files.index, content: emitIndexFile(plan, validators?.exports) },
    { path: plan.files.client, content: emitClientFile(plan) },
    { path: plan.files.types, content: emitTypesFile(plan) },
    ...(plan.files.transforms === undefined ? [] : [{ path: plan.files.transforms, content: emitTransformsFile(plan) }]),
    ...plan.groups.map((group) => ({ path: group.file, content: emitEndpointsFile(plan, group, validators?.operations) })),
    // Webhooks: typed receivers when the spec declares webhooks or callbacks.
    ...(plan.webhooks === undefined ? [] : [{ path: plan.webhooks.file, content: emitWebhooksFile(plan, plan.webhooks) }]),
    ...(plan.files.mocks === undefined ? [] : [{ path: plan.files.mocks, content: emitMocksFile(plan) }]),
  ];
}
