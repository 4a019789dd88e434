/**
 * The text and Markdown reports as golden snapshots (test/unit/inspect/__snapshots__), plus the
 * properties a snapshot cannot promise: colours only when asked, spec text neutralized.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderInspectMarkdown, renderInspectText, sanitizeReport, type InspectReport } from '../../../src/inspect/index.js';
import { run } from '../../cli/cli-harness.js';
import { repoRoot } from '../../support/paths.js';

const specs = [
  ['petstore', 'fixtures/petstore/openapi.yaml'],
  ['toolbox', 'test/unit/inspect/specs/toolbox.yaml'],
  ['swagger-2-0', 'fixtures/swagger-2-0/swagger.yaml'],
] as const;

describe('inspect text and markdown', () => {
  it.each(specs)('%s matches its snapshots', async (name, spec) => {
    const text = await run(['inspect', spec], repoRoot);
    expect(text.code).toBe(0);
    // Not a TTY: no escape sequences.
    expect(text.stdout).not.toContain('\u001b[');
    await expect(text.stdout).toMatchFileSnapshot(path.join('__snapshots__', `${name}.txt`));
    const markdown = await run(['inspect', spec, '--markdown'], repoRoot);
    expect(markdown.code).toBe(0);
    await expect(markdown.stdout).toMatchFileSnapshot(path.join('__snapshots__', `${name}.md`));
  });

  it('exits 2 for --json with --markdown', async () => {
    const result = await run(['inspect', 'fixtures/petstore/openapi.yaml', '--json', '--markdown'], repoRoot);
    expect(result.code).toBe(2);
  });

  it('colours headings only when asked, and never lets spec text carry escape sequences', async () => {
    const result = await run(['inspect', 'fixtures/petstore/openapi.yaml', '--json'], repoRoot);
    const report = JSON.parse(result.stdout) as InspectReport;
    const first = report.operations[0];
    if (!first) throw new Error('no operations');
    first.summary = 'evil \u001b[2J\u202e summary';
    const coloured = renderInspectText(sanitizeReport(report), { color: true });
    expect(coloured).toContain('\u001b[1mPetstore');
    expect(coloured).not.toContain('\u001b[2J');
    expect(coloured).toContain('evil \\u001b[2J\\u202e summary');
    expect(renderInspectText(sanitizeReport(report))).not.toContain('\u001b[1m');
    const markdown = renderInspectMarkdown(
      sanitizeReport({ ...report, problems: [{ severity: 'warning', code: 'X', message: 'a | b <script>' }] }),
    );
    expect(markdown).toContain('a \\| b \\<script\\>');
  });
});
