/** index.ts: the explicit public surface of a generated client. */
import { contractErrorClasses } from '../../runtime/errors/errors.js';
import type { ClientPlan } from '../plan/plan-types.js';
import { createWriter } from './ts/writer.js';

const errorExports = [...contractErrorClasses, 'isApiError', 'isApiwrightError'].sort();
/** The runtime types a caller writes in their own signatures: call results, streams, options. */
const runtimeTypeExports = [
  'ApiPromise',
  'EventStream',
  'JsonLinesStream',
  'PagedPromise',
  'RequestOptions',
  'ServerSentEvent',
  'StreamOptions',
];

export function emitIndexFile(plan: ClientPlan): string {
  const writer = createWriter();
  const client = `./${plan.files.client.replace(/\.ts$/, '.js')}`;
  writer.writeLine(`export { createClient } from '${client}';`);
  writer.writeLine(`export type { ApiClient, ClientAuth, ClientOptions } from '${client}';`);
  writer.writeLine(`export type * from './${plan.files.types.replace(/\.ts$/, '.js')}';`);
  writer.writeLine(`export {\n${errorExports.map((n) => `  ${n},`).join('\n')}\n} from './runtime/index.js';`);
  writer.writeLine(`export { batch, createUndiciFetch, mapConcurrent, verifyJwt } from './runtime/index.js';`);
  writer.writeLine(`export type {\n${runtimeTypeExports.map((n) => `  ${n},`).join('\n')}\n} from './runtime/index.js';`);
  return writer.toString();
}
