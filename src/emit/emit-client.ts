/** ClientPlan → the text of every generated source file (paths relative to the output folder). */
import type { ClientPlan } from '../plan/plan-types.js';
import { emitClientFile } from './client-file.js';
import { emitEndpointsFile } from './endpoints-file.js';
import { emitIndexFile } from './index-file.js';
import { emitMocksFile } from './mocks-file.js';
import { emitTransformsFile } from './transforms-file.js';
import { emitTypesFile } from './types-file.js';
// Issue 14: lines wrapped the way a formatter would (ts/layout.ts).
import { layoutSource } from './ts/layout.js';

export interface EmittedFile {
  path: string;
  content: string;
}

export function emitClient(plan: ClientPlan): EmittedFile[] {
  return emitFiles(plan).map((file) => ({ path: file.path, content: layoutSource(file.content) }));
}

function emitFiles(plan: ClientPlan): EmittedFile[] {
  return [
    { path: plan.files.index, content: emitIndexFile(plan) },
    { path: plan.files.client, content: emitClientFile(plan) },
    { path: plan.files.types, content: emitTypesFile(plan) },
    ...(plan.files.transforms === undefined ? [] : [{ path: plan.files.transforms, content: emitTransformsFile(plan) }]),
    ...plan.groups.map((group) => ({ path: group.file, content: emitEndpointsFile(plan, group) })),
    ...(plan.files.mocks === undefined ? [] : [{ path: plan.files.mocks, content: emitMocksFile(plan) }]),
  ];
}
