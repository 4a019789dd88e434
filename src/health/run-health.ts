/**
 * `apiwright health`: DNS → TCP → TLS → N timed requests to one safe operation, stopping at the
 * first step that fails. Every step has a timeout, so a server that never answers ends the run
 * within (steps + probes) × timeout.
 */
import type { ClientPlan } from '../plan/plan-types.js';
import { isRateLimitHeader } from '../inspect/rate-limit-info.js';
import { chooseOperation, type ChosenOperation } from './choose-operation.js';
import { readCredentials } from './credentials.js';
import type { HealthCredentials, HealthHttp, HealthReport } from './health-report.js';
import { percentile, probe, type ProbeResult } from './http-probe.js';
import { checkDns, checkTcp, checkTls } from './network-checks.js';

export interface HealthOptions {
  plan: ClientPlan;
  /** Overrides the spec's first server. */
  baseUrl?: string | undefined;
  /** operationId to call. */
  operation?: string | undefined;
  /** PEM text of extra certificate authorities. */
  ca?: string | undefined;
  probes: number;
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
}

/** A problem with the command line or the spec's servers that the user must fix (exit 2). */
export class HealthUsageError extends Error {
  override name = 'HealthUsageError';
}

export async function runHealth(options: HealthOptions): Promise<HealthReport> {
  const base = resolveBaseUrl(options);
  const chosen = chooseOperation(options.plan.document, options.operation);
  const operation = chosen.kind === 'operation' ? chosen.operation : undefined;
  const credentials = readCredentials(options.plan, operation, options.env);
  const url = requestUrl(base, chosen, credentials.query);
  const report: HealthReport = {
    reportVersion: 1,
    healthy: false,
    baseUrl: base.href,
    operation:
      chosen.kind === 'operation'
        ? {
            operationId: chosen.operation.id,
            method: chosen.operation.method === 'HEAD' ? 'HEAD' : 'GET',
            path: chosen.operation.path,
            reason: chosen.reason,
          }
        : null,
    url: redactQuery(url, credentials.query),
    dns: null,
    tcp: null,
    tls: null,
    http: null,
    credentials: { ...credentials.summary, ...(credentials.summary.status === 'accepted' ? { status: 'not-checked' } : {}) },
    rateLimit: {},
    problems: [],
  };

  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || (base.protocol === 'https:' ? 443 : 80));
  report.dns = await checkDns(host, options.timeoutMs);
  if (!report.dns.ok) return fail(report, `DNS: ${report.dns.error ?? 'no address'}`);
  const address = report.dns.addresses[0] ?? host;
  report.tcp = await checkTcp(address, port, options.timeoutMs);
  if (!report.tcp.ok) return fail(report, `TCP ${address}:${port}: ${report.tcp.error ?? 'no connection'}`);
  if (base.protocol === 'https:') {
    report.tls = await checkTls(host, address, port, options.ca, options.timeoutMs);
    if (!report.tls.ok) return fail(report, `TLS: ${report.tls.error?.code ?? 'error'}: ${report.tls.error?.message ?? ''}`);
  }

  const results = await runProbes(url, operation?.method === 'HEAD' ? 'HEAD' : 'GET', credentials.headers, options);
  report.http = summarizeProbes(results);
  const last = results.at(-1);
  for (const [name, value] of Object.entries(last?.headers ?? {})) if (isRateLimitHeader(name)) report.rateLimit[name] = value;
  report.credentials = judgeCredentials(credentials.summary, results);
  report.problems.push(...httpProblems(report.http, results, report.credentials));
  report.healthy = report.problems.length === 0;
  return report;
}

function resolveBaseUrl(options: HealthOptions): URL {
  const server = options.plan.document.servers[0];
  const template =
    options.baseUrl ?? server?.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
  if (template === undefined) throw new HealthUsageError('the spec declares no server: pass --base-url <url>');
  let url: URL;
  try {
    url = new URL(template);
  } catch {
    throw new HealthUsageError(`"${template}" is not an absolute URL: pass --base-url <url>`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HealthUsageError(`health checks http(s) URLs, not ${url.protocol}`);
  return url;
}

function requestUrl(base: URL, chosen: ChosenOperation, query: readonly [string, string][]): URL {
  const url = new URL(base.href);
  if (chosen.kind === 'operation') {
    // The operation path is a literal (no required parameters), appended to the base path.
    url.pathname = `${url.pathname.replace(/\/$/, '')}${chosen.operation.path}`;
  }
  for (const [name, value] of query) url.searchParams.append(name, value);
  return url;
}

/** The URL as reported: credential query values replaced. */
function redactQuery(url: URL, query: readonly [string, string][]): string {
  const shown = new URL(url.href);
  for (const [name] of query) shown.searchParams.set(name, '[redacted]');
  return shown.href;
}

async function runProbes(
  url: URL,
  method: 'GET' | 'HEAD',
  headers: Record<string, string>,
  options: HealthOptions,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (let index = 0; index < options.probes; index++) {
    const result = await probe({ url, method, headers, ca: options.ca, timeoutMs: options.timeoutMs });
    results.push(result);
    // A probe without a response would only repeat its timeout.
    if (result.status === null) break;
  }
  return results;
}

function summarizeProbes(results: readonly ProbeResult[]): HealthHttp {
  const answered = results.filter((result) => result.status !== null);
  const times = answered.map((result) => result.ms).sort((a, b) => a - b);
  const failure = results.find((result) => result.error !== undefined);
  return {
    ok: answered.length === results.length && answered.every((result) => isOk(result.status)),
    probes: results.length,
    statuses: results.map((result) => result.status),
    latencyMs:
      times.length === 0
        ? null
        : { p50: percentile(times, 0.5), p95: percentile(times, 0.95), min: times[0] ?? 0, max: times.at(-1) ?? 0 },
    ...(failure?.error === undefined ? {} : { error: failure.error }),
  };
}

function judgeCredentials(summary: HealthCredentials, results: readonly ProbeResult[]): HealthCredentials {
  if (summary.status !== 'accepted') return summary;
  if (results.some((result) => result.status === 401 || result.status === 403)) return { ...summary, status: 'rejected' };
  return results.some((result) => result.status !== null) ? summary : { ...summary, status: 'not-checked' };
}

function httpProblems(http: HealthHttp, results: readonly ProbeResult[], credentials: HealthCredentials): string[] {
  if (http.error !== undefined && results.every((result) => result.status === null)) return [`HTTP: ${http.error}`];
  const problems: string[] = [];
  const statuses = new Set(results.map((result) => result.status).filter((status): status is number => status !== null));
  for (const status of [...statuses].sort((a, b) => a - b)) {
    if (isOk(status)) continue;
    if (status === 401 || status === 403) problems.push(authProblem(status, credentials));
    else if (status === 429) problems.push('HTTP 429: rate limited');
    else problems.push(`HTTP ${status}${status >= 500 ? ': the server reports an error' : ''}`);
  }
  if (http.error !== undefined) problems.push(`HTTP: ${http.error}`);
  return problems;
}

function authProblem(status: number, credentials: HealthCredentials): string {
  const verdict = status === 401 ? 'not accepted' : 'not allowed for this operation';
  switch (credentials.status) {
    case 'rejected':
      return `HTTP ${status}: the credentials from ${credentials.envVars.join(', ')} were ${verdict}`;
    case 'missing':
      return `HTTP ${status}: no credentials sent; set ${credentials.envVars.join(', ')}`;
    default:
      return `HTTP ${status}: credentials ${verdict}`;
  }
}

function isOk(status: number | null): boolean {
  return status !== null && status >= 200 && status < 400;
}

function fail(report: HealthReport, problem: string): HealthReport {
  report.problems.push(problem);
  report.healthy = false;
  return report;
}
