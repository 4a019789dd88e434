/**
 * Compatibility row: a CommonJS package (package.json without `"type"`) compiling with `module:
 * nodenext` + verbatimModuleSyntax, TypeScript 5.9. The clients are generated with
 * `moduleFormat: 'mts'` (ES modules whatever the package says); the package's own CommonJS code
 * `require()`s one, and the compiled program runs on this Node (≥ 20.19: require of ES modules).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseSpecs, compile, generateRow, strictEsmOptions } from './compat-harness.js';
import { expectedSummary, runProcess, startScenarioServer, summaryOf, type ScenarioServer } from './runtime-harness.js';

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());

it('generated clients (moduleFormat mts) compile in a CommonJS package and load with require', async () => {
  const dir = await generateRow('commonjs', baseSpecs, { moduleFormat: 'mts' });
  // A CommonJS file under verbatimModuleSyntax imports with `import … = require()`.
  writeFileSync(
    path.join(dir, 'main.ts'),
    `import petstore = require('./petstore/index.mjs');

async function main(): Promise<void> {
  const client = petstore.createClient({ baseUrl: ${JSON.stringify(server.url)}, auth: { apiKey: 'compat-key' } });
  const created = await client.pets.createPet({ body: { name: 'Rex' } });
  const names: string[] = [];
  for await (const pet of client.pets.listPets({ limit: 2 })) names.push(pet.name);
  const missing = await client.pets.getPetById({ petId: 'missing' }).safe();
  const notFound = missing.ok ? '' : \`\${missing.error.name} \${petstore.isApiError(missing.error) ? missing.error.status : 0}\`;
  console.log(JSON.stringify({ created: created.id, names, notFound }));
}

void main();
`,
  );
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: {
      compilerOptions: { ...strictEsmOptions, noEmit: false, outDir: 'dist', rootDir: '.' },
      include: ['main.ts', '*/**/*.mts'],
    },
    packageJson: { name: 'commonjs-app' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
  // main.js is CommonJS (it uses `require`), the client .mjs files are ES modules.
  const { stdout } = await runProcess(process.execPath, [path.join(dir, 'dist', 'main.js')], { timeout: 60_000 });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
}, 600_000);
