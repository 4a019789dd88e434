import { it } from 'vitest';
import { generateWatched, typecheckClient, runOracleChild } from './support/run-oracle.js';
import { expectationsOf, readSpec } from './support/spec-expectations.js';
it('x', async () => {
  let t = performance.now();
  const g = await generateWatched('scratch', process.env.SPEC!);
  console.log('gen', performance.now() - t); t = performance.now();
  await typecheckClient(g.out);
  console.log('tc', performance.now() - t); t = performance.now();
  await runOracleChild(g.out, expectationsOf(readSpec(process.env.SPEC!)));
  console.log('child', performance.now() - t); t = performance.now();
}, 120000);
