/** What load/ hands to normalize/: the contract between the two stages. */
import type { Diagnostic, SourceLocation } from '../errors.js';

export interface LoadOptions {
  /** Allow `$ref` to http(s) URLs (never to loopback/private/link-local/metadata addresses). Default false. */
  allowRemoteRefs?: boolean;
  /**
   * Folder that local `$ref`s may read from (symlinks resolved). Default: the entry file's folder.
   * Widen it for specs that share files with siblings (`spec/` refs `../common/`).
   */
  root?: string;
}

export interface LoadedSpec {
  /** The entry document as plain JSON data, with every external `$ref` bundled in so that all remaining `$ref`s are internal (`#/...`). Circular refs stay `$ref`s. */
  document: Record<string, unknown>;
  /** From `swagger: "2.0"` / `openapi: "3.0.x"` / `"3.1.x"`. */
  version: '2.0' | '3.0' | '3.1';
  /** Absolute path of the entry file. */
  file: string;
  /** Every local file read: the entry file first, then each file an external `$ref` bundled in (absolute paths). */
  files: string[];
  /** Non-fatal problems found while loading (see below). */
  warnings: Diagnostic[];
  /** file:line:column for a JSON pointer into `document` (best effort; lazily re-parses the source file with positions only when asked). */
  locate(pointer: string): SourceLocation;
}
