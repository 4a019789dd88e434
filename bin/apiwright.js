#!/usr/bin/env node
// apiwright's command line. The CLI itself is TypeScript compiled to dist/ (`npm run build`).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node ≥ 22.1 keeps the compiled code of the CLI's modules on disk (in the OS temp folder): later
// runs skip most of the ~0.2 s spent compiling yargs, handlebars and the generator. Older Nodes
// lack it; a cache folder it cannot write is reported in the returned status, never thrown.
module.enableCompileCache?.();

const entry = new URL('../dist/src/cli/main.js', import.meta.url);

if (!existsSync(entry)) {
  process.stderr.write(
    'apiwright: the compiled CLI (dist/src/cli/main.js) is missing. Run `npm run build` in the apiwright folder first.\n',
  );
  process.exit(2);
}

const { main } = await import(entry.href);
// exitCode, not exit(): lets stdout and stderr finish flushing when they are pipes.
process.exitCode = await main(process.argv);
