/**
 * Type oracle: our component types against openapi-typescript's (a devDependency only) for the
 * 3.x fixtures and 10 corpus specs. Each pair must be mutually assignable, checked by tsc.
 * openapi-typescript runs with `defaultNonNullable: false`: we type requests and responses with one
 * type, so a `default` cannot make a property required.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { loadSpec } from '../../src/load/index.js';
import { normalizeDocument } from '../../src/normalize/index.js';
import { planClient } from '../../src/plan/plan-client.js';
import { corpusDir, fixturesDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';
import { injectedDiscriminators, oracleFile } from './oracle-checks.js';

const specs = [
  ['fixture-petstore', path.join(fixturesDir, 'petstore/openapi.yaml')],
  ['fixture-schemas-3-1', path.join(fixturesDir, 'schemas-3-1/openapi.yaml')],
  ['fixture-naming-collisions', path.join(fixturesDir, 'naming-collisions/openapi.yaml')],
  ['fixture-transform-snake-case', path.join(fixturesDir, 'transform-snake-case/openapi.yaml')],
  ['petstore-expanded-v3', path.join(corpusDir, 'petstore-expanded-v3.yaml')],
  ['uspto-v3', path.join(corpusDir, 'uspto-v3.yaml')],
  ['museum-v31', path.join(corpusDir, 'museum-v31.yaml')],
  ['tictactoe-v31', path.join(corpusDir, 'tictactoe-v31.yaml')],
  ['spotify', path.join(corpusDir, 'spotify.json')],
  ['mux', path.join(corpusDir, 'mux.json')],
  ['keycloak', path.join(corpusDir, 'keycloak.json')],
  ['listennotes', path.join(corpusDir, 'listennotes.json')],
  ['overseerr', path.join(corpusDir, 'overseerr.yaml')],
  ['airflow', path.join(corpusDir, 'airflow.json')],
  ['sonarr-v3', path.join(corpusDir, 'sonarr-v3.json')],
] as const;

describe('type oracle against openapi-typescript', () => {
  const root = generatedDir('oracle', 'specs');
  const totals = { checked: 0, skipped: 0 };

  it.each(specs)(
    '%s: writes our client, openapi-typescript types and the check file',
    async (name, spec) => {
      const dir = path.join(root, name);
      await generate({ spec, out: path.join(dir, 'client') });
      const loaded = await loadSpec(spec);
      const { document } = normalizeDocument(loaded);
      const plan = planClient(document, { specFile: path.basename(spec) });
      const ast = await openapiTS(loaded.document as unknown as Parameters<typeof openapiTS>[0], {
        defaultNonNullable: false,
        silent: true,
      });
      const oats = astToString(ast);
      writeFileSync(path.join(dir, 'oats.ts'), oats);
      const oracle = oracleFile(document, plan.typeNames, loaded.document, injectedDiscriminators(oats));
      writeFileSync(path.join(dir, 'oracle.ts'), oracle.source);
      totals.checked += oracle.checked.length;
      totals.skipped += oracle.skipped.length;
      console.log(`${name}: ${oracle.checked.length} types compared, ${oracle.skipped.length} differ on purpose`);
    },
    120_000,
  );

  it('every compared type is mutually assignable with openapi-typescript', async () => {
    const errors = await typecheck(root, ['*/oracle.ts']);
    const failures = errors.filter((e) => e.file.endsWith('oracle.ts'));
    expect(failures.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([]);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([]);
    // The exclusions must not swallow the comparison: most types are compared.
    expect(totals.checked).toBeGreaterThan(totals.skipped);
  }, 300_000);
});
