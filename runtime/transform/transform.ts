/**
 * Wire ⇄ TypeScript conversion for clients generated with `naming: 'camelCase'` or `dates: 'Date'`:
 * declared properties renamed, `format: date-time`/`date` strings as `Date` objects. Driven by the
 * generated shape tables (transforms.gen.ts): pure data, no code from the spec.
 *
 * Values are never mutated: converted objects and arrays are new, everything else is returned as
 * is. Only own enumerable keys are read; keys are written with `Object.defineProperty`, so a
 * `__proto__` key stays data. Keys a shape does not declare (map keys, extra fields) keep their names.
 */
import { ValidationError } from '../errors/errors.js';
import { isSuccessStatus } from '../transport/response.js';
import type { OperationDescriptor } from '../client/descriptor.js';
import { declaredResponseKey } from '../util/response-key.js';
import type { Discriminator, PropShape, Shape, ShapeTable } from './shapes.js';

export type { Discriminator, OperationTransform, PropShape, Shape, ShapeTable } from './shapes.js';

/** JSON nests far less deeply; deeper input is a cycle or an attack, refused before the stack runs out. */
const MAX_DEPTH = 256;

type Direction = 'toWire' | 'fromWire';
interface Path {
  readonly parent: Path | undefined;
  readonly key: string | number;
}
interface Run {
  readonly shapes: ShapeTable;
  readonly direction: Direction;
  /** An unparseable date string is kept (error bodies) instead of refused. */
  readonly lenient: boolean;
}
interface Leaves {
  dates: ('date-time' | 'date')[];
  objects: { readonly props: readonly PropShape[]; readonly values?: Shape }[];
  items: Shape[];
  tuples: { readonly tuple: readonly (Shape | null)[]; readonly rest?: Shape }[];
  orString: boolean;
}

/** A value of the TypeScript types → the wire form: wire names, dates as RFC 3339 strings. */
export function toWire(value: unknown, shape: Shape, shapes: ShapeTable): unknown {
  return convert(value, [shape], { shapes, direction: 'toWire', lenient: false }, { parent: undefined, key: 'value' }, 0);
}

/** A parsed wire value → the TypeScript types. Throws ValidationError for a date string that does not parse. */
export function fromWire(value: unknown, shape: Shape, shapes: ShapeTable): unknown {
  return convert(value, [shape], { shapes, direction: 'fromWire', lenient: false }, { parent: undefined, key: 'value' }, 0);
}

/** The params object as the wire needs it: body and date parameters converted (a new object; `params` untouched). */
export function transformRequest(op: OperationDescriptor, params: object | undefined): object | undefined {
  const transform = op.transform;
  if (transform === undefined || params === undefined || params === null) return params;
  const run: Run = { shapes: transform.shapes, direction: 'toWire', lenient: false };
  const source = params as Record<string, unknown>;
  const converted = new Map<string, Shape>(transform.params ?? []);
  if (transform.request !== undefined) converted.set(op.bodyKey ?? 'body', transform.request);
  const copy = {};
  for (const key of Object.keys(source)) {
    const shape = converted.get(key);
    const value = shape === undefined ? source[key] : convert(source[key], [shape], run, { parent: undefined, key }, 0);
    define(copy, key, value);
  }
  return copy;
}

/**
 * A parsed response body as the types say. Error bodies (non-success statuses) convert leniently: an
 * unreadable error body must never hide the status (response.ts), so a bad date stays a string there.
 */
export function transformResponse(op: OperationDescriptor, status: number, data: unknown): unknown {
  const responses = op.transform?.responses;
  if (op.transform === undefined || responses === undefined) return data;
  // The entry that applies to the status: a declared `200` that needs no conversion shadows `2XX`.
  const key = declaredResponseKey(op, status);
  const shape = key !== undefined && Object.hasOwn(responses, key) ? responses[key] : undefined;
  if (shape === undefined) return data;
  const lenient = !isSuccessStatus(op, status);
  const run: Run = { shapes: op.transform.shapes, direction: 'fromWire', lenient };
  try {
    return convert(data, [shape], run, { parent: undefined, key: 'body' }, 0);
  } catch (error) {
    if (lenient && error instanceof ValidationError) return data;
    throw error;
  }
}

function convert(value: unknown, shapes: readonly Shape[], run: Run, path: Path, depth: number): unknown {
  if (depth > MAX_DEPTH) throw invalid(path, `nested deeper than ${MAX_DEPTH} levels`);
  const leaves: Leaves = { dates: [], objects: [], items: [], tuples: [], orString: false };
  const seen = new Set<Shape>();
  for (const shape of shapes) collect(shape, value, run, leaves, seen);
  if (typeof value === 'string')
    return leaves.dates.length > 0 && run.direction === 'fromWire' ? readDate(value, leaves, run, path) : value;
  if (value instanceof Date)
    return leaves.dates.length > 0 && run.direction === 'toWire' ? writeDate(value, leaves.dates, path) : value;
  if (Array.isArray(value))
    return leaves.items.length + leaves.tuples.length > 0 ? convertArray(value, leaves, run, path, depth) : value;
  if (isPlainObject(value) && leaves.objects.length > 0) return convertObject(value, leaves.objects, run, path, depth);
  return value;
}

/** Flattens refs, allOf and anyOf into the leaves that apply to `value` (a discriminator picks one variant). */
function collect(shape: Shape, value: unknown, run: Run, leaves: Leaves, seen: Set<Shape>): void {
  // Names compare by value and shapes by identity: a cycle of refs or allOfs ends here.
  if (seen.has(shape)) return;
  seen.add(shape);
  if (typeof shape === 'string') {
    const target = Object.hasOwn(run.shapes, shape) ? run.shapes[shape] : undefined;
    if (target !== undefined) collect(target, value, run, leaves, seen);
    return;
  }
  if ('date' in shape) leaves.dates.push(shape.date);
  else if ('props' in shape) leaves.objects.push(shape);
  else if ('items' in shape) leaves.items.push(shape.items);
  else if ('tuple' in shape) leaves.tuples.push(shape);
  else if ('allOf' in shape) for (const part of shape.allOf) collect(part, value, run, leaves, seen);
  else {
    const picked = pickVariant(shape.discriminator, value, run.direction);
    if (picked !== undefined) {
      if (picked !== null) collect(picked, value, run, leaves, seen);
      return;
    }
    if (shape.orString === true) leaves.orString = true;
    for (const variant of shape.anyOf) collect(variant, value, run, leaves, seen);
  }
}

/** The variant the discriminator names (`null`: one that needs no conversion); undefined: not decidable. */
function pickVariant(discriminator: Discriminator | undefined, value: unknown, direction: Direction): Shape | null | undefined {
  if (discriminator === undefined || !isPlainObject(value)) return undefined;
  const key = direction === 'fromWire' ? discriminator.wire : discriminator.name;
  const tag = Object.hasOwn(value, key) ? value[key] : undefined;
  return typeof tag === 'string' && Object.hasOwn(discriminator.mapping, tag) ? discriminator.mapping[tag] : undefined;
}

function convertArray(value: readonly unknown[], leaves: Leaves, run: Run, path: Path, depth: number): unknown[] {
  const result: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    const shapes: Shape[] = [...leaves.items];
    for (const { tuple, rest } of leaves.tuples) {
      const shape = index < tuple.length ? tuple[index] : rest;
      if (shape !== undefined && shape !== null) shapes.push(shape);
    }
    const item = value[index];
    result.push(shapes.length === 0 ? item : convert(item, shapes, run, { parent: path, key: index }, depth + 1));
  }
  return result;
}

function convertObject(
  value: Record<string, unknown>,
  objects: Leaves['objects'],
  run: Run,
  path: Path,
  depth: number,
): Record<string, unknown> {
  const fromWire = run.direction === 'fromWire';
  // Source key → target key and the shapes of its value, from every object leaf (the first leaf names it).
  const declared = new Map<string, { target: string; shapes: Shape[] }>();
  const values: Shape[] = [];
  for (const object of objects) {
    if (object.values !== undefined) values.push(object.values);
    for (const [wire, name, shape] of object.props) {
      const source = fromWire ? wire : name;
      const entry = declared.get(source) ?? { target: fromWire ? name : wire, shapes: [] };
      if (shape !== undefined) entry.shapes.push(shape);
      declared.set(source, entry);
    }
  }
  const keys = Object.keys(value);
  // A declared property wins over an undeclared key that has its target name.
  const targets = new Set(keys.flatMap((key) => declared.get(key)?.target ?? []));
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = declared.get(key);
    if (entry === undefined && targets.has(key)) continue;
    const shapes = entry === undefined ? values : entry.shapes;
    const item = value[key];
    define(
      result,
      entry?.target ?? key,
      shapes.length === 0 ? item : convert(item, shapes, run, { parent: path, key }, depth + 1),
    );
  }
  return result;
}

// RFC 3339 §5.6, with the leniency real APIs need: a space for `T`, seconds optional, basic-format
// offsets (`+0000`), a bare date. A missing offset reads as UTC, never as the machine's local time.
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/** The instant `text` names, or undefined when it is not a real RFC 3339 date or date-time. */
export function parseWireDate(text: string): Date | undefined {
  const match = dateTimePattern.exec(text);
  if (match === null) return undefined;
  const field = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const [offsetHour, offsetMinute] = [field(10), field(11)];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  // Second 60 is a leap second (RFC 3339 §5.7); Date cannot hold it and rolls over to the next minute.
  if (
    monthDays === undefined ||
    day < 1 ||
    day > monthDays ||
    hour > 23 ||
    minute > 59 ||
    second > 60 ||
    offsetHour > 23 ||
    offsetMinute > 59
  )
    return undefined;
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  date.setUTCHours(hour, minute, second, millis);
  const sign = match[9] === '-' ? -1 : 1;
  return new Date(date.getTime() - sign * (offsetHour * 60 + offsetMinute) * 60_000);
}

/**
 * Decision: a date the server sends that does not parse is refused with a ValidationError naming
 * the field, rather than kept as a string or turned into an Invalid Date — either would make the
 * declared `Date` type lie silently. Where the schema also allows a plain string (`orString`) and in
 * error bodies (`lenient`), the string is kept: the type allows it, or the status matters more.
 */
function readDate(text: string, leaves: Leaves, run: Run, path: Path): Date | string {
  const date = parseWireDate(text);
  if (date !== undefined) return date;
  if (leaves.orString || run.lenient) return text;
  throw invalid(path, `is not a valid ${leaves.dates.includes('date-time') ? 'date-time' : 'date'} (RFC 3339)`);
}

/** `date-time` → `toISOString()`; `date` → `YYYY-MM-DD` of the UTC day. */
function writeDate(date: Date, formats: readonly string[], path: Path): string {
  if (Number.isNaN(date.getTime())) throw invalid(path, 'is an Invalid Date');
  const iso = date.toISOString();
  return formats.includes('date-time') ? iso : iso.slice(0, iso.indexOf('T'));
}

function invalid(path: Path, issue: string): ValidationError {
  const field = formatPath(path);
  return new ValidationError(`${field} ${issue}`, { issues: [{ field, issue }] });
}

function formatPath(path: Path): string {
  const parts: string[] = [];
  for (let node: Path | undefined = path; node !== undefined; node = node.parent) {
    parts.unshift(
      typeof node.key === 'number'
        ? `[${node.key}]`
        : node.parent === undefined || /^[A-Za-z_$][\w$]*$/.test(node.key)
          ? `${node.parent === undefined ? '' : '.'}${node.key}`
          : `[${JSON.stringify(node.key)}]`,
    );
  }
  return parts.join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
