// TEMPORARY (removed before report): dumps default-option output to compare byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { buildClient } from '../../../src/generate.js';

const target = process.env['BASELINE_DIR'] ?? '/tmp/apiwright-baseline';
const specs = [
  'fixtures/petstore/openapi.yaml', 'fixtures/schemas-3-1/openapi.yaml', 'fixtures/swagger-2-0/swagger.yaml', 'fixtures/naming-collisions/openapi.yaml',
  'fixtures/security-07-property-names/openapi.json', 'fixtures/security-13-proto-response/openapi.json',
  '../shared/corpus/dev/slack-web-api.json', '../shared/corpus/dev/discord.json', '../shared/corpus/dev/petstore-expanded-v3.yaml',
];
it('dumps', async () => {
  for (const spec of specs) {
    const name = spec.split('/').slice(-2).join('_');
    const opts = process.env['TX'] ? { naming: 'camelCase' as const, dates: 'Date' as const } : {};
    const { files } = await buildClient({ spec, out: `out/${name}`, ...opts });
    for (const file of files) {
      if (file.path.startsWith('runtime/')) continue;
      const p = path.join(target, name, file.path);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, file.content);
    }
  }
}, 300_000);
