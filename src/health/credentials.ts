/**
 * Credentials for the health probe, read from the same environment variables the generated
 * client reads (plan/readme-data.ts `environmentVariables`). Values never leave this module except
 * inside the request they authenticate.
 */
import type * as ir from '../ir/index.js';
import type { ClientPlan, PlannedScheme } from '../plan/plan-types.js';
import { environmentVariables } from '../plan/readme-data.js';
import type { HealthCredentials } from './health-report.js';

export interface ProbeCredentials {
  summary: HealthCredentials;
  headers: Record<string, string>;
  query: [string, string][];
}

type Env = Readonly<Record<string, string | undefined>>;

interface Applied {
  headers: Record<string, string>;
  query: [string, string][];
  cookies: string[];
}

export function readCredentials(plan: ClientPlan, operation: ir.Operation | undefined, env: Env): ProbeCredentials {
  const requirements = operation?.security ?? plan.document.security;
  const none: ProbeCredentials = { summary: { status: 'not-required', schemes: [], envVars: [] }, headers: {}, query: [] };
  if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)) return none;
  const schemes = new Map(plan.schemes.map((planned) => [planned.name, planned]));
  let firstSendable: { schemes: string[]; envVars: string[] } | undefined;
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    const planned = names.map((name) => schemes.get(name));
    if (!planned.every((scheme): scheme is PlannedScheme => scheme !== undefined && sendable(scheme.scheme))) continue;
    const envVars = planned.flatMap((scheme) => environmentVariables(scheme).map((variable) => variable.name));
    firstSendable ??= { schemes: names, envVars };
    if (!envVars.every((name) => (env[name] ?? '') !== '')) continue;
    const applied: Applied = { headers: {}, query: [], cookies: [] };
    for (const scheme of planned) apply(scheme, env, applied);
    if (applied.cookies.length > 0) applied.headers['cookie'] = applied.cookies.join('; ');
    return { summary: { status: 'accepted', schemes: names, envVars }, headers: applied.headers, query: applied.query };
  }
  if (firstSendable) return { summary: { status: 'missing', ...firstSendable }, headers: {}, query: [] };
  const first = Object.keys(requirements[0] ?? {});
  return { summary: { status: 'not-checked', schemes: first, envVars: [] }, headers: {}, query: [] };
}

/** Schemes a GET can carry from environment values alone. */
function sendable(scheme: ir.SecurityScheme): boolean {
  if (scheme.type === 'apiKey') return true;
  return scheme.type === 'http' && ['basic', 'bearer'].includes(scheme.scheme.toLowerCase());
}

function apply(planned: PlannedScheme, env: Env, applied: Applied): void {
  const scheme = planned.scheme;
  if (scheme.type === 'apiKey') {
    const value = env[planned.env] ?? '';
    if (scheme.in === 'header') applied.headers[scheme.name.toLowerCase()] = value;
    else if (scheme.in === 'query') applied.query.push([scheme.name, value]);
    else applied.cookies.push(`${scheme.name}=${encodeURIComponent(value)}`);
  } else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') {
    const pair = `${env[`${planned.env}_USERNAME`] ?? ''}:${env[`${planned.env}_PASSWORD`] ?? ''}`;
    applied.headers['authorization'] = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else if (scheme.type === 'http') {
    applied.headers['authorization'] = `Bearer ${env[planned.env] ?? ''}`;
  }
}
