/**
 * The plain view of an operation that pagination detection reads (any spec version can produce
 * it), and the shapes detection and the declaration reader hand each other.
 */
import type { PaginationSpec } from '../../runtime/pagination/strategy.js';

/** A resolved, depth-limited view of a response schema (`$ref` and `allOf` already merged in). */
export interface SchemaView {
  type?: string;
  /** `format`, when given: a `uri` field is a link, never a cursor. */
  format?: string;
  properties?: Record<string, SchemaView>;
  items?: SchemaView;
}

export interface QueryParamView {
  name: string;
  /** `schema.type` (3.x) or `type` (2.0). */
  schemaType?: string;
  default?: unknown;
  minimum?: number;
}

export interface PaginationInput {
  method: string;
  queryParams: readonly QueryParamView[];
  /** The schema of the success (200, else first 2XX) JSON response. */
  responseSchema: SchemaView | undefined;
  /** Header names that success response declares. */
  responseHeaders: readonly string[];
  /** The operation's `x-apiwright-pagination` value, if any. */
  extension?: unknown;
  /** The config's value for this operation, if any. */
  override?: unknown;
}

export interface Found {
  descriptor: PaginationSpec | undefined;
  reason: string;
}

/** What the declaration reader asks of detection (injected, so the declaration reader needs no detection code). */
export interface Detector {
  guess(input: PaginationInput): Found;
  candidates(input: PaginationInput): Found[];
  itemsPath(input: PaginationInput): string[] | undefined;
}
