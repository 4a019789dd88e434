import { it } from 'vitest';
import { buildClient } from '../../src/generate.js';
it('x', async () => {
  const r = await buildClient({ spec: process.env.SPEC!, out: '/tmp/x' });
  for (const f of r.files.filter((f) => !f.path.startsWith('runtime/'))) console.log('=====', f.path, '\n', f.content);
  console.log(r.warnings);
});
