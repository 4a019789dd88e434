/**
 * Test support: JSON schemas → a generated validators.gen.ts, loaded as a module. Each schema
 * becomes a component of an in-memory spec (OpenAPI 3.1 for 2020-12, 3.0 for draft 4) and goes
 * through the real pipeline (normalize → plan → emit), exactly as a spec's components do.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitValidatorsModule } from '../../../src/emit/validators/validators-file.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { planClient } from '../../../src/plan/plan-client.js';
import { repoRoot } from '../../support/paths.js';

export type Check = (value: unknown) => { ok: boolean; issues?: { path: string; keyword: string; message: string }[] };

export interface CompiledSchemas {
  /** Component name → its `validateX`. */
  validators: Map<string, Check>;
  source: string;
  warnings: string[];
}

/** A whole (already loaded) document's validators, as generated for its client. */
export async function compileDocument(
  document: Record<string, unknown>,
  version: '2.0' | '3.0' | '3.1',
): Promise<{ module: Record<string, Check>; typeNames: Map<string, string>; raw: Record<string, unknown>; source: string }> {
  const normalized = normalizeDocument({ document, version });
  const plan = planClient(normalized.document, { specFile: 'spec.json' });
  const emitted = emitValidatorsModule(plan, normalized.document.raw);
  const module = await importGenerated(emitted.content);
  return { module, typeNames: plan.typeNames, raw: normalized.document.raw ?? {}, source: emitted.content };
}

async function importGenerated(content: string): Promise<Record<string, Check>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apiwright-validators-'));
  mkdirSync(path.join(dir, 'runtime'));
  const runtime = pathToFileURL(path.join(repoRoot, 'runtime', 'index.ts')).href;
  writeFileSync(path.join(dir, 'runtime', 'index.ts'), `export * from '${runtime}';\n`);
  writeFileSync(path.join(dir, 'types.gen.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'validators.gen.ts'), content);
  return (await import(pathToFileURL(path.join(dir, 'validators.gen.ts')).href)) as Record<string, Check>;
}

export async function compileSchemas(
  schemas: Record<string, unknown>,
  version: '3.0' | '3.1',
  extra: Record<string, unknown> = {},
): Promise<CompiledSchemas> {
  const document = {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info: { title: 'validators', version: '1' },
    paths: {},
    components: { schemas },
    ...extra,
  };
  const normalized = normalizeDocument({ document, version });
  const plan = planClient(normalized.document, { specFile: 'spec.json' });
  const module = emitValidatorsModule(plan, normalized.document.raw);
  const loaded = await importGenerated(module.content);
  const validators = new Map<string, Check>();
  for (const name of Object.keys(schemas)) {
    const typeName = [...plan.typeNames.entries()].find(([id]) => id === `#/components/schemas/${name}`)?.[1];
    const check = typeName === undefined ? undefined : loaded[`validate${typeName}`];
    if (check !== undefined) validators.set(name, check);
  }
  return { validators, source: module.content, warnings: module.warnings.map((w) => `${w.code} ${w.message}`) };
}
