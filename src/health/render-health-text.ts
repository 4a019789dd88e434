/** The health report as lines a person reads top to bottom, one per step. */
import { sanitizeText } from '../inspect/sanitize-report.js';
import type { HealthReport } from './health-report.js';

export function renderHealthText(report: HealthReport): string {
  const lines: string[] = [];
  const mark = (ok: boolean): string => (ok ? 'ok  ' : 'FAIL');
  lines.push(`${report.healthy ? 'healthy' : 'UNHEALTHY'}: ${report.url}`);
  lines.push(
    report.operation === null
      ? '  operation: none (no GET without required parameters; the base URL is probed)'
      : `  operation: ${report.operation.method} ${report.operation.path} (${report.operation.operationId}, ${describeReason(report.operation.reason)})`,
  );
  if (report.dns) {
    lines.push(
      `  ${mark(report.dns.ok)} DNS  ${report.dns.host} → ${report.dns.ok ? report.dns.addresses.join(', ') : (report.dns.error ?? '')} (${report.dns.ms} ms)`,
    );
  }
  if (report.tcp) {
    lines.push(
      `  ${mark(report.tcp.ok)} TCP  ${report.tcp.address}:${report.tcp.port}${report.tcp.error === undefined ? '' : ` ${report.tcp.error}`} (${report.tcp.ms} ms)`,
    );
  }
  if (report.tls) {
    const tls = report.tls;
    const detail = tls.ok
      ? `${tls.protocol ?? ''}, subject ${tls.subject ?? '?'}, issuer ${tls.issuer ?? '?'}, expires in ${tls.daysUntilExpiry ?? '?'} days${tls.customCa ? ', trusted through --ca' : ''}`
      : `${tls.error?.code ?? ''}: ${tls.error?.message ?? ''}`;
    lines.push(`  ${mark(tls.ok)} TLS  ${detail} (${tls.ms} ms)`);
  }
  if (report.http) {
    const http = report.http;
    const latency = http.latencyMs === null ? '' : `, p50 ${http.latencyMs.p50} ms, p95 ${http.latencyMs.p95} ms`;
    const statuses = http.statuses.map((status) => (status === null ? '—' : String(status))).join(' ');
    lines.push(
      `  ${mark(http.ok)} HTTP ${http.probes} probe${http.probes === 1 ? '' : 's'}: ${statuses}${latency}${http.error === undefined ? '' : ` (${http.error})`}`,
    );
  }
  lines.push(`  credentials: ${describeCredentials(report.credentials)}`);
  const limits = Object.entries(report.rateLimit);
  if (limits.length > 0) lines.push(`  rate limit: ${limits.map(([name, value]) => `${name}: ${value}`).join(', ')}`);
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  return `${lines.map(sanitizeText).join('\n')}\n`;
}

function describeReason(reason: NonNullable<HealthReport['operation']>['reason']): string {
  switch (reason) {
    case 'named':
      return 'named with --operation';
    case 'health-endpoint':
      return 'a health endpoint';
    case 'first-get':
      return 'the first GET without required parameters';
  }
}

function describeCredentials(credentials: HealthReport['credentials']): string {
  const from = credentials.envVars.length === 0 ? '' : ` (${credentials.envVars.join(', ')})`;
  switch (credentials.status) {
    case 'not-required':
      return 'none needed';
    case 'accepted':
      return `accepted${from}`;
    case 'rejected':
      return `rejected${from}`;
    case 'missing':
      return `missing: set ${credentials.envVars.join(', ')}`;
    case 'not-checked':
      return `not checked (${credentials.schemes.join(', ') || 'no response'})`;
  }
}
