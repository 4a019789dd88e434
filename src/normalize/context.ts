import type { Diagnostic } from '../errors.js';
import type * as ir from '../ir/index.js';
import { lookupPointer, parsePointer } from '../json-pointer.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `$ref` followed to its target: the value and the pointer it lives at. */
export interface Resolved {
  value: unknown;
  pointer: string;
}

/** State shared by the normalizers of one document. */
export class NormalizeContext {
  readonly warnings: Diagnostic[] = [];
  /** Named schemas found so far (components first), keyed by pointer. */
  readonly schemas = new Map<ir.SchemaId, ir.NamedSchema>();
  /** Pointers of `$ref` targets that still need normalizing into `schemas`. */
  readonly pendingSchemas: string[] = [];
  private readonly queued = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(
    readonly document: JsonObject,
    readonly specVersion: '2.0' | '3.0' | '3.1',
    readonly file: string | undefined,
  ) {}

  /** Queues a `$ref` target to become a named schema, once (a Set: large specs queue thousands). */
  queueSchema(id: string): void {
    if (this.schemas.has(id) || this.queued.has(id)) return;
    this.queued.add(id);
    this.pendingSchemas.push(id);
  }

  warn(code: string, message: string, pointer: string): void {
    const key = `${code} ${pointer}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ code, message, pointer, file: this.file });
  }

  /** Follows `$ref` chains from `value` (at `pointer`) to a non-ref value; warns and gives `undefined` when broken. */
  deref(value: unknown, pointer: string): Resolved | undefined {
    let current: Resolved = { value, pointer };
    for (let hops = 0; hops < 32; hops++) {
      if (!isObject(current.value) || typeof current.value['$ref'] !== 'string') return current;
      const next = this.lookupRef(current.value['$ref'], current.pointer);
      if (!next) return undefined;
      current = next;
    }
    this.warn('REF_CHAIN_TOO_LONG', 'a $ref chain is longer than 32 hops (a cycle?)', pointer);
    return undefined;
  }

  /**
   * Resolves one internal `$ref`; warns (naming the place) when it cannot be resolved. `code`:
   * `REF_UNRESOLVED` (an error of the build) for a `$ref`; other references, such as discriminator
   * mapping values, name their own.
   */
  lookupRef(ref: string, at: string, code = 'REF_UNRESOLVED'): Resolved | undefined {
    const segments = parsePointer(ref);
    if (!segments) {
      this.warn(code, `$ref "${ref}" is not an internal JSON pointer; it is treated as unknown`, at);
      return undefined;
    }
    const found = lookupPointer(this.document, segments);
    if (!found.found) {
      this.warn(code, `$ref "${ref}" cannot be resolved (${found.reason}); it is treated as unknown`, at);
      return undefined;
    }
    return { value: found.value, pointer: normalizeRef(ref) };
  }
}

/** The canonical form of an internal ref (`#/a/b`), decoded from URI-fragment escapes. */
export function normalizeRef(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
