/**
 * What the CLI needs from its surroundings, injectable so every command runs in-process in tests.
 */
import path from 'node:path';
import type { DateStyle, NamingStyle, PaginationOverride } from '../config/index.js';
import type { Diagnostic, SourceLocation } from '../errors.js';
import type { GenerateOptions, GenerateResult } from '../generate.js';

export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * The options the CLI passes to `generate()`: GenerateOptions plus the config's settings and the
 * working directory (spec and out are absolute; `cwd` lets the header and README name them relatively).
 */
export interface CliGenerateOptions extends GenerateOptions {
  cwd: string;
  configFile: string | undefined;
  naming: NamingStyle;
  dates: DateStyle;
  pagination: Readonly<Record<string, false | PaginationOverride>>;
}

export type GenerateFn = (options: CliGenerateOptions) => Promise<GenerateResult>;

/** The loaded spec, as far as `validate` needs it (load/ `LoadedSpec`). */
export interface LoadedSpecSummary {
  version: string;
  warnings: Diagnostic[];
  /** file:line:column of a JSON pointer (load/ `LoadedSpec.locate`). */
  locate?: ((pointer: string) => SourceLocation) | undefined;
}

/** load/'s entry points used by `apiwright validate` (injectable for tests). */
export interface SpecLoader<Loaded extends LoadedSpecSummary = LoadedSpecSummary> {
  loadSpec(file: string, options: { allowRemoteRefs: boolean; root?: string }): Promise<Loaded>;
  validateSpec(loaded: Loaded): Promise<Diagnostic[]>;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  cwd: string;
  generate?: GenerateFn | undefined;
  loader?: SpecLoader | undefined;
  /** Milliseconds, for the timing in the success line. Default `performance.now()`. */
  now?: (() => number) | undefined;
  // health: where credentials come from.
  /** Environment variables `health` reads credentials from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Ends a long-running command (`generate --watch`); default: SIGINT or SIGTERM. */
  signal?: AbortSignal | undefined;
}

export function writeLine(sink: TextSink, line: string): void {
  sink.write(`${line}\n`);
}

/** A path as the user would type it: relative to cwd when inside it, else absolute. URLs as they are. */
export function displayPath(cwd: string, target: string): string {
  if (/^https?:\/\//i.test(target)) return target;
  const relative = path.relative(cwd, target);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? target : relative.split(path.sep).join('/');
}
