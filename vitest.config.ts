import { configDefaults, defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/support/longest-first-sequencer.js';

// Suite time: files whose time is generation and compilers in child processes, with no timing-
// sensitive assertion, no fixed port and folders of their own, run after the rest in a group with
// one worker per core (the default is cores − 1: a single worker on a 2-core machine).
const parallelFiles = ['test/compat/**/*.test.ts', 'test/corpus/**/*.test.ts', 'test/oracle/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Suite time: clients generated once per run and shared by the files that compile them.
    globalSetup: ['test/support/shared-clients-setup.ts'],
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...parallelFiles] },
      },
      { extends: true, test: { name: 'cpu-bound', include: parallelFiles, maxWorkers: '100%', sequence: { groupOrder: 1 } } },
    ],
  },
});
