#!/usr/bin/env node
// apiwright's command line. The CLI itself is TypeScript compiled to dist/ (`npm run build`).
import { existsSync } from 'node:fs';

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
