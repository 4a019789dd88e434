/**
 * Global setup: names the `vitest` run whose files share generated clients (shared-clients.ts) and,
 * when the run ends, removes the folders it shared them in. A fresh name per run (and per rerun in
 * watch mode), so a shared client is never older than the generator the run tests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedClientsRun: string;
  }
}

export default function setup(project: TestProject): () => void {
  let run = newRun();
  project.provide('sharedClientsRun', run);
  // Watch mode reruns after the generator changed: a new name, so no client outlives its generator.
  project.onTestsRerun(() => {
    removeShared(run);
    run = newRun();
    project.provide('sharedClientsRun', run);
  });
  return () => removeShared(run);
}

function newRun(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The start of the name of every folder a run shares clients in. */
export function sharedPrefix(run: string): string {
  return `.shared-${run}-`;
}

/** Removes `test/<area>/__generated__/.shared-<run>-*`. */
function removeShared(run: string): void {
  const testDir = path.join(repoRoot, 'test');
  for (const area of readdirSync(testDir)) {
    const generated = path.join(testDir, area, '__generated__');
    if (!existsSync(generated)) continue;
    for (const entry of readdirSync(generated)) {
      if (entry.startsWith(sharedPrefix(run))) rmSync(path.join(generated, entry), { recursive: true, force: true });
    }
  }
}
