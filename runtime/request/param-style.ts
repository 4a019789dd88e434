/**
 * OpenAPI parameter serialization (OAS 3.1.1 §4.8.12.4 Style Values, §4.8.12.6 Style Examples), which
 * follows RFC 6570 URI Templates for `matrix`, `label`, `simple` and `form`.
 *
 * Value model: `undefined` is omitted by the caller; `null` and `''` are the "empty" value; arrays and
 * plain objects are the composite values; anything nested deeper is JSON (OAS leaves it undefined).
 * Every function here returns text already percent-encoded for its position.
 */
import type { ParamStyle } from '../client/descriptor.js';

export interface StyleOptions {
  readonly style: ParamStyle;
  readonly explode: boolean;
  readonly allowReserved?: boolean | undefined;
}

type Primitive = string;
type Shape =
  | { readonly kind: 'empty' }
  | { readonly kind: 'primitive'; readonly value: Primitive }
  | { readonly kind: 'array'; readonly items: readonly Primitive[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Primitive])[] };

/** Text of a leaf value: dates as ISO 8601 (RFC 3339), nested composites as JSON. */
export function stringifyLeaf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function shapeOf(value: unknown): Shape {
  if (value === null || value === '') return { kind: 'empty' };
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map(stringifyLeaf);
    return items.length === 0 ? { kind: 'empty' } : { kind: 'array', items };
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, stringifyLeaf(v)] as const);
    return entries.length === 0 ? { kind: 'empty' } : { kind: 'object', entries };
  }
  return { kind: 'primitive', value: stringifyLeaf(value) };
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (UTF-8). */
export function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `allowReserved: true` (RFC 6570 reserved expansion): reserved characters and existing percent-encoded
 * triples pass through. `#[]&+=` are still encoded because in a query they would end it or split it
 * (OAS 3.1.1 §4.8.12.4 and Appendix E).
 */
function encodeReserved(text: string): string {
  return text.replace(/%[0-9A-Fa-f]{2}|[^%]+|%/g, (chunk) => {
    if (/^%[0-9A-Fa-f]{2}$/.test(chunk)) return chunk;
    return encodeStrict(chunk).replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/g, (encoded) => decodeURIComponent(encoded));
  });
}

/** Serializes a path parameter (`simple`, `label`, `matrix`); the result replaces `{name}` in the template. */
export function serializePathParam(name: string, value: unknown, options: StyleOptions): string {
  const shape = shapeOf(value);
  const e = encodeStrict;
  const style = options.style;
  if (style === 'matrix') {
    const key = e(name);
    if (shape.kind === 'empty') return `;${key}`;
    if (shape.kind === 'primitive') return `;${key}=${e(shape.value)}`;
    if (shape.kind === 'array') {
      return options.explode
        ? shape.items.map((item) => `;${key}=${e(item)}`).join('')
        : `;${key}=${shape.items.map(e).join(',')}`;
    }
    return options.explode
      ? shape.entries.map(([k, v]) => `;${e(k)}=${e(v)}`).join('')
      : `;${key}=${shape.entries.map(([k, v]) => `${e(k)},${e(v)}`).join(',')}`;
  }
  const prefix = style === 'label' ? '.' : '';
  const separator = style === 'label' && options.explode ? '.' : ',';
  if (shape.kind === 'empty') return prefix;
  if (shape.kind === 'primitive') return `${prefix}${e(shape.value)}`;
  if (shape.kind === 'array') return `${prefix}${shape.items.map(e).join(separator)}`;
  const pairs = options.explode
    ? shape.entries.map(([k, v]) => `${e(k)}=${e(v)}`)
    : shape.entries.map(([k, v]) => `${e(k)},${e(v)}`);
  return `${prefix}${pairs.join(separator)}`;
}

/**
 * Serializes a query parameter into `name=value` pairs (to be joined with `&`). Styles: `form`
 * (default), `spaceDelimited`, `pipeDelimited`, `deepObject`.
 */
export function serializeQueryParam(name: string, value: unknown, options: StyleOptions): string[] {
  const shape = shapeOf(value);
  const e = options.allowReserved === true ? encodeReserved : encodeStrict;
  const key = encodeStrict(name);
  if (shape.kind === 'empty') return [`${key}=`];
  if (shape.kind === 'primitive') return [`${key}=${e(shape.value)}`];
  if (options.style === 'deepObject') {
    if (shape.kind === 'object') return shape.entries.map(([k, v]) => `${key}${encodeStrict(`[${k}]`)}=${e(v)}`);
    return shape.items.map((item) => `${key}${encodeStrict('[]')}=${e(item)}`);
  }
  const delimiter = options.style === 'spaceDelimited' ? '%20' : options.style === 'pipeDelimited' ? '%7C' : ',';
  if (shape.kind === 'array') {
    if (options.explode && options.style === 'form') return shape.items.map((item) => `${key}=${e(item)}`);
    return [`${key}=${shape.items.map(e).join(delimiter)}`];
  }
  if (options.explode && options.style === 'form') return shape.entries.map(([k, v]) => `${encodeStrict(k)}=${e(v)}`);
  return [`${key}=${shape.entries.map(([k, v]) => `${e(k)}${delimiter}${e(v)}`).join(delimiter)}`];
}

/** Serializes a header parameter (`simple` style only, OAS §4.8.12.4); no percent-encoding applies. */
export function serializeHeaderParam(value: unknown, explode: boolean): string {
  const shape = shapeOf(value);
  if (shape.kind === 'empty') return '';
  if (shape.kind === 'primitive') return shape.value;
  if (shape.kind === 'array') return shape.items.join(',');
  return shape.entries.map(([k, v]) => (explode ? `${k}=${v}` : `${k},${v}`)).join(',');
}

/**
 * Serializes a cookie parameter (`form` style) into `name=value` pairs for one `Cookie` header
 * (RFC 6265 §4.2.1: pairs joined by `; `). Values are percent-encoded so `;`, `,`, spaces and quotes
 * can never split or end the header (OAS 3.1.1 Appendix D).
 */
export function serializeCookieParam(name: string, value: unknown, explode: boolean): string[] {
  const shape = shapeOf(value);
  const e = encodeStrict;
  if (shape.kind === 'empty') return [`${e(name)}=`];
  if (shape.kind === 'primitive') return [`${e(name)}=${e(shape.value)}`];
  if (shape.kind === 'array') {
    return explode ? shape.items.map((item) => `${e(name)}=${e(item)}`) : [`${e(name)}=${shape.items.map(e).join(',')}`];
  }
  return explode
    ? shape.entries.map(([k, v]) => `${e(k)}=${e(v)}`)
    : [`${e(name)}=${shape.entries.map(([k, v]) => `${e(k)},${e(v)}`).join(',')}`];
}
