/**
 * State of one validators.gen.ts being compiled: the dialect, the raw document refs resolve in,
 * the functions compiled so far (one per schema pointer and direction), hoisted constants
 * (regular expressions, enum sets), the runtime helpers the code calls, and warnings.
 */
import type { Diagnostic } from '../../errors.js';
import { lookupPointer } from '../../json-pointer.js';
import { literal } from './code.js';

/** OpenAPI 3.1 is JSON Schema 2020-12; 3.0 (and 2.0 lifted to 3.0) is the draft-4-based dialect. */
export type Dialect = 'draft4' | '2020-12';

/** `request` refuses readOnly properties, `response` writeOnly ones; `plain` treats both as annotations. */
export type Direction = 'plain' | 'request' | 'response';

export type JsonSchemaObject = Record<string, unknown>;

interface PendingFunction {
  name: string;
  pointer: string;
  direction: Direction;
  /** An inline schema compiled as its own function (else the schema at `pointer`). */
  schema?: unknown;
}

export class CompileContext {
  /** Runtime helpers the generated code calls (imported by name). */
  readonly helpers = new Set<string>();
  /** Hoisted `const` declarations, in creation order. */
  readonly constants: string[] = [];
  readonly warnings: Diagnostic[] = [];
  /** Functions to compile, in the order first asked for. */
  readonly queue: PendingFunction[] = [];
  private readonly functions = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly constantNames = new Map<string, string>();
  private locals = 0;
  private sharedCount = 0;

  constructor(
    readonly dialect: Dialect,
    readonly document: unknown,
    /** The type name of a named schema pointer (plan's `typeNames`); others get names from their place. */
    private readonly namesOf: (pointer: string) => string | undefined,
    /** Whether the schema at a pointer (or anything it reaches) has a readOnly / writeOnly property. */
    readonly sensitive: (pointer: string, direction: Exclude<Direction, 'plain'>) => boolean,
  ) {}

  /** The check function for the schema at `pointer` in `direction`, queued for compiling on first use. */
  functionFor(pointer: string, direction: Direction): string {
    const effective = direction !== 'plain' && this.sensitive(pointer, direction) ? direction : 'plain';
    const key = `${effective} ${pointer}`;
    const known = this.functions.get(key);
    if (known !== undefined) return known;
    const base = this.namesOf(pointer) ?? `schema${this.functions.size}`;
    const name = this.unique(`${base}$${effective === 'plain' ? 'check' : effective}`);
    this.functions.set(key, name);
    this.queue.push({ name, pointer, direction: effective });
    return name;
  }

  /**
   * A function for a large inline schema, shared by every identical copy in the document (specs
   * such as GitHub's repeat whole objects inline in hundreds of places): one function each, called.
   */
  functionForInline(schema: unknown, text: string, pointer: string, direction: Direction): string {
    const key = `${direction} inline ${text}`;
    const known = this.functions.get(key);
    if (known !== undefined) return known;
    const name = this.unique(`shared${this.sharedCount++}$${direction === 'plain' ? 'check' : direction}`);
    this.functions.set(key, name);
    this.queue.push({ name, pointer, direction, schema });
    return name;
  }

  /** Reserves a top-level name for a function the caller compiles itself (operation checks). */
  unique(name: string): string {
    let candidate = name;
    for (let n = 2; this.usedNames.has(candidate); n++) candidate = `${name}${n}`;
    this.usedNames.add(candidate);
    return candidate;
  }

  /** A hoisted constant (deduplicated by its expression), marked pure so unused ones tree-shake away. */
  constant(prefix: string, expression: string): string {
    const known = this.constantNames.get(expression);
    if (known !== undefined) return known;
    const name = `${prefix}${this.constantNames.size}`;
    this.constantNames.set(expression, name);
    this.constants.push(`const ${name} = /* @__PURE__ */ ${expression};`);
    return name;
  }

  /**
   * The local name of a runtime helper. Helpers named like the public API (`isDate`, `parseWith`)
   * are imported as `$isDate`: a schema called `Date` gets its own `isDate`.
   */
  helper(name: string): string {
    this.helpers.add(name);
    return helperAlias(name);
  }

  /** A fresh local variable name inside the function being compiled. */
  local(prefix: string): string {
    return `${prefix}${this.locals++}`;
  }

  resetLocals(): void {
    this.locals = 0;
  }

  /** Follows an internal `$ref` (`#/…`) to its pointer and value; undefined (with a warning) when it cannot. */
  resolve(ref: string, at: string): { pointer: string; schema: unknown } | undefined {
    let pointer = ref;
    try {
      // `$ref` is a URI fragment (`%25` is `%`); the canonical pointer, like normalize's ids, is decoded.
      pointer = decodeURIComponent(ref);
    } catch {
      // Keep the ref as written; the lookup below reports it.
    }
    const schema = this.lookup(pointer);
    if (schema === undefined) {
      this.warn('VALIDATOR_UNRESOLVED_REF', `$ref ${literal(ref)} cannot be resolved; the validator accepts any value there`, at);
      return undefined;
    }
    return { pointer, schema };
  }

  /**
   * True when the schema at `from` reaches `to` again without looking into the value (through
   * `$ref`, allOf / anyOf / oneOf / not / if-then-else only): a cycle that would recurse forever
   * on any input. Such a back-reference accepts instead (JSON Schema calls these schemas invalid).
   */
  loopsBack(from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    for (let steps = 0; stack.length > 0 && steps < 100_000; steps++) {
      const pointer = stack.pop() ?? '';
      if (pointer === to) return true;
      if (seen.has(pointer)) continue;
      seen.add(pointer);
      stack.push(...inPlaceRefs(this.lookup(pointer)));
    }
    return false;
  }

  /** The value at a canonical (already decoded) pointer. */
  lookup(pointer: string): unknown {
    if (!pointer.startsWith('#')) return undefined;
    const body = pointer.slice(1);
    if (body !== '' && !body.startsWith('/')) return undefined;
    const segments =
      body === ''
        ? []
        : body
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const found = lookupPointer(this.document, segments);
    return found.found ? found.value : undefined;
  }

  warn(code: string, message: string, pointer: string): void {
    if (this.warnings.some((w) => w.code === code && w.pointer === pointer)) return;
    this.warnings.push({ code, message, pointer });
  }
}

const inPlaceKeywords = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];

/** `$ref` targets a schema applies to the same value (not to properties or items), decoded. */
function inPlaceRefs(schema: unknown): string[] {
  const refs: string[] = [];
  const stack = [schema];
  for (let steps = 0; stack.length > 0 && steps < 10_000; steps++) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    const record = node as JsonSchemaObject;
    const ref = record['$ref'];
    if (typeof ref === 'string') {
      try {
        refs.push(decodeURIComponent(ref));
      } catch {
        refs.push(ref);
      }
    }
    for (const keyword of inPlaceKeywords) if (record[keyword] !== undefined) stack.push(record[keyword]);
  }
  return refs;
}

/** `$isDate` for helpers that could meet a generated `isX` / `validateX` / `parseX`; others as they are. */
export function helperAlias(name: string): string {
  return /^(?:is|validate|parse)[A-Z]/.test(name) ? `$${name}` : name;
}
