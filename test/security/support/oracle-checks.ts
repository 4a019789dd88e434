/**
 * Part of the oracle child (see oracle-child.ts): the comparisons. Each spec string is compared with
 * what the descriptor literal holds and with what the server received, byte for byte (paths as
 * decoded segments, header names case-insensitively, as HTTP defines them). Runs in the child
 * process, so it imports only node: modules (and types).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ChildReport, ExpectedOperation, Expectations, ParamLocation } from './oracle-types.js';

export const BASE_PATH = '/base';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
}

export interface Descriptor {
  id: string;
  method: string;
  path: string;
  params: readonly { name: string; key?: string; in: ParamLocation }[];
  body?: { mediaTypes: readonly string[] };
  responses: Readonly<Record<string, readonly string[]>>;
  bodyKey?: string;
}

export interface ApiDescriptorLike {
  title: string;
  version: string;
  servers: readonly { url: string }[];
  securitySchemes: Readonly<Record<string, { option: string; type: string; scheme?: string; name?: string }>>;
}

export class Checker {
  constructor(
    readonly report: ChildReport,
    readonly expect: Expectations,
  ) {}

  mismatch(where: string, expected: unknown, actual: unknown): void {
    this.report.mismatches.push({ where, expected, actual });
  }

  compare(where: string, expected: unknown, actual: unknown): void {
    this.report.counts.stringsCompared += 1;
    if (JSON.stringify(expected) !== JSON.stringify(actual)) this.mismatch(where, expected, actual);
  }
}

function decodeSegments(rawPath: string): string[] {
  return rawPath.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return `<undecodable ${segment}>`;
    }
  });
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(/;\s*/)) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      cookies.set(decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  return cookies;
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
}

export function checkDescriptor(check: Checker, label: string, op: Descriptor, spec: ExpectedOperation): void {
  if (spec.operationId !== undefined) check.compare(`${label}: descriptor id is the operationId`, spec.operationId, op.id);
  const paramsOf = (list: readonly { name: string; in: string }[]): string[] => list.map((p) => `${p.in} ${p.name}`).sort();
  check.compare(`${label}: parameter names in the descriptor`, paramsOf(spec.params), paramsOf(op.params));
  check.compare(`${label}: request media types`, spec.bodyMediaTypes, op.body === undefined ? [] : [...op.body.mediaTypes]);
  for (const [status, mediaTypes] of Object.entries(spec.responses)) {
    check.compare(
      `${label}: response ${status} media types`,
      mediaTypes,
      Object.hasOwn(op.responses, status) ? [...(op.responses[status] ?? [])] : null,
    );
  }
}

export function checkReceived(
  check: Checker,
  label: string,
  spec: ExpectedOperation,
  op: Descriptor,
  values: Map<string, string>,
  got: Received,
): void {
  check.compare(`${label}: method sent`, spec.method, got.method);
  const url = new URL(got.url, 'http://oracle.invalid');
  const sentPath = got.url.split('?')[0] ?? '';
  if (!sentPath.startsWith(`${BASE_PATH}/`))
    check.mismatch(`${label}: path sent keeps the base path`, `${BASE_PATH}/…`, sentPath);
  const expectedPath = spec.path.replace(/\{([^{}]*)\}/g, (match, name: string) => values.get(`path ${name}`) ?? match);
  check.compare(
    `${label}: path sent (decoded segments)`,
    expectedPath.split('/'),
    decodeSegments(sentPath.slice(BASE_PATH.length)),
  );
  const cookies = parseCookies(header(got.headers, 'cookie') ?? undefined);
  const sentHeaderNames = new Set(got.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
  for (const p of spec.params) {
    const value = values.get(`${p.in} ${p.name}`);
    if (p.in === 'query')
      check.compare(`${label}: query parameter ${JSON.stringify(p.name)}`, [value], url.searchParams.getAll(p.name));
    if (p.in === 'header') {
      check.compare(`${label}: header name ${JSON.stringify(p.name)} sent`, true, sentHeaderNames.has(p.name.toLowerCase()));
      check.compare(`${label}: header ${JSON.stringify(p.name)} value`, value, header(got.headers, p.name.toLowerCase()));
    }
    if (p.in === 'cookie') check.compare(`${label}: cookie ${JSON.stringify(p.name)}`, value, cookies.get(p.name) ?? null);
  }
  if (op.body !== undefined) {
    const essence = (text: string): string => (text.split(';')[0] ?? '').trim().toLowerCase();
    const declared = essence(op.body.mediaTypes[0] ?? '');
    if (!declared.includes('*'))
      check.compare(`${label}: Content-Type sent`, declared, essence(header(got.headers, 'content-type') ?? ''));
  }
}

/** Compares the API descriptor with the spec's info, servers and security schemes. */
export function checkApi(check: Checker, api: ApiDescriptorLike): void {
  const { expect } = check;
  check.compare('info.title in the API descriptor', expect.title, api.title);
  check.compare('info.version in the API descriptor', expect.version, api.version);
  check.compare(
    'servers[].url in the API descriptor',
    expect.serverUrls,
    api.servers.map((s) => s.url),
  );
  check.compare(
    'security scheme names',
    expect.securitySchemes.map((s) => s.name).sort(),
    Object.keys(api.securitySchemes).sort(),
  );
  for (const scheme of expect.securitySchemes) {
    const got = Object.hasOwn(api.securitySchemes, scheme.name) ? api.securitySchemes[scheme.name] : undefined;
    if (scheme.paramName !== undefined)
      check.compare(`security scheme ${JSON.stringify(scheme.name)} parameter name`, scheme.paramName, got?.name ?? null);
  }
}
