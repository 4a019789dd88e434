/**
 * One iterative pass over parsed data (no recursion, so no stack overflow however deep the input):
 * enforces the depth and size bounds, finds every `$ref`, and, for JSON Schema 2020-12 documents
 * (OpenAPI 3.1), indexes `$id` resources and `$anchor`s so that refs to them can be rewritten as
 * plain JSON pointers.
 */
import { SpecError } from '../errors.js';
import { formatPointer } from '../json-pointer.js';
import { MAX_DEPTH } from './limits.js';

/** An object or array reached by the walk; parent chain gives its pointer on demand. */
export interface Frame {
  value: object;
  parent: Frame | undefined;
  key: string;
  depth: number;
  /** Base URI in force here (the document's, or the nearest enclosing `$id`). */
  base: string;
}

/** An object with an own `$ref` key. */
export interface RefSite {
  holder: Record<string, unknown>;
  ref: unknown;
  frame: Frame;
}

export interface WalkOptions {
  /** File named in errors. */
  file: string;
  /** URI the document was retrieved from; the base for relative refs and `$id`s. */
  baseUri: string;
  /** Most objects/arrays visited; YAML aliases can make a small file expand (see parse-source.ts). */
  maxNodes?: number | undefined;
  /** Index `$id` / `$anchor` (JSON Schema 2020-12, OpenAPI 3.1). */
  trackIds?: boolean | undefined;
  /** Called for each object/array, e.g. to remember which file it came from. */
  onNode?: ((frame: Frame) => void) | undefined;
}

export interface WalkResult {
  refs: RefSite[];
  /** Absolute `$id` (without fragment) → the schema that declares it. */
  resources: Map<string, Frame>;
  /** Absolute `$id` + `#` + anchor name → the schema that declares it. */
  anchors: Map<string, Frame>;
  nodes: number;
}

export function walkDocument(root: unknown, options: WalkOptions): WalkResult {
  const result: WalkResult = { refs: [], resources: new Map(), anchors: new Map(), nodes: 0 };
  if (typeof root !== 'object' || root === null) return result;
  const maxNodes = options.maxNodes ?? Number.POSITIVE_INFINITY;
  const stack: Frame[] = [{ value: root, parent: undefined, key: '', depth: 0, base: options.baseUri }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    result.nodes += 1;
    if (result.nodes > maxNodes) throw expansionError(options.file, frame);
    if (frame.depth > MAX_DEPTH) throw depthError(options.file, frame);
    options.onNode?.(frame);
    const value = frame.value;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        const child: unknown = value[index];
        if (typeof child === 'object' && child !== null) {
          stack.push({ value: child, parent: frame, key: String(index), depth: frame.depth + 1, base: frame.base });
        }
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    if (options.trackIds) indexIdentifiers(record, frame, result);
    if (Object.hasOwn(record, '$ref')) result.refs.push({ holder: record, ref: record['$ref'], frame });
    const keys = Object.keys(record);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index] as string;
      const child = record[key];
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, parent: frame, key, depth: frame.depth + 1, base: frame.base });
      }
    }
  }
  return result;
}

/** The segments from the document root to `frame`. */
export function frameSegments(frame: Frame): string[] {
  const segments: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

function indexIdentifiers(record: Record<string, unknown>, frame: Frame, result: WalkResult): void {
  const id = record['$id'];
  if (typeof id === 'string' && Object.hasOwn(record, '$id')) {
    const resolved = resolveUri(id, frame.base);
    if (resolved !== undefined) {
      frame.base = resolved;
      if (!result.resources.has(resolved)) result.resources.set(resolved, frame);
    }
  }
  for (const keyword of ['$anchor', '$dynamicAnchor']) {
    const anchor = record[keyword];
    if (typeof anchor === 'string' && Object.hasOwn(record, keyword)) {
      const key = `${frame.base}#${anchor}`;
      if (!result.anchors.has(key)) result.anchors.set(key, frame);
    }
  }
}

/** RFC 3986 §5 resolution; the fragment is dropped because `$id` names a resource. */
export function resolveUri(reference: string, base: string): string | undefined {
  try {
    const url = new URL(reference, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function depthError(file: string, frame: Frame): SpecError {
  const pointer = formatPointer(frameSegments(frame).slice(0, 16));
  let circular = false;
  for (let at = frame.parent; at !== undefined && !circular; at = at.parent) circular = at.value === frame.value;
  if (circular) {
    return new SpecError('The data refers to itself through a YAML alias (an infinite structure)', {
      code: 'YAML_CIRCULAR_ALIAS',
      file,
      pointer,
      hint: 'Replace the recursive alias (*name inside its own &name) with a $ref.',
    });
  }
  return new SpecError(`Nesting deeper than ${MAX_DEPTH} levels`, {
    code: 'TOO_DEEP',
    file,
    pointer: `${pointer}/…`,
    hint: 'No real spec nests this deep; check the file for generated or corrupted content.',
  });
}

function expansionError(file: string, frame: Frame): SpecError {
  return new SpecError('YAML aliases expand the data far beyond the size of the file', {
    code: 'YAML_ALIAS_LIMIT',
    file,
    pointer: formatPointer(frameSegments(frame).slice(0, 16)),
    hint: 'The file looks like an alias bomb; replace repeated aliases (*name) of large nodes with $refs.',
  });
}
