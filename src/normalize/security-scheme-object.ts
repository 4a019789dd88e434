/** Security Scheme Objects and Security Requirements (OAS 3.1 §4.8.27, §4.8.30). */
import type * as ir from '../ir/index.js';
import type { OAuthFlowsDescriptor } from '../../runtime/client/descriptor.js';
import { isObject, stringOrUndefined, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { isHeaderName } from '../../runtime/request/header-name.js';

export function normalizeSecurityRequirements(raw: unknown): ir.SecurityRequirement[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).map((requirement) => {
    const out: Record<string, string[]> = {};
    for (const [name, scopes] of Object.entries(requirement)) {
      const list = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
      Object.defineProperty(out, name, { value: list, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

export function normalizeSecuritySchemes(raw: unknown, pointer: string, ctx: NormalizeContext): ir.Document['securitySchemes'] {
  if (!isObject(raw)) return [];
  const out: ir.Document['securitySchemes'] = [];
  for (const [name, value] of Object.entries(raw)) {
    const resolved = ctx.deref(value, appendPointer(pointer, name));
    if (!resolved || !isObject(resolved.value)) continue;
    const scheme = normalizeScheme(resolved.value, resolved.pointer, ctx);
    if (scheme) out.push({ name, scheme });
  }
  return out;
}

function normalizeScheme(raw: Record<string, unknown>, pointer: string, ctx: NormalizeContext): ir.SecurityScheme | undefined {
  const description = stringOrUndefined(raw['description']);
  const withDescription = (scheme: ir.SecurityScheme): ir.SecurityScheme =>
    description === undefined ? scheme : { ...scheme, description };
  switch (raw['type']) {
    case 'apiKey': {
      const where = raw['in'];
      if (typeof raw['name'] !== 'string' || (where !== 'header' && where !== 'query' && where !== 'cookie')) break;
      if (where === 'header' && !isHeaderName(raw['name'])) {
        ctx.warn(
          'INVALID_HEADER_NAME',
          `apiKey header name ${JSON.stringify(raw['name'].slice(0, 60))} is not a valid HTTP header name (RFC 9110 §5.1); calls that need this scheme will fail with a ConfigurationError`,
          appendPointer(pointer, 'name'),
        );
      }
      return withDescription({ type: 'apiKey', name: raw['name'], in: where });
    }
    case 'http': {
      if (typeof raw['scheme'] !== 'string') break;
      const bearerFormat = stringOrUndefined(raw['bearerFormat']);
      const scheme = { type: 'http' as const, scheme: raw['scheme'].toLowerCase() };
      return withDescription(bearerFormat === undefined ? scheme : { ...scheme, bearerFormat });
    }
    case 'oauth2':
      return withDescription({ type: 'oauth2', flows: normalizeFlows(raw['flows']) });
    case 'openIdConnect':
      if (typeof raw['openIdConnectUrl'] !== 'string') break;
      return withDescription({ type: 'openIdConnect', openIdConnectUrl: raw['openIdConnectUrl'] });
    case 'mutualTLS':
      return withDescription({ type: 'mutualTLS' });
    default:
      break;
  }
  ctx.warn('INVALID_SECURITY_SCHEME', 'security scheme is incomplete or of an unknown type; ignored', pointer);
  return undefined;
}

function normalizeFlows(raw: unknown): OAuthFlowsDescriptor {
  if (!isObject(raw)) return {};
  const scopes = (flow: Record<string, unknown>) => (isObject(flow['scopes']) ? Object.keys(flow['scopes']) : []);
  const optional = (flow: Record<string, unknown>) => {
    const refreshUrl = stringOrUndefined(flow['refreshUrl']);
    return refreshUrl === undefined ? {} : { refreshUrl };
  };
  const flows: { -readonly [K in keyof OAuthFlowsDescriptor]: OAuthFlowsDescriptor[K] } = {};
  const cc = raw['clientCredentials'];
  if (isObject(cc) && typeof cc['tokenUrl'] === 'string') {
    flows.clientCredentials = { tokenUrl: cc['tokenUrl'], scopes: scopes(cc), ...optional(cc) };
  }
  const code = raw['authorizationCode'];
  if (isObject(code) && typeof code['tokenUrl'] === 'string' && typeof code['authorizationUrl'] === 'string') {
    flows.authorizationCode = {
      authorizationUrl: code['authorizationUrl'],
      tokenUrl: code['tokenUrl'],
      scopes: scopes(code),
      ...optional(code),
    };
  }
  const password = raw['password'];
  if (isObject(password) && typeof password['tokenUrl'] === 'string') {
    flows.password = { tokenUrl: password['tokenUrl'], scopes: scopes(password), ...optional(password) };
  }
  const implicit = raw['implicit'];
  if (isObject(implicit) && typeof implicit['authorizationUrl'] === 'string') {
    flows.implicit = { authorizationUrl: implicit['authorizationUrl'], scopes: scopes(implicit) };
  }
  return flows;
}
