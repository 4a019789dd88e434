/**
 * Errors the generator reports. Each says where (file, JSON pointer, line:column when known) and
 * what to do. The CLI prints `error.format()` and exits 1 (2 for usage errors).
 */

/** A place in a spec or config file. */
export interface SourceLocation {
  /** Absolute or cwd-relative path of the file. */
  file?: string | undefined;
  /** RFC 6901 JSON pointer inside that file, e.g. `#/paths/~1pets/get`. */
  pointer?: string | undefined;
  /** 1-based line and column, when known. */
  line?: number | undefined;
  column?: number | undefined;
}

export interface ApiwrightErrorOptions extends SourceLocation {
  /** Stable machine-readable code, e.g. `REF_OUTSIDE_ROOT`. */
  code: string;
  /** What the user can do about it. */
  hint?: string | undefined;
  cause?: unknown;
}

export class ApiwrightError extends Error {
  override name = 'ApiwrightError';
  readonly code: string;
  readonly location: SourceLocation;
  readonly hint: string | undefined;

  constructor(message: string, options: ApiwrightErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.hint = options.hint;
    this.location = { file: options.file, pointer: options.pointer, line: options.line, column: options.column };
  }

  /** `file:line:column (#/pointer): message\n  hint` — the form editors and CI logs link. */
  format(): string {
    const where = formatLocation(this.location);
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  ${this.hint}` : head;
  }
}

/** The config file or options are wrong. */
export class ConfigError extends ApiwrightError {
  override name = 'ConfigError';
}

/** The spec cannot be read or used. */
export class SpecError extends ApiwrightError {
  override name = 'SpecError';
}

/** The planner could not lay out the output (e.g. a file would escape the output folder). */
export class PlanError extends ApiwrightError {
  override name = 'PlanError';
}

/** A problem that does not stop generation; printed as a warning. */
export interface Diagnostic extends SourceLocation {
  code: string;
  message: string;
}

export function formatLocation(location: SourceLocation): string {
  const parts: string[] = [];
  if (location.file) {
    let file = location.file;
    if (location.line !== undefined) file += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) file += `:${location.column}`;
    parts.push(file);
  }
  if (location.pointer) parts.push(location.file ? `(${location.pointer})` : location.pointer);
  return parts.join(' ');
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = formatLocation(diagnostic);
  return `warning ${diagnostic.code}${where ? ` ${where}` : ''}: ${diagnostic.message}`;
}

// Strict build: every problem that stops a build, in one error.
/** The spec has problems the build does not accept (a broken `$ref`; any warning under `strict`). */
export class SpecProblemsError extends SpecError {
  override name = 'SpecProblemsError';
  readonly problems: readonly Diagnostic[];

  constructor(problems: readonly Diagnostic[], strict: boolean) {
    const count = problems.length;
    super(`${count} problem${count === 1 ? '' : 's'} in the spec; nothing was written`, {
      code: 'SPEC_PROBLEMS',
      file: problems[0]?.file,
      hint: strict
        ? 'Fix them, or build without --strict (failOnWarnings) to accept warnings.'
        : 'Fix them: a $ref that does not resolve would make a silently wrong type.',
    });
    this.problems = problems;
  }

  /** One `error CODE file:line:col (pointer): message` line per problem, then the summary. */
  override format(): string {
    const lines = this.problems.map((problem) => {
      const where = formatLocation(problem);
      return `error ${problem.code}${where ? ` ${where}` : ''}: ${problem.message}`;
    });
    return [...lines, `${this.message}\n  ${this.hint ?? ''}`.trimEnd()].join('\n');
  }
}
