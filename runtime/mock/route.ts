/**
 * The URL pattern a mock handler answers: the operation's path under any of the spec's servers
 * (any value of a server variable), or under the `baseUrl` the test passes. A RegExp rather than
 * msw's path syntax, because spec paths and server URLs may hold characters that syntax gives a
 * meaning to (`:`, `(`, `*`, `+`).
 */
import type { ServerDescriptor } from '../client/descriptor.js';
import { encodePathLiteral } from '../request/url.js';
import type { MockApi, MockOperation } from './mock-schema.js';

const absolute = /^([^/?#]*:\/\/[^/]*)(.*)$/;
const anyOrigin = '[a-z][a-z0-9+.-]*://[^/]+';

export function mockRoute(api: MockApi, operation: MockOperation, baseUrl?: string): RegExp {
  const servers: readonly ServerDescriptor[] =
    baseUrl !== undefined ? [{ url: baseUrl }] : (operation.servers ?? (api.servers.length > 0 ? api.servers : [{ url: '' }]));
  const bases = [...new Set(servers.map((server) => serverPattern(server.url)))];
  return new RegExp(`^(?:${bases.join('|')})${pathPattern(operation.path)}/?$`);
}

/** Variables match any value: a test may point the client at any of the servers the spec allows. */
function serverPattern(template: string): string {
  const url = template.replace(/\/+$/, '');
  // `{server}/api`: the variable may hold the origin, so it matches anything up to the path.
  if (url.startsWith('{')) return templatePattern(url, '[^?#]*?');
  const match = absolute.exec(url);
  // Relative server URLs (`/v1`) resolve against wherever the client runs: any origin.
  const origin = match === null ? anyOrigin : templatePattern((match[1] ?? '').toLowerCase(), '[^/?#]*');
  const path = match === null ? url.replace(/^\.?\/?/, url === '' ? '' : '/') : (match[2] ?? '');
  return origin + templatePattern(path, '[^/?#]*');
}

/** The path template with every `{name}` matching one segment's worth of text; a `?…` suffix (a query written into the path key) is not part of the path. */
function pathPattern(template: string): string {
  const path = template.split('?')[0] ?? '';
  return templatePattern(path, '[^/]+', encodePathLiteral);
}

function templatePattern(template: string, variable: string, encode: (text: string) => string = (text) => text): string {
  return template
    .split(/(\{[^{}]*\})/)
    .map((part) => (/^\{[^{}]*\}$/.test(part) ? variable : escapeRegExp(encode(part))))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
