import { it } from 'vitest';
import path from 'node:path';
import { generate } from '/work/main/src/generate.js';
const specs = (process.env.SPECS ?? '').split(',');
it('gen', async () => {
  for (const s of specs) {
    const t = performance.now();
    try { await generate({ spec: path.resolve('/work/shared/corpus/dev', s), out: `/tmp/pw/out/${s}` }); console.log(s, Math.round(performance.now() - t)); }
    catch (e) { console.log(s, 'FAIL', String(e).slice(0, 300)); }
  }
}, 600_000);
