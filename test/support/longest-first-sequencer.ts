/**
 * Test order: vitest runs the files it has timings for longest first, but a fresh checkout (CI) has
 * none and it falls back to the largest file first — which would start the slowest compatibility
 * row last, alone on one core, while the other worker idles. These files, known to take longest,
 * go first within their group; every other file keeps vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first (quiet 2-core machine: about 40, 35, 30 and 25 s). */
const longest = [
  'test/compat/strict-esm.test.ts',
  'test/corpus/corpus.test.ts',
  'test/compat/directory-sample.test.ts',
  'test/oracle/ajv-differential.test.ts',
];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = longest.findIndex((file) => spec.moduleId.replaceAll('\\', '/').endsWith(file));
      return index === -1 ? longest.length : index;
    };
    const groupOf = (spec: TestSpecification): number => spec.project.config.sequence.groupOrder;
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => groupOf(a.spec) - groupOf(b.spec) || rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
