/**
 * `apiwright inspect <spec>`: the discovery report (text, `--json` or `--markdown`) on stdout.
 * Exit 0 when the report is printed (problems in the spec are part of it), 1 when the spec cannot
 * be read, 2 on usage errors.
 */
import type { CliIo } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { createProgress, isTty } from './progress.js';
import { EXIT_OK } from './report-error.js';
import { resolveInputs } from './resolve-inputs.js';

export async function runInspectCommand(io: CliIo, args: CommandArgs): Promise<number> {
  const inputs = await resolveInputs(io.cwd, args, false);
  const progress = createProgress(io.stderr);
  try {
    progress.step('reading the spec');
    // The pipeline and the report are imported on use: --help never pays for them.
    const [{ analyzeSpec }, inspect] = await Promise.all([import('../analyze-spec.js'), import('../inspect/index.js')]);
    const analyzed = await analyzeSpec({
      spec: inputs.spec,
      allowRemoteRefs: inputs.allowRemoteRefs,
      refRoot: inputs.refRoot,
      clientName: inputs.config.clientName,
      cwd: io.cwd,
      naming: inputs.config.naming,
      dates: inputs.config.dates,
      pagination: inputs.config.pagination,
      configFile: inputs.config.file,
    });
    progress.step('building the report');
    const report = inspect.buildInspectReport({
      plan: analyzed.plan,
      raw: analyzed.loaded.document,
      specFile: analyzed.specFile,
      problems: analyzed.problems,
      configPagination: Object.keys(inputs.config.pagination),
      cwd: io.cwd,
    });
    progress.stop();
    if (args.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (args.markdown) io.stdout.write(inspect.renderInspectMarkdown(inspect.sanitizeReport(report)));
    else {
      const color = isTty(io.stdout) && process.env['NO_COLOR'] === undefined;
      io.stdout.write(inspect.renderInspectText(inspect.sanitizeReport(report), { color }));
    }
    return EXIT_OK;
  } finally {
    progress.stop();
  }
}
