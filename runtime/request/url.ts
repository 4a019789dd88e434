/**
 * The request URL: server (OAS 3.1.1 §4.8.5 Server Object, with variables), path template with encoded
 * parameters (§4.8.8 Path Templating), and query string. No parameter value can change the path: every
 * delimiter is percent-encoded and a value that would form a `.` or `..` segment is refused (the
 * WHATWG URL parser treats `%2E` as a dot too, so encoding cannot make it safe).
 */
import { ConfigurationError, ValidationError } from '../errors/errors.js';
import { serializePathParam, serializeQueryParam } from './param-style.js';
import type { ApiDescriptor, OperationDescriptor, ParamDescriptor, ServerDescriptor } from '../client/descriptor.js';

export interface ServerChoice {
  /** Per-call `baseUrl`, else the client's. */
  readonly baseUrl?: string | undefined;
  readonly serverVariables?: Readonly<Record<string, string>> | undefined;
}

/** The caller's value for a parameter: own properties only, so `constructor` or `__proto__` never leak in. */
export function readParam(params: object | undefined, param: ParamDescriptor): unknown {
  if (params === undefined || params === null) return undefined;
  const key = param.key ?? param.name;
  return Object.hasOwn(params, key) ? (params as Record<string, unknown>)[key] : undefined;
}

function substituteServerVariables(server: ServerDescriptor, chosen: Readonly<Record<string, string>>): string {
  return server.url.replace(/\{([^{}]*)\}/g, (_match, name: string) => {
    const variable = server.variables?.[name];
    const value = Object.hasOwn(chosen, name) ? chosen[name] : variable?.default;
    if (value === undefined) {
      throw new ConfigurationError(`Server URL ${server.url} uses {${name}}, which has no value: pass serverVariables.${name}`);
    }
    if (variable?.enum !== undefined && variable.enum.length > 0 && !variable.enum.includes(value)) {
      throw new ConfigurationError(`Server variable ${name} must be one of ${variable.enum.join(', ')}`);
    }
    // A variable fills part of a host or path; these characters would move it somewhere else.
    if (/[\s@#?\\]/.test(value))
      throw new ConfigurationError(`Server variable ${name} contains a character not allowed in a URL part`);
    return value;
  });
}

function locationHref(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location;
  return typeof location?.href === 'string' ? location.href : undefined;
}

/** A URL that did not parse may still carry `user:password@` (any characters): everything up to the last `@` goes. */
function withoutUserinfo(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const slashes = raw.indexOf('//');
  const start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  return `${raw.slice(0, start)}***${raw.slice(at)}`;
}

/**
 * Base URLs already parsed and checked, by their text (and the page they resolve against): the same
 * few bases serve every call. Read-only for callers. Bounded, in case bases are built per call.
 */
const parsedBases = new Map<string, URL>();
const MAX_PARSED_BASES = 64;

/** The base URL for one call: `baseUrl`, else the operation's first server, else the API's. */
export function resolveBaseUrl(api: ApiDescriptor, op: OperationDescriptor, choice: ServerChoice): URL {
  let raw: string;
  if (choice.baseUrl !== undefined) {
    raw = choice.baseUrl;
  } else {
    const server = op.servers?.[0] ?? api.servers[0];
    if (server === undefined) throw new ConfigurationError(`${api.title} declares no server: pass baseUrl`);
    raw = substituteServerVariables(server, choice.serverVariables ?? {});
  }
  const page = locationHref();
  const cacheKey = page === undefined ? raw : `${raw} ${page}`;
  const known = parsedBases.get(cacheKey);
  if (known !== undefined) return known;
  let url: URL;
  try {
    // Relative server URLs (`/v1`) resolve against the page in a browser; elsewhere there is nothing to resolve against.
    url = new URL(raw, page);
  } catch {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? 'it is not a valid URL' : 'it is relative: pass baseUrl';
    throw new ConfigurationError(`Cannot use server URL ${withoutUserinfo(raw)}: ${hint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`Server URL must use https (or http on loopback), got ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError('Server URL must not contain credentials: pass them through the auth option');
  }
  url.hash = '';
  if (parsedBases.size >= MAX_PARSED_BASES) parsedBases.clear();
  parsedBases.set(cacheKey, url);
  return url;
}

/**
 * Loopback decided by address: 127.0.0.0/8, ::1 (and its IPv4-mapped form), plus the one name
 * `localhost`, which resolvers and browsers pin to loopback. Other `*.localhost` names are just names:
 * a resolver or proxy may send them anywhere, so they get no plain-http exemption.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (host.startsWith('::ffff:')) return isLoopbackAddress(host.slice(7));
  return isLoopbackAddress(host);
}

function isLoopbackAddress(host: string): boolean {
  // The WHATWG URL parser writes IPv4 in dotted decimal; an IPv4-mapped IPv6 address may come as hex.
  if (/^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  const parts = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return parts !== null && parts.slice(1).every((part) => Number(part) <= 255);
}

/** Refuses plain http to anything but loopback unless the user opted in. */
export function assertSecureUrl(url: URL, allowInsecureHttp: boolean): void {
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      `Refusing to send a request over plain http to ${url.host}: use https, or set allowInsecureHttp: true`,
    );
  }
}

function fail(op: OperationDescriptor, field: string, issue: string): never {
  throw new ValidationError(`${op.method} ${op.path}: ${issue}`, { operation: op.id, issues: [{ field, issue }] });
}

function guardEncoding<T>(op: OperationDescriptor, field: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof URIError) fail(op, field, `parameter ${field} is not well-formed Unicode`);
    throw error;
  }
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The path's literal text, encoded so the URL parser keeps it as the spec wrote it: `\` would
 * become `/`, `#` would end the URL, and a lone `%` would start an escape (RFC 3986 §3.3 pchar; `/`
 * separates segments). Existing `%XX` escapes are kept, and so is `?`: real specs write
 * `/things?action=x` path keys to mean exactly that query.
 */
export function encodePathLiteral(text: string): string {
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%?]/gu, (char) => encodeURIComponent(char));
}

/** A path template split once: literal text already encoded, then the name of one variable after each. */
interface PathPlan {
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

/**
 * By template text, not by descriptor: generated endpoint functions pass a fresh descriptor literal
 * on every call, so only the text is the same from call to call. Bounded, for hand-built templates.
 */
const pathPlans = new Map<string, PathPlan>();
const MAX_PATH_PLANS = 2048;

function pathPlanOf(template: string): PathPlan {
  let plan = pathPlans.get(template);
  if (plan !== undefined) return plan;
  const literals: string[] = [];
  const names: string[] = [];
  template.split(/(\{[^{}]*\})/).forEach((part, index) => {
    if (index % 2 === 0) literals.push(encodePathLiteral(part));
    else names.push(part.slice(1, -1));
  });
  plan = { literals, names };
  if (pathPlans.size >= MAX_PATH_PLANS) pathPlans.clear();
  pathPlans.set(template, plan);
  return plan;
}

function pathParam(op: OperationDescriptor, name: string): ParamDescriptor | undefined {
  for (const param of op.params) if (param.in === 'path' && param.name === name) return param;
  return undefined;
}

/** The path with its parameters substituted and encoded. */
export function buildPath(op: OperationDescriptor, params: object | undefined): string {
  const { literals, names } = pathPlanOf(op.path);
  let path = literals[0] ?? '';
  names.forEach((name, index) => {
    const param = pathParam(op, name);
    if (param === undefined) fail(op, name, `path template variable {${name}} has no parameter`);
    const value = readParam(params, param);
    if (value === undefined) fail(op, name, `path parameter ${name} is required`);
    const serialized = guardEncoding(op, name, () => serializePathParam(param.name, value, param));
    // An empty simple-style value would collapse `/pets/{id}` into `/pets/`, another resource.
    if (serialized === '') fail(op, name, `path parameter ${name} must not be empty`);
    path += serialized + (literals[index + 1] ?? '');
  });
  // Only a path with a dot in it can hold a dot segment; the split is done for those alone.
  if (/\.|%2e/i.test(path) && path.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    fail(op, 'path', 'a path parameter value would form a "." or ".." segment and change the path');
  }
  return path;
}

/** The query string (without `?`), parameters in spec order. */
export function buildQuery(op: OperationDescriptor, params: object | undefined): string {
  const pairs: string[] = [];
  for (const param of op.params) {
    if (param.in !== 'query') continue;
    const value = readParam(params, param);
    if (value === undefined) continue;
    if (param.contentType !== undefined) {
      // `content` parameters (OAS §4.8.12.3): the whole value is serialized with the media type, then encoded.
      const body = typeof value === 'string' && !/json/i.test(param.contentType) ? value : JSON.stringify(value);
      pairs.push(...serializeQueryParam(param.name, body ?? '', { style: 'form', explode: false }));
      continue;
    }
    pairs.push(...guardEncoding(op, param.name, () => serializeQueryParam(param.name, value, param)));
  }
  return pairs.join('&');
}

/** Joins base URL, path and query. A base path (`/v1`) is kept; a trailing slash on it is not doubled. */
export function buildRequestUrl(base: URL, op: OperationDescriptor, params: object | undefined): URL {
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = buildPath(op, params);
  const query = buildQuery(op, params);
  const existing = base.search.replace(/^\?/, '');
  const search = [existing, query].filter((part) => part !== '').join('&');
  const url = new URL(`${base.origin}${basePath}${path.startsWith('/') ? path : `/${path}`}${search === '' ? '' : `?${search}`}`);
  return url;
}
